#pragma once
/// nginx (Debian's /usr/sbin/nginx) as a real target: one process, a
/// temporary config on a loopback port, logs in a temporary directory.
#include "gauntlet/chaos/process/supervised_process.h"

#include <cstdint>
#include <filesystem>
#include <memory>

namespace gauntlet::chaos::process {

struct NginxOptions {
  std::filesystem::path binary = "/usr/sbin/nginx";
  std::filesystem::path dir;  ///< prefix for conf, pid and logs (created)
  std::uint16_t port = 0;     ///< 0: a free loopback port
  int body_bytes = 13;        ///< size of the 200 reply body of GET /
};

/// A loopback port that was free a moment ago (bind to port 0, read, close).
/// kUnavailable when no socket can be bound.
Result<std::uint16_t> free_loopback_port();

/// Writes the config (daemon off, master_process off, access log off,
/// `location /` answering 200 with `body_bytes` bytes) and starts nginx,
/// ready when GET / answers 2xx. kUnavailable when nginx is missing or fails.
Result<std::unique_ptr<SupervisedProcess>> launch_nginx(NginxOptions options, Clock& clock);

}  // namespace gauntlet::chaos::process
