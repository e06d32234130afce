#pragma once
// Reads a service scenario file into a Scenario whose target factory starts
// the declared system for each run.
#include <memory>

#include "gauntlet/chaos/service/service_scenario.h"
#include "service/service_spec.h"
#include "yaml/scenario_fields.h"

namespace gauntlet::chaos::service::detail {

class ServiceYamlReader {
 public:
  ServiceYamlReader(std::string_view source, std::filesystem::path dir, const ServiceFileOptions& options)
      : f_(source), dir_(std::move(dir)), options_(options) {}

  /// Throws chaos::detail::FieldError (read_fields converts it).
  Scenario read(const YAML::Node& root);

 private:
  // service_yaml_reader.cpp
  std::vector<ProcessDecl> processes(const YAML::Node& node) const;
  ReadyDecl ready(const YAML::Node& node, const std::string& at) const;
  std::vector<EndpointDecl> endpoints(const YAML::Node& node) const;
  std::vector<ProxyDecl> proxies(const YAML::Node& node) const;
  std::vector<ProbeDecl> probes(const YAML::Node& node) const;
  std::string name(const YAML::Node& node, const std::string& field) const;
  void check_references(const YAML::Node& root, ServiceDecl& decl) const;
  // service_load_yaml.cpp
  LoadDecl load(const YAML::Node& node, LoadSpec& spec, Nanos scenario_duration) const;
  std::vector<std::pair<int, int>> statuses(const YAML::Node& node) const;
  // service_schedule_yaml.cpp
  FaultSchedule schedule(const YAML::Node& node, Nanos duration, ServiceDecl& decl) const;
  proxy::Toxic toxic(const YAML::Node& node, const std::string& at) const;

  chaos::detail::ScenarioFields f_;
  std::filesystem::path dir_;
  const ServiceFileOptions& options_;
};

}  // namespace gauntlet::chaos::service::detail
