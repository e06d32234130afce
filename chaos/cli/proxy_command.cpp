// `gauntlet proxy`: the TCP fault proxy with its Toxiproxy-compatible HTTP
// control API, standalone. Runs until SIGINT/SIGTERM (or --duration).
#include "gauntlet/chaos/proxy/control_api.h"
#include "gauntlet/chaos/proxy/proxy_json.h"
#include "gauntlet/cli/command_registry.h"
#include "gauntlet/cli/validators.h"
#include "gauntlet/harness/input_file.h"
#include "gauntlet/harness/json_document.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

namespace gauntlet::chaos::proxy {
namespace {

struct ProxyCommandOptions {
  std::string host = "127.0.0.1";
  int port = kDefaultControlPort;
  std::uint64_t seed = 1;
  bool allow_remote = false;
  std::string config;  // Toxiproxy-style JSON array of proxies
  double duration_s = 0;
};

// Loads the proxies of a Toxiproxy config file; errors name the file.
Status populate_from(ProxyServer& server, const std::string& path) {
  auto text = read_input_file(path, "proxy config");
  if (!text.ok()) return text.error();
  auto parsed = parse_json_document(*text, path, "a JSON array of proxies");
  if (!parsed.ok()) return parsed.error();
  const nlohmann::json& j = *parsed;
  if (!j.is_array()) return Error(ErrorCode::kSchemaError, path + ": expected a JSON array of proxies");
  std::vector<ProxySpec> specs;
  for (std::size_t i = 0; i < j.size(); ++i) {
    auto spec = proxy_spec_from_json(j[i]);
    if (!spec.ok()) return spec.error().with_context(path + ": [" + std::to_string(i) + "]");
    specs.push_back(*spec);
  }
  auto done = server.populate(specs);
  if (!done.ok()) return done.error().with_context(path);
  return {};
}

cli::CommandResult run_proxy(const ProxyCommandOptions& o, cli::CommandIO& io) {
  auto at = netload::parse_endpoint(o.host + ":" + std::to_string(o.port), o.allow_remote, "--host/--port");
  if (!at.ok()) return at.error();
  ProxyServer server(ProxyOptions{o.seed, o.allow_remote});
  if (!o.config.empty()) {
    if (Status s = populate_from(server, o.config); !s.ok()) return s.error();
  }
  ControlApi api(server, GAUNTLET_NET_VERSION);
  auto http = ControlServer::start(api, *at);
  if (!http.ok()) return http.error();
  io.out << "gauntlet proxy: control API on http://" << (*http)->endpoint().to_string() << " (seed " << o.seed << ")\n"
         << std::flush;
  boost::asio::io_context signals_io;
  boost::asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) { signals_io.stop(); });
  if (o.duration_s > 0) {
    signals_io.run_for(std::chrono::milliseconds(static_cast<std::int64_t>(o.duration_s * 1000)));
  } else {
    signals_io.run();
  }
  return cli::Verdict::kPass;
}

// `gauntlet proxy`: its options, and the action that runs it.
cli::CommandAction define_proxy_command(CLI::App& cmd) {
  auto o = std::make_shared<ProxyCommandOptions>();
  cmd.add_option("--host", o->host, "control API address (loopback unless --allow-remote)");
  cmd.add_option("--port", o->port, "control API port")->check(CLI::Range(0, 65535));
  cmd.add_option("--seed", o->seed, "run seed: decides toxicity per connection");
  cmd.add_option("--config", o->config, "JSON array of proxies to create at start");
  cmd.add_option("--duration", o->duration_s, "stop after this many seconds (default: until SIGINT/SIGTERM)")
      ->check(cli::finite_range(0.0, 1e9));
  cmd.add_flag("--allow-remote", o->allow_remote, "permit non-loopback listen/upstream/control addresses");
  return [o](cli::CommandIO& io) -> cli::CommandResult { return run_proxy(*o, io); };
}

GAUNTLET_REGISTER_COMMAND("proxy", "TCP fault proxy with a Toxiproxy-compatible HTTP API", define_proxy_command);

}  // namespace
}  // namespace gauntlet::chaos::proxy
