#include "gauntlet/chaos/process/nginx.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <algorithm>
#include <fstream>

namespace gauntlet::chaos::process {

Result<std::uint16_t> free_loopback_port() {
  boost::asio::io_context io;
  boost::system::error_code ec;
  boost::asio::ip::tcp::acceptor acceptor(io);
  const boost::asio::ip::tcp::endpoint any(boost::asio::ip::make_address("127.0.0.1"), 0);
  acceptor.open(any.protocol(), ec);
  if (!ec) acceptor.bind(any, ec);
  if (ec) return Error(ErrorCode::kUnavailable, "no free loopback port: " + ec.message());
  return acceptor.local_endpoint().port();
}

Result<std::unique_ptr<SupervisedProcess>> launch_nginx(NginxOptions options, Clock& clock) {
  if (!std::filesystem::exists(options.binary)) {
    return Error(ErrorCode::kUnavailable, "nginx not found at " + options.binary.string());
  }
  if (options.dir.empty()) return Error(ErrorCode::kInvalidArgument, "nginx: dir must be set");
  std::error_code fs_ec;
  std::filesystem::create_directories(options.dir / "logs", fs_ec);
  if (fs_ec) return Error(ErrorCode::kIoError, "nginx dir '" + options.dir.string() + "': " + fs_ec.message());
  if (options.port == 0) {
    auto port = free_loopback_port();
    if (!port.ok()) return port.error();
    options.port = *port;
  }
  const std::filesystem::path conf = options.dir / "nginx.conf";
  {
    std::ofstream out(conf);
    out << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
        << "pid " << (options.dir / "nginx.pid").string() << ";\n"
        << "error_log " << (options.dir / "logs" / "error.log").string() << " warn;\n"
        << "events { worker_connections 4096; }\n"
        << "http {\n  access_log off;\n  keepalive_requests 1000000;\n"
        << "  client_body_temp_path " << (options.dir / "tmp").string() << ";\n"
        << "  server {\n    listen 127.0.0.1:" << options.port << ";\n"
        << "    location / { default_type text/plain; return 200 '"
        << std::string(static_cast<std::size_t>(std::max(0, options.body_bytes - 1)), 'x') << "\\n'; }\n  }\n}\n";
    if (!out) return Error(ErrorCode::kIoError, "cannot write " + conf.string());
  }
  ProcessSpec spec;
  spec.name = "nginx";
  spec.program = options.binary;
  spec.args = {"-p", options.dir.string(), "-c", conf.string(), "-e", (options.dir / "logs" / "error.log").string()};
  spec.log_dir = options.dir / "logs";
  spec.readiness.kind = Readiness::Kind::kHttpGet;
  spec.readiness.port = options.port;
  spec.readiness.timeout_ns = 10 * kNanosPerSecond;
  return SupervisedProcess::launch(spec, clock);
}

}  // namespace gauntlet::chaos::process
