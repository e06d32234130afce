#pragma once
// The system under test of one service-scenario run: allocated ports, the
// fault proxies, the started processes and the checked endpoints. Stopping
// it (the destructor) stops the processes in reverse order with their stop
// signal and grace, then the proxies.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gauntlet/chaos/process/supervised_process.h"
#include "gauntlet/chaos/proxy/proxy_server.h"
#include "service/placeholders.h"
#include "service/service_spec.h"

namespace gauntlet::chaos::service::detail {

class RunningSystem {
 public:
  /// Allocates ports, truncates nothing but the logs it owns, creates the
  /// proxies, checks the endpoints and starts the processes in order, each
  /// ready before the next. kUnavailable (with the process's stderr tail),
  /// kInvalidArgument (addresses), kIoError (the log folder).
  static Result<std::unique_ptr<RunningSystem>> start(const ServiceDecl& decl, std::uint64_t seed, Clock& clock);
  ~RunningSystem();
  RunningSystem(const RunningSystem&) = delete;
  RunningSystem& operator=(const RunningSystem&) = delete;

  const ServiceDecl& decl() const noexcept { return decl_; }
  const PlaceholderValues& values() const noexcept { return values_; }
  Result<std::string> expand(std::string_view text) const { return expand_placeholders(text, values_); }
  proxy::ProxyServer& proxies() noexcept { return *proxies_; }

  /// Guards the processes: hold it while driving one.
  std::mutex& process_mutex() const noexcept { return process_mutex_; }
  /// nullptr for an unknown name. Call with process_mutex() held.
  process::SupervisedProcess* process(const std::string& name);
  const ProcessDecl* process_decl(const std::string& name) const;
  /// Expanded command lines and proxy routes, for the journal.
  std::map<std::string, std::string> describe() const;
  /// "<process>.running", "<process>.starts", "<process>.memory_peak_bytes",
  /// "<process>.memory_growth_bytes", "<proxy>.connections", "<proxy>.toxic_connections".
  std::map<std::string, double> counters() const;
  /// Reads each running process group's resident memory (call every
  /// observer interval or so): the peak is the largest high-water mark seen
  /// over every incarnation, the growth the last reading less the first of
  /// the current incarnation.
  void sample_memory();

 private:
  RunningSystem(const ServiceDecl& decl, std::uint64_t seed);
  Status allocate_ports();
  Status create_proxies();
  Status check_endpoints();
  Status start_processes(Clock& clock);
  Result<process::ProcessSpec> process_spec(const ProcessDecl& p) const;

  const ServiceDecl& decl_;
  PlaceholderValues values_;
  std::unique_ptr<proxy::ProxyServer> proxies_;
  mutable std::mutex process_mutex_;
  std::vector<std::unique_ptr<process::SupervisedProcess>> processes_;
  std::map<std::string, std::string> commands_;
  struct MemoryTrack {
    std::uint64_t first = 0, last = 0, peak = 0;
    int generation = 0;  // of the incarnation `first` was read from
  };
  std::map<std::string, MemoryTrack> memory_;  // guarded by process_mutex_
};

}  // namespace gauntlet::chaos::service::detail
