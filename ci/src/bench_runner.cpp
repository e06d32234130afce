#include "gauntlet/ci/bench_runner.h"

#include "gauntlet/ci/benchmark_file.h"
#include "nonfinite_tokens.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

extern char** environ;

namespace gauntlet::ci {
namespace {

using nlohmann::json;

// Runs one invocation and returns its JSON output text.
Result<std::string> invoke(const BenchCommand& cmd, const BenchRunOptions& o) {
  char tmpl[] = "/tmp/gauntlet_bench_XXXXXX";
  const int fd = ::mkstemp(tmpl);
  if (fd < 0) return Error(ErrorCode::kIoError, std::string("cannot create a temp file: ") + std::strerror(errno));
  ::close(fd);
  const std::string out_path = tmpl;
  std::vector<std::string> args{cmd.binary, "--benchmark_out=" + out_path, "--benchmark_out_format=json",
                                "--benchmark_format=json",
                                "--benchmark_repetitions=" + std::to_string(o.repetitions)};
  if (o.random_interleaving) args.push_back("--benchmark_enable_random_interleaving=true");
  if (!o.filter.empty()) args.push_back("--benchmark_filter=" + o.filter);
  if (!o.min_time.empty()) args.push_back("--benchmark_min_time=" + o.min_time);
  args.insert(args.end(), cmd.args.begin(), cmd.args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::map<std::string, std::string> env_map;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv(*e);
    const auto eq = kv.find('=');
    if (eq != std::string::npos) env_map[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : cmd.env) env_map[k] = v;
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : env_map) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, cmd.binary.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    std::filesystem::remove(out_path);
    return Error(ErrorCode::kUnavailable, cmd.binary + ": cannot start (" + std::strerror(rc) + ")");
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::ifstream in(out_path);
  std::ostringstream buf;
  buf << in.rdbuf();
  std::filesystem::remove(out_path);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Error(ErrorCode::kUnavailable, cmd.binary + ": exited with status " +
                                              std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1));
  return buf.str();
}

// Merges invocations of one side into one Google Benchmark document.
class SideMerger {
 public:
  /// Adds one invocation's rows tagged with `round`.
  Status add(const std::string& text, const std::string& source, int round) {
    json doc = json::parse(detail::quote_nonfinite_tokens(text), nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("benchmarks"))
      return Error(ErrorCode::kParseError, source + ": benchmark output is not Google Benchmark JSON");
    if (merged_.is_null()) {
      merged_ = json::object();
      merged_["context"] = doc.value("context", json::object());
      merged_["benchmarks"] = json::array();
    }
    for (json& row : doc["benchmarks"]) {
      if (row.value("run_type", "iteration") != "iteration") continue;
      const std::string run_name = row.value("run_name", row.value("name", ""));
      row["repetition_index"] = next_index_[run_name]++;
      row[std::string(kRoundKey)] = round;
      merged_["benchmarks"].push_back(std::move(row));
    }
    rounds_ = std::max(rounds_, round + 1);
    return Status::Ok();
  }

  void set_context(std::string_view key, const std::string& value) {
    if (merged_.is_null()) return;
    merged_["context"][std::string(key)] = value;
  }

  std::string text() {
    if (merged_.is_null()) return {};
    merged_["context"]["gauntlet_rounds"] = rounds_;
    for (json& row : merged_["benchmarks"]) row["repetitions"] = next_index_[row.value("run_name", row.value("name", ""))];
    std::string out = merged_.dump(2);
    // Restore Google Benchmark's bare non-finite tokens.
    const std::pair<std::string, std::string> back[] = {
        {": \"-Infini\"", ": -Infinity"}, {": \"Infini\"", ": Infinity"}, {": \"-N\"", ": -NaN"}, {": \"N\"", ": NaN"}};
    for (const auto& [from, to] : back)
      for (std::size_t p = out.find(from); p != std::string::npos; p = out.find(from, p + to.size()))
        out.replace(p, from.size(), to);
    return out + "\n";
  }

 private:
  json merged_;
  int rounds_ = 0;
  std::map<std::string, int> next_index_;
};

Status check_options(const BenchRunOptions& o) {
  if (o.rounds < 1 || o.repetitions < 1)
    return Error(ErrorCode::kInvalidArgument, "bench run: rounds and repetitions must be at least 1");
  return Status::Ok();
}

}  // namespace

Result<BenchRunOutput> run_benchmarks(const BenchCommand& a, const BenchRunOptions& options) {
  if (Status s = check_options(options); !s.ok()) return s.error();
  SideMerger side;
  for (int r = 0; r < options.rounds; ++r) {
    auto text = invoke(a, options);
    if (!text.ok()) return text.error();
    if (Status s = side.add(*text, a.binary, r); !s.ok()) return s.error();
  }
  return BenchRunOutput{side.text(), {}};
}

struct InterleavedRun::Sides {
  SideMerger a, b;
  int rounds = 0;
  // An identifier, not a random decision: names this run in both outputs.
  std::string pair =
      fmt::format("{:x}-{:x}", ::getpid(), std::chrono::system_clock::now().time_since_epoch().count());
};

InterleavedRun::InterleavedRun(BenchCommand a, BenchCommand b, BenchRunOptions options)
    : a_(std::move(a)), b_(std::move(b)), options_(std::move(options)), sides_(std::make_unique<Sides>()) {}
InterleavedRun::~InterleavedRun() = default;
InterleavedRun::InterleavedRun(InterleavedRun&&) noexcept = default;
InterleavedRun& InterleavedRun::operator=(InterleavedRun&&) noexcept = default;

int InterleavedRun::rounds() const noexcept { return sides_->rounds; }

Status InterleavedRun::add_rounds(int rounds, const std::string& filter) {
  BenchRunOptions o = options_;
  if (!filter.empty()) o.filter = filter;
  // A B, B A, A B, ...: a round's two processes are a pair, and alternating
  // who goes first keeps "ran first" (warm caches, a drifting machine) from
  // favouring one side.
  for (int k = 0; k < rounds; ++k) {
    const int r = sides_->rounds;
    for (const bool run_a : {r % 2 == 0, r % 2 != 0}) {
      const BenchCommand& cmd = run_a ? a_ : b_;
      auto text = invoke(cmd, o);
      if (!text.ok()) return text.error();
      if (Status s = (run_a ? sides_->a : sides_->b).add(*text, cmd.binary, r); !s.ok()) return s.error();
    }
    ++sides_->rounds;
  }
  return Status::Ok();
}

BenchRunOutput InterleavedRun::output(const std::vector<std::pair<std::string, std::string>>& context) const {
  SideMerger a = sides_->a, b = sides_->b;
  for (SideMerger* side : {&a, &b}) {
    side->set_context(kInterleavedPairKey, sides_->pair);
    for (const auto& [key, value] : context) side->set_context(key, value);
  }
  return BenchRunOutput{a.text(), b.text()};
}

Result<BenchRunOutput> run_benchmarks_interleaved(const BenchCommand& a, const BenchCommand& b,
                                                  const BenchRunOptions& options) {
  if (Status s = check_options(options); !s.ok()) return s.error();
  InterleavedRun run(a, b, options);
  if (Status s = run.add_rounds(options.rounds, ""); !s.ok()) return s.error();
  return run.output();
}

}  // namespace gauntlet::ci
