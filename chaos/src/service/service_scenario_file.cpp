#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "gauntlet/chaos/service/service_scenario.h"
#include "service/service_yaml_reader.h"

namespace gauntlet::chaos::service {
namespace {

// Scenario files are small; a bigger one is a mistake (or /dev/zero).
constexpr std::size_t kMaxFileBytes = 4 * 1024 * 1024;

Result<std::string> read_scenario_text(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Error(ErrorCode::kIoError, fmt::format("{}: is a directory, not a scenario file", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kIoError, fmt::format("{}: cannot open scenario file", path));
  std::string text(kMaxFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxFileBytes) {
    return Error(ErrorCode::kInvalidArgument, fmt::format("{}: larger than the 4 MiB a scenario file may have", path));
  }
  return text;
}

}  // namespace

Result<Scenario> parse_service_scenario_yaml(std::string_view text, std::string_view source,
                                             const std::filesystem::path& dir, const ServiceFileOptions& options) {
  auto root = chaos::detail::load_yaml(text, source);
  if (!root) return root.error();
  auto parsed = chaos::detail::read_fields(source, [&] { return detail::ServiceYamlReader(source, dir, options).read(*root); });
  if (!parsed) return parsed.error();
  if (auto valid = parsed->validate(); !valid) return valid.error().with_context(source);
  return parsed;
}

bool is_service_scenario_yaml(std::string_view text) {
  auto root = chaos::detail::load_yaml(text, "");
  if (!root || !root->IsMap()) return false;
  try {
    return (*root)["processes"] || (*root)["endpoints"] || (*root)["proxies"];
  } catch (const YAML::Exception&) {
    return false;
  }
}

Result<Scenario> load_any_scenario_file(const std::string& path, const TargetResolver& resolve,
                                        const ServiceFileOptions& options) {
  auto text = read_scenario_text(path);
  if (!text) return text.error();
  if (!is_service_scenario_yaml(*text)) return parse_scenario_yaml(*text, path, resolve);
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(std::filesystem::path(path), ec).parent_path();
  if (ec) return Error(ErrorCode::kIoError, fmt::format("{}: {}", path, ec.message()));
  return parse_service_scenario_yaml(*text, path, dir, options);
}

}  // namespace gauntlet::chaos::service
