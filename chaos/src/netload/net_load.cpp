#include "gauntlet/chaos/netload/net_load.h"

#include "http_request_mix.h"
#include "load_connection.h"
#include "load_run_state.h"

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <cmath>
#include <deque>
#include <thread>

namespace gauntlet::chaos::netload {

namespace asio = boost::asio;

Status NetLoadSpec::validate() const {
  auto bad = [](std::string_view field, std::string_view rule) {
    return Error(ErrorCode::kInvalidArgument, "net load: " + std::string(field) + " " + std::string(rule));
  };
  if (connections < 1 || connections > 10000) return bad("connections", "must be in 1..10000");
  if (threads < 1 || threads > connections) return bad("threads", "must be in 1..connections");
  if (duration_ns <= 0) return bad("duration", "must be positive");
  if (request_timeout_ns <= 0) return bad("request_timeout", "must be positive");
  if (sample_interval_ns <= 0) return bad("sample_interval", "must be positive");
  if (loop == LoadLoop::kOpen && !(rate > 0 && std::isfinite(rate)))
    return bad("rate", "must be positive for an open loop");
  if (loop == LoadLoop::kOpen && rate > kMaxNetLoadRate) return bad("rate", "must be at most 1000000 requests/s");
  if (protocol == Protocol::kRawTcp && (raw_request.empty() || (raw_expect.empty() && raw_response_bytes == 0))) {
    return bad("raw_request", "and raw_response_bytes (or raw_expect) must not be empty");
  }
  if (Status s = detail::validate_request_mix(*this); !s.ok()) return s;
  if (!is_loopback(target.host) && !allow_remote)
    return bad("target " + target.to_string(), "is not loopback (allow_remote not set)");
  return {};
}

Result<NetLoadResult> run_net_load(const NetLoadSpec& spec, Clock& clock) {
  if (Status s = spec.validate(); !s.ok()) return s.error();
  boost::system::error_code ec;
  const asio::ip::tcp::endpoint target(asio::ip::make_address(spec.target.host, ec), spec.target.port);
  if (ec) return Error(ErrorCode::kInvalidArgument, "net load: target host '" + spec.target.host + "' is not numeric");
  detail::LoadRunState run(spec, clock);
  // Each thread runs its own context; nothing is posted to it from outside,
  // so the contexts need no locking.
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::deque<detail::RequestWatchdog> watchdogs;
  const Nanos period = std::clamp<Nanos>(spec.request_timeout_ns / 8, kNanosPerMilli, 100 * kNanosPerMilli);
  for (int t = 0; t < spec.threads; ++t) {
    contexts.push_back(std::make_unique<asio::io_context>(BOOST_ASIO_CONCURRENCY_HINT_UNSAFE));
    watchdogs.emplace_back(*contexts.back(), clock, period);
  }
  std::deque<detail::LoadConnection> connections;
  for (int c = 0; c < spec.connections; ++c) {
    const auto t = static_cast<std::size_t>(c % spec.threads);
    detail::RequestWatchdog& watchdog = watchdogs[t];
    watchdog.watch(connections.emplace_back(*contexts[t], run, target, [&watchdog] { watchdog.finished(); }));
  }
  run.start();
  for (auto& w : watchdogs) w.start();
  for (auto& c : connections) c.start();
  std::vector<std::thread> threads;
  for (auto& io : contexts) threads.emplace_back([&io] { io->run(); });
  for (auto& t : threads) t.join();
  return run.finish();
}

}  // namespace gauntlet::chaos::netload
