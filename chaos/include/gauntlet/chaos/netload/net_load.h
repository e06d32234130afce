#pragma once
/// Network load: HTTP/1.1 keep-alive or raw TCP request/response over N
/// connections, open loop (fixed arrival rate, latency measured from each
/// request's intended send time: coordinated-omission corrected) or closed
/// loop (each connection sends its next request when the previous completes).
/// Always bounded by a duration and optionally by a request count.
#include "gauntlet/chaos/netload/endpoint.h"
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/metrics/histogram_snapshot.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gauntlet::chaos::netload {

enum class Protocol { kHttp, kRawTcp };
enum class LoadLoop { kOpen, kClosed };

struct NetLoadSpec {
  Endpoint target;                       ///< loopback unless `allow_remote`
  Protocol protocol = Protocol::kHttp;
  std::string path = "/";                ///< HTTP: GET target
  std::string raw_request = "ping\n";    ///< raw TCP: bytes sent per request
  std::size_t raw_response_bytes = 5;    ///< raw TCP: a reply is complete after this many bytes
  int connections = 8;
  int threads = 1;                       ///< I/O threads; connections are spread over them
  LoadLoop loop = LoadLoop::kClosed;
  double rate = 0;                       ///< open loop: requests per second over all connections
  Nanos duration_ns = kNanosPerSecond;   ///< hard bound on the run
  std::uint64_t max_requests = 0;        ///< also stop after this many sends (0: no count bound)
  Nanos request_timeout_ns = 5 * kNanosPerSecond;
  Nanos sample_interval_ns = 100 * kNanosPerMilli;  ///< timeline resolution
  bool allow_remote = false;
  /// kInvalidArgument naming the field (connections/threads 1..10000, open
  /// loop needs rate > 0, duration > 0, remote target without allow_remote).
  Status validate() const;
};

/// One timeline interval [t - interval, t) of the run, by completion time.
struct NetSample {
  Nanos t = 0;
  std::uint64_t completed = 0;
  std::uint64_t failed = 0;
};

/// What a run measured. Latencies in nanoseconds.
struct NetLoadResult {
  std::uint64_t sent = 0;
  std::uint64_t succeeded = 0;      ///< HTTP 2xx, or a complete raw reply
  std::uint64_t failed = 0;         ///< non-2xx, connection errors and timeouts
  std::uint64_t timeouts = 0;       ///< of `failed`: no reply within request_timeout_ns
  std::uint64_t connection_errors = 0;  ///< of `failed`: reset, refused, closed mid-reply
  std::uint64_t not_sent = 0;       ///< open loop: due before the end but never sent
  std::uint64_t bytes_received = 0;
  Nanos elapsed_ns = 0;
  double requests_per_second = 0;   ///< completed (succeeded + failed) per second
  std::map<int, std::uint64_t> status_counts;
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
