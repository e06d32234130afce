#include "gauntlet/ci/baseline_store.h"

#include "gauntlet/harness/atomic_file.h"

#include "gauntlet/harness/input_file.h"

#include <algorithm>
#include <filesystem>

namespace gauntlet::ci {
namespace {

Result<std::string> read_text(const std::string& path) { return read_input_file(path, "benchmark file"); }

}  // namespace

Result<std::string> BaselineStore::path_for(const std::string& name) const {
  const bool valid = !name.empty() && name[0] != '.' && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
  if (!valid)
    return Error(ErrorCode::kInvalidArgument,
                 "baseline name \"" + name + "\": use letters, digits, '.', '_' or '-' (not starting with '.')");
  return (std::filesystem::path(dir_) / (name + ".json")).string();
}

Status BaselineStore::save(const std::string& name, const std::string& source_file) const {
  auto target = path_for(name);
  if (!target.ok()) return target.error();
  auto text = read_text(source_file);
  if (!text.ok()) return text.error();
  auto parsed = parse_benchmark_json(*text, source_file);
  if (!parsed.ok()) return parsed.error();
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return Error(ErrorCode::kIoError, dir_ + ": cannot create directory (" + ec.message() + ")");
  return write_file_atomically(*target, *text);
}

Result<BenchmarkFile> BaselineStore::load(const std::string& name) const {
  auto path = path_for(name);
  if (!path.ok()) return path.error();
  if (!std::filesystem::exists(*path))
    return Error(ErrorCode::kNotFound, *path + ": no baseline named \"" + name + "\"");
  return read_benchmark_file(*path);
}

Status BaselineStore::promote(const std::string& from, const std::string& to) const {
  auto source = path_for(from);
  if (!source.ok()) return source.error();
  if (!std::filesystem::exists(*source))
    return Error(ErrorCode::kNotFound, *source + ": no baseline named \"" + from + "\"");
  return save(to, *source);
}

std::vector<std::string> BaselineStore::names() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec))
    if (entry.path().extension() == ".json") out.push_back(entry.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace gauntlet::ci
