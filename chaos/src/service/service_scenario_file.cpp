#include <fmt/format.h>

#include "gauntlet/harness/input_file.h"

#include "gauntlet/chaos/service/service_scenario.h"
#include "service/service_yaml_reader.h"

namespace gauntlet::chaos::service {
namespace {

// Scenario files are small; a bigger one is a mistake (or /dev/zero). A
// directory, FIFO or device is refused without blocking (bad input, exit 2).
Result<std::string> read_scenario_text(const std::string& path) {
  return read_input_file(path, "scenario file", kMaxScenarioFileBytes);
}

}  // namespace

Result<Scenario> parse_service_scenario_yaml(std::string_view text, std::string_view source,
                                             const std::filesystem::path& dir, const ServiceFileOptions& options) {
  auto root = chaos::detail::load_yaml(text, source);
  if (!root) return root.error();
  auto parsed =
      chaos::detail::read_fields(source, [&] { return detail::ServiceYamlReader(source, dir, options).read(*root); });
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
