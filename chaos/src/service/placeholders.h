#pragma once
// Placeholders in a service scenario's strings: {port:NAME}, {proxy:NAME},
// {endpoint:NAME}, {dir}, {logs}; "{{" and "}}" stand for literal braces.
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "gauntlet/harness/error.h"

namespace gauntlet::chaos::service::detail {

/// The values one run substitutes.
struct PlaceholderValues {
  std::map<std::string, std::string> ports;      ///< name -> port number
  std::map<std::string, std::string> proxies;    ///< name -> host:port
  std::map<std::string, std::string> endpoints;  ///< name -> host:port
  std::string dir;
  std::string logs;
};

/// The names a string refers to, by kind ("port", "proxy", "endpoint").
struct PlaceholderRefs {
  std::set<std::string> ports, proxies, endpoints;
};

/// Checks the syntax and collects references into `refs`. kInvalidArgument
/// naming the placeholder (unknown kind, unclosed brace, empty name).
Status scan_placeholders(std::string_view text, PlaceholderRefs& refs);

/// Substitutes every placeholder; kNotFound for a name `values` lacks.
Result<std::string> expand_placeholders(std::string_view text, const PlaceholderValues& values);

}  // namespace gauntlet::chaos::service::detail
