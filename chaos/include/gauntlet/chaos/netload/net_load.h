#pragma once
/// Network load: HTTP/1.1 (keep-alive or a connection per request, a weighted
/// mix of request templates) or raw TCP request/response over N connections,
/// open loop (fixed or time-varying arrival rate, latency measured from each
/// request's intended send time: coordinated-omission corrected) or closed
/// loop (each connection sends its next request when the previous completes).
/// Always bounded by a duration and optionally by a request count.
#include "gauntlet/chaos/netload/endpoint.h"
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/metrics/histogram_snapshot.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace gauntlet::chaos::netload {

enum class Protocol { kHttp, kRawTcp };
enum class LoadLoop { kOpen, kClosed };

/// The generator's bound on the open loop's rate (requests per second).
inline constexpr double kMaxNetLoadRate = 1'000'000;
/// Bounds on the HTTP request mix.
inline constexpr std::size_t kMaxRequestTemplates = 100;
inline constexpr std::size_t kMaxRequestBodyBytes = 1024 * 1024;

/// One kind of HTTP request in the mix.
struct HttpRequestTemplate {
  std::string method = "GET";  ///< upper-case letters only
  std::string path = "/";      ///< request target; starts with '/'
  /// Added after Host and User-Agent (a "Host" or "User-Agent" here replaces
  /// the default one). Content-Length, Transfer-Encoding and Connection are
  /// set by the generator and refused here.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;   ///< sent with Content-Length when not empty (at most 1 MiB)
  double weight = 1;  ///< relative share of requests (> 0)
};

/// How one request ended, as reported to `NetLoadSpec::on_complete`.
struct RequestOutcome {
  /// Clock times (ns): the intended send (open loop: from the schedule;
  /// closed loop: when the connection took the request), the actual send (the
  /// write; for a request that failed to connect, the start of the connect)
  /// and the completion.
  Nanos intended = 0, sent = 0, done = 0;
  /// The status of a complete HTTP response; 0 for raw TCP, timeouts and
  /// connection errors.
  int status = 0;
  bool ok = false;  ///< counts as success (status in ok_statuses; raw: a complete, expected reply)
  /// Why it failed: kStatus (status outside ok_statuses, or a raw reply other
  /// than raw_expect), kTimeout (no reply within request_timeout_ns),
  /// kConnection (refused, reset, closed mid-reply, malformed reply).
  enum class Failure { kNone, kStatus, kTimeout, kConnection } failure = Failure::kNone;
};

struct NetLoadSpec {
  Endpoint target;  ///< loopback unless `allow_remote`
  Protocol protocol = Protocol::kHttp;
  std::string path = "/";              ///< HTTP: GET target when `requests` is empty
  std::string raw_request = "ping\n";  ///< raw TCP: bytes sent per request
  std::size_t raw_response_bytes = 5;  ///< raw TCP: a reply is complete after this many bytes
  /// Raw TCP: when not empty, a reply is complete after raw_expect.size()
  /// bytes (raw_response_bytes is then unused) and succeeds only when those
  /// bytes equal raw_expect (otherwise a failure, kStatus).
  std::string raw_expect;
  int connections = 8;
  int threads = 1;  ///< I/O threads; connections are spread over them
  LoadLoop loop = LoadLoop::kClosed;
  double rate = 0;                      ///< open loop: requests per second over all connections (at most 1e6)
  Nanos duration_ns = kNanosPerSecond;  ///< hard bound on the run
  std::uint64_t max_requests = 0;       ///< also stop after this many sends (0: no count bound)
  Nanos request_timeout_ns = 5 * kNanosPerSecond;
  Nanos sample_interval_ns = 100 * kNanosPerMilli;  ///< timeline resolution
  bool allow_remote = false;

  /// HTTP: the request mix; empty means one GET of `path` (as before). Each
  /// request's template is chosen by a seeded draw (see `seed`), weighted.
  std::vector<HttpRequestTemplate> requests;
  /// HTTP: false sends `Connection: close` and opens a new connection for every request.
  bool keep_alive = true;
  /// HTTP: statuses that count as success, as inclusive ranges; default {{200, 299}}.
  std::vector<std::pair<int, int>> ok_statuses{{200, 299}};
  /// Open loop: requests per second at time t since the run's start (ns); when
  /// set it replaces `rate` (which must still be > 0 as the validation bound
  /// and is used for nothing else). The next intended send after one at t is
  /// at t + 1e9 / rate_at(t); where rate_at(t) <= 0 (or NaN) the schedule
  /// advances by 1 ms without sending. Values above 1e6 count as 1e6. Called
  /// under a lock from the I/O threads: must be cheap and thread-safe.
  std::function<double(Nanos)> rate_at;
  /// Seed of the request-mix draws; the same seed gives the same sequence of
  /// templates by request number (the n-th request taken from the schedule).
  std::uint64_t seed = 1;
  /// Called once per finished request from the I/O threads (so it must be
  /// thread-safe and fast). Every request issued ends in exactly one call.
  std::function<void(const RequestOutcome&)> on_complete;
  /// Open loop: called once at the end, from the calling thread, with the
  /// count of requests due before the end but never sent (only when > 0).
  std::function<void(std::uint64_t)> on_not_sent;
  /// Called with the clock time the run starts at (t = 0 of the schedule),
  /// from the calling thread, before the first send.
  std::function<void(Nanos)> on_start;

  /// kInvalidArgument naming the field: connections 1..10000, threads
  /// 1..connections, open loop needs 0 < rate <= 1e6, durations > 0, remote
  /// target without allow_remote, raw request/reply sizes, and the HTTP mix
  /// (at most 100 templates; weight finite and > 0; method A-Z; path starting
  /// with '/' without spaces or control characters; header names tokens and
  /// values without CR/LF; body at most 1 MiB; ok_statuses not empty, each
  /// range within 100..599 with lo <= hi).
  Status validate() const;
};

/// One timeline interval [t - interval, t) of the run, by completion time.
struct NetSample {
  Nanos t = 0;
  std::uint64_t completed = 0;
  std::uint64_t failed = 0;
};

/// What a run measured. Latencies in nanoseconds.
/// Conservation: sent == succeeded + failed, and in the open loop sent +
/// not_sent is every send due before the end (closed loop: not_sent is 0).
struct NetLoadResult {
  std::uint64_t sent = 0;               ///< requests issued (each ends in one on_complete)
  std::uint64_t succeeded = 0;          ///< HTTP status in ok_statuses, or a complete (expected) raw reply
  std::uint64_t failed = 0;             ///< status failures, connection errors and timeouts
  std::uint64_t timeouts = 0;           ///< of `failed`: no reply within request_timeout_ns
  std::uint64_t connection_errors = 0;  ///< of `failed`: reset, refused, closed mid-reply
  std::uint64_t not_sent = 0;           ///< open loop: due before the end but never sent
  std::uint64_t bytes_received = 0;
  Nanos elapsed_ns = 0;
  double requests_per_second = 0;              ///< completed (succeeded + failed) per second
  std::map<int, std::uint64_t> status_counts;  ///< statuses of complete HTTP responses (ok or not)
  /// Corrected: from the intended send time (closed loop: from the send).
  metrics::HistogramSnapshot latency{metrics::detail::LogLinearLayout(1.0, 3.6e12)};
  /// From the actual send.
  metrics::HistogramSnapshot service{metrics::detail::LogLinearLayout(1.0, 3.6e12)};
  std::vector<NetSample> timeline;
};

/// Runs the load; time stamps come from `clock` (use the RealClock).
/// kInvalidArgument for a bad spec.
Result<NetLoadResult> run_net_load(const NetLoadSpec& spec, Clock& clock);

}  // namespace gauntlet::chaos::netload
