#include "gauntlet/ci/bench_runner.h"

#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/harness/input_file.h"
#include "gauntlet/harness/json_document.h"
#include "guarded_child.h"
#include "nonfinite_tokens.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>

extern char** environ;

namespace gauntlet::ci {
namespace {

using nlohmann::json;

// An unnamed in-memory file (memfd): it vanishes with its last descriptor,
// so a runner killed at any moment leaves nothing behind.
class OutputFile {
 public:
  OutputFile() : fd_(::memfd_create("gauntlet_bench_out", MFD_CLOEXEC)) {}
  ~OutputFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  int fd() const noexcept { return fd_; }
  /// The name under which the benchmark (which inherits the descriptor) opens it.
  std::string path_for_child() const { return "/proc/self/fd/" + std::to_string(fd_); }

  /// Its whole content, at most `max_bytes`.
  Result<std::string> read(const std::string& source, std::size_t max_bytes) const {
    struct stat st {};
    if (::fstat(fd_, &st) != 0)
      return Error(ErrorCode::kIoError, source + ": cannot read its output (" + std::strerror(errno) + ")");
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size > max_bytes)
      return Error(ErrorCode::kOutOfRange, source + ": benchmark output larger than the " + std::to_string(max_bytes) +
                                               "-byte limit (GAUNTLET_MAX_INPUT_BYTES)");
    std::string text(size, '\0');
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = ::pread(fd_, text.data() + done, size - done, static_cast<off_t>(done));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Error(ErrorCode::kIoError, source + ": cannot read its output (" + std::strerror(errno) + ")");
      if (n == 0) break;
      done += static_cast<std::size_t>(n);
    }
    text.resize(done);
    return text;
  }

 private:
  int fd_;
};

std::vector<std::string> environment_with(const std::vector<std::pair<std::string, std::string>>& extra) {
  std::map<std::string, std::string> env_map;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv(*e);
    const auto eq = kv.find('=');
    if (eq != std::string::npos) env_map[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : extra) env_map[k] = v;
  std::vector<std::string> env;
  for (const auto& [k, v] : env_map) env.push_back(k + "=" + v);
  return env;
}

// One invocation of a benchmark binary: its JSON output and its memory.
struct Invocation {
  std::string text;
  detail::ProgramMemory memory;
};

// Runs one invocation. The benchmark is a guarded child (own process group,
// dies with this process, reaped on every path, its memory read while it
// runs) and writes its JSON to an inherited memfd, never a named file.
Result<Invocation> invoke(const BenchCommand& cmd, const BenchRunOptions& o) {
  OutputFile out;
  if (out.fd() < 0)
    return Error(ErrorCode::kIoError, std::string("cannot create the benchmark output file: ") + std::strerror(errno));
  detail::GuardedCommand child;
  child.argv = {cmd.binary, "--benchmark_out=" + out.path_for_child(), "--benchmark_out_format=json",
                "--benchmark_format=json", "--benchmark_repetitions=" + std::to_string(o.repetitions)};
  if (o.random_interleaving) child.argv.push_back("--benchmark_enable_random_interleaving=true");
  if (!o.filter.empty()) child.argv.push_back("--benchmark_filter=" + o.filter);
  if (!o.min_time.empty()) child.argv.push_back("--benchmark_min_time=" + o.min_time);
  child.argv.insert(child.argv.end(), cmd.args.begin(), cmd.args.end());
  child.env = environment_with(cmd.env);
  child.pass_fd = out.fd();
  auto ended = detail::run_guarded(child);
  if (!ended.ok()) return ended.error();
  if (ended->signal != 0)
    return Error(ErrorCode::kUnavailable, cmd.binary + ": killed by signal " + std::to_string(ended->signal));
  if (ended->code != 0)
    return Error(ErrorCode::kUnavailable, cmd.binary + ": exited with status " + std::to_string(ended->code));
  auto text = out.read(cmd.binary, max_input_bytes());
  if (!text.ok()) return text.error();
  return Invocation{std::move(text).value(), ended->memory};
}

// Merges invocations of one side into one Google Benchmark document.
class SideMerger {
 public:
  /// Adds one invocation's rows tagged with `round`, and its memory. The
  /// binary's output is input like any file: a wrong shape is kParseError
  /// naming `source`.
  Status add(const Invocation& run, const std::string& source, int round) {
    const std::string& text = run.text;
    auto parsed = parse_json_document(detail::quote_nonfinite_tokens(text), source, "Google Benchmark JSON");
    if (!parsed.ok()) return parsed.error();
    json& doc = *parsed;
    const auto wrong = [&](const std::string& why) {
      return Error(ErrorCode::kParseError, source + ": benchmark output is not Google Benchmark JSON" + why);
    };
    if (!doc.is_object() || !doc.contains("benchmarks")) return wrong("");
    if (!doc["benchmarks"].is_array()) return wrong(" (benchmarks: expected an array)");
    if (doc.contains("context") && !doc["context"].is_object()) return wrong(" (context: expected an object)");
    for (const json& row : doc["benchmarks"]) {
      if (!row.is_object()) return wrong(" (benchmarks: expected objects)");
      for (const char* key : {"name", "run_name", "run_type"}) {
        if (row.contains(key) && !row[key].is_string()) return wrong(std::string(" (") + key + ": expected a string)");
      }
    }
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
    // The side's memory is its worst process; a process never read (it
    // ended within one reading) leaves the side unmeasured.
    if (run.memory.readings == 0) unmeasured_ = true;
    peak_rss_ = std::max(peak_rss_, run.memory.peak_rss_bytes);
    const std::uint64_t growth = run.memory.last_rss_bytes > run.memory.first_rss_bytes
                                     ? run.memory.last_rss_bytes - run.memory.first_rss_bytes
                                     : 0;
    rss_growth_ = std::max(rss_growth_, growth);
    return Status::Ok();
  }

  void set_context(std::string_view key, const std::string& value) {
    if (merged_.is_null()) return;
    merged_["context"][std::string(key)] = value;
  }

  std::string text() {
    if (merged_.is_null()) return {};
    merged_["context"]["gauntlet_rounds"] = rounds_;
    if (!unmeasured_) {
      merged_["context"][std::string(kPeakRssKey)] = std::to_string(peak_rss_);
      merged_["context"][std::string(kRssGrowthKey)] = std::to_string(rss_growth_);
    }
    for (json& row : merged_["benchmarks"])
      row["repetitions"] = next_index_[row.value("run_name", row.value("name", ""))];
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
  bool unmeasured_ = false;
  std::uint64_t peak_rss_ = 0, rss_growth_ = 0;
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
  std::string pair = fmt::format("{:x}-{:x}", ::getpid(), std::chrono::system_clock::now().time_since_epoch().count());
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
