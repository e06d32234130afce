#pragma once
// A service scenario as declared in its file, before a run: strings still
// carry placeholders ({port:x}, {proxy:x}, {endpoint:x}, {dir}, {logs}) that
// each run expands.
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gauntlet/chaos/netload/net_load.h"
#include "gauntlet/chaos/proxy/toxic.h"
#include "gauntlet/harness/clock.h"

namespace gauntlet::chaos::service::detail {

struct ReadyDecl {
  enum class Kind { kNone, kTcp, kHttp, kLog } kind = Kind::kNone;
  std::string what;  ///< address, URL or regex
  Nanos timeout = 10 * kNanosPerSecond;
};

struct ProcessDecl {
  std::string name;
  std::vector<std::string> command;  ///< program and arguments
  std::map<std::string, std::string> env;
  std::string cwd;  ///< empty: the file's folder
  ReadyDecl ready;
  int stop_signal = 15;  ///< SIGTERM
  Nanos stop_grace = 5 * kNanosPerSecond;
  bool restart_always = false;  ///< restarted when it exits by itself
};

struct EndpointDecl {
  std::string name;
  std::string address;
};

struct ProxyDecl {
  std::string name;
  std::string listen;  ///< empty: a free loopback port
  std::string upstream;
};

struct LoadDecl {
  netload::Protocol protocol = netload::Protocol::kHttp;
  std::string target;  ///< http: base URL; tcp: host:port
  std::vector<netload::HttpRequestTemplate> requests;
  std::vector<std::pair<int, int>> ok_statuses{{200, 299}};
  bool keep_alive = true;
  Nanos timeout = 5 * kNanosPerSecond;
  std::string send;    ///< tcp
  std::string expect;  ///< tcp
  int threads = 1;
};

/// What a schedule entry does while its window is in force.
struct ActionDecl {
  enum class Kind { kToxic, kProxyDown, kKill, kTerm, kPause, kRestart } kind = Kind::kToxic;
  std::string proxy;    ///< toxic, proxy down
  std::string process;  ///< kill, term, pause, restart
  proxy::Toxic toxic;   ///< kToxic: its toxicity (or latency) is the ramp's full value
  bool restore = true;  ///< undone when the window ends (false: no end given)
};

struct ProbeDecl {
  std::string name;
  std::string url;                   ///< http probe
  std::vector<std::string> command;  ///< command probe
  int status = 0;                    ///< 0: any 2xx
  std::string body_contains;
  int exit_code = 0;
  std::string output_contains;
  Nanos timeout = 5 * kNanosPerSecond;
};

struct ServiceDecl {
  std::string scenario;
  std::filesystem::path dir;   ///< the scenario file's folder
  std::filesystem::path logs;  ///< this scenario's log folder
  bool allow_remote = false;
  std::vector<ProcessDecl> processes;
  std::vector<EndpointDecl> endpoints;
  std::vector<ProxyDecl> proxies;
  LoadDecl load;
  std::map<std::string, ActionDecl> actions;  ///< schedule point -> action
  std::vector<ProbeDecl> probes;
  std::set<std::string> ports;  ///< every {port:NAME} the file names
};

}  // namespace gauntlet::chaos::service::detail
