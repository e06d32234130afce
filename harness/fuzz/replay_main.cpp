// Replay driver for fuzz targets in builds without libFuzzer (the dev preset,
// GCC): runs LLVMFuzzerTestOneInput on every seed, then on seeded mutations of
// them (bit flips, byte edits, cuts, copies, splices, dictionary tokens and
// hostile numbers) until --mutations or --seconds runs out. A crash, an abort
// or an input running longer than --timeout writes the input to --artifacts
// before the process dies, so the failure can be replayed and committed.
//
//   <target>_replay [--mutations N] [--seconds S] [--seed N] [--timeout S]
//                   [--dict FILE] [--artifacts DIR] SEED_FILE_OR_FOLDER...
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

// The input being run, for the crash handlers (plain globals: signal-safe reads).
const std::uint8_t* g_data = nullptr;
std::size_t g_size = 0;
char g_artifact_dir[4096] = ".";
char g_name[256] = "fuzz";

// Writes the current input to <artifacts>/<kind>-<name> with async-signal-safe calls.
void dump_current(const char* kind) {
  char path[4600];
  std::size_t n = 0;
  const char* const parts[] = {g_artifact_dir, "/", kind, "-", g_name};
  for (const char* part : parts) {
    for (const char* c = part; *c != '\0' && n + 1 < sizeof path; ++c) path[n++] = *c;
  }
  path[n] = '\0';
  const int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd >= 0) {
    for (std::size_t done = 0; done < g_size;) {
      const ssize_t w = ::write(fd, g_data + done, g_size - done);
      if (w <= 0) break;
      done += static_cast<std::size_t>(w);
    }
    ::close(fd);
  }
  const char msg[] = "fuzz replay: input written to ";
  [[maybe_unused]] auto a = ::write(STDERR_FILENO, msg, sizeof msg - 1);
  [[maybe_unused]] auto b = ::write(STDERR_FILENO, path, n);
  [[maybe_unused]] auto c = ::write(STDERR_FILENO, "\n", 1);
}

void on_crash(int sig) {
  dump_current("crash");
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void on_timeout(int) {
  dump_current("timeout");
  const char msg[] = "fuzz replay: an input ran past --timeout\n";
  [[maybe_unused]] auto w = ::write(STDERR_FILENO, msg, sizeof msg - 1);
  ::_exit(70);
}

// splitmix64: small, seeded, the same sequence everywhere.
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
};

// libFuzzer dictionary lines: name="value" or "value", with \\, \" and \xNN escapes.
std::vector<Bytes> read_dictionary(const std::string& path) {
  std::vector<Bytes> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto open = line.find('"');
    const auto close = line.rfind('"');
    if (line.empty() || line[0] == '#' || open == std::string::npos || close <= open) continue;
    Bytes token;
    for (std::size_t i = open + 1; i < close; ++i) {
      if (line[i] == '\\' && i + 1 < close) {
        const char e = line[++i];
        if (e == 'x' && i + 2 < close) {
          token.push_back(static_cast<std::uint8_t>(std::stoi(line.substr(i + 1, 2), nullptr, 16)));
          i += 2;
        } else {
          token.push_back(static_cast<std::uint8_t>(e));
        }
      } else {
        token.push_back(static_cast<std::uint8_t>(line[i]));
      }
    }
    out.push_back(std::move(token));
  }
  return out;
}

const char* const kHostile[] = {"1e400",
                                "-1e400",
                                "NaN",
                                "-Infinity",
                                "1e308",
                                "-0",
                                "0",
                                "-1",
                                "2.5",
                                "9223372036854775808",
                                "18446744073709551616",
                                "4294967296",
                                "1e-400",
                                "\xC3(",
                                "\xFF\xFE",
                                "\xED\xA0\x80",
                                "\x00",
                                "[[[[[[[[",
                                "{{{{{{{{",
                                "\"\\u0000\"",
                                "99999999999999999999999",
                                "1e12",
                                "100000000",
                                "1ns",
                                "9.2e15"};

Bytes mutate(const Bytes& base, const std::vector<Bytes>& seeds, const std::vector<Bytes>& dict, Rng& rng) {
  Bytes b = base;
  const int edits = 1 + static_cast<int>(rng.below(4));
  for (int e = 0; e < edits; ++e) {
    const std::size_t at = rng.below(b.size() + 1);
    const std::size_t op = rng.below(9);
    switch (op) {
      case 0:  // flip a bit
        if (!b.empty()) b[rng.below(b.size())] ^= static_cast<std::uint8_t>(1u << rng.below(8));
        break;
      case 1:  // set a byte
        if (!b.empty()) b[rng.below(b.size())] = static_cast<std::uint8_t>(rng.next());
        break;
      case 2:  // insert a byte
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), static_cast<std::uint8_t>(rng.next()));
        break;
      case 3: {  // erase a range
        const std::size_t len = std::min(b.size() - std::min(at, b.size()), 1 + rng.below(16));
        b.erase(b.begin() + static_cast<std::ptrdiff_t>(at), b.begin() + static_cast<std::ptrdiff_t>(at + len));
        break;
      }
      case 4: {  // copy a range elsewhere
        if (b.empty()) break;
        const std::size_t from = rng.below(b.size());
        const std::size_t len = std::min(b.size() - from, 1 + rng.below(64));
        Bytes piece(b.begin() + static_cast<std::ptrdiff_t>(from), b.begin() + static_cast<std::ptrdiff_t>(from + len));
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(rng.below(b.size() + 1)), piece.begin(), piece.end());
        break;
      }
      case 5: {  // splice with another seed
        const Bytes& other = seeds[rng.below(seeds.size())];
        const std::size_t from = rng.below(other.size() + 1);
        b.resize(std::min(at, b.size()));
        b.insert(b.end(), other.begin() + static_cast<std::ptrdiff_t>(from), other.end());
        break;
      }
      case 6:  // cut the tail
        b.resize(at);
        break;
      case 7:    // a dictionary token
      case 8: {  // or a hostile number or byte sequence
        Bytes token;
        if (op == 7 && !dict.empty()) {
          token = dict[rng.below(dict.size())];
        } else {
          const char* h = kHostile[rng.below(std::size(kHostile))];
          token.assign(h, h + std::max<std::size_t>(1, std::strlen(h)));
        }
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), token.begin(), token.end());
        break;
      }
    }
  }
  if (b.size() > 1 << 20) b.resize(1 << 20);
  return b;
}

void run(const Bytes& input, unsigned timeout_s) {
  g_data = input.data();
  g_size = input.size();
  ::alarm(timeout_s);
  LLVMFuzzerTestOneInput(input.empty() ? nullptr : input.data(), input.size());
  ::alarm(0);
}

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr,
               "fuzz replay: %s\nusage: <target>_replay [--mutations N] [--seconds S] [--seed N] "
               "[--timeout S] [--dict FILE] [--artifacts DIR] SEED...\n",
               why);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  long mutations = 3000;
  double seconds = 4;
  std::uint64_t seed = 1;
  unsigned timeout_s = 20;
  std::string dict_path, artifacts = ".";
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(("missing value for " + a).c_str());
      return argv[++i];
    };
    if (a == "--mutations") mutations = std::stol(value());
    else if (a == "--seconds") seconds = std::stod(value());
    else if (a == "--seed") seed = std::stoull(value());
    else if (a == "--timeout") timeout_s = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--dict") dict_path = value();
    else if (a == "--artifacts") artifacts = value();
    else if (!a.empty() && a[0] == '-') usage(("unknown option " + a).c_str());
    else paths.push_back(a);
  }
  std::snprintf(g_name, sizeof g_name, "%s", fs::path(argv[0]).filename().c_str());
  std::error_code ec;
  fs::create_directories(artifacts, ec);
  std::snprintf(g_artifact_dir, sizeof g_artifact_dir, "%s", artifacts.c_str());
  for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, on_crash);
  std::signal(SIGALRM, on_timeout);
  std::set_terminate([] {
    dump_current("crash");
    std::abort();
  });
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);

  std::vector<std::string> files;
  for (const std::string& p : paths) {
    if (fs::is_directory(p)) {
      for (const auto& entry : fs::recursive_directory_iterator(p)) {
        if (entry.is_regular_file()) files.push_back(entry.path().string());
      }
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Bytes> seeds;
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (seeds.empty()) seeds.emplace_back();
  const std::vector<Bytes> dict = dict_path.empty() ? std::vector<Bytes>{} : read_dictionary(dict_path);

  const auto start = std::chrono::steady_clock::now();
  for (const Bytes& s : seeds) run(s, timeout_s);
  Rng rng{seed};
  long done = 0;
  for (; done < mutations; ++done) {
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > seconds) break;
    run(mutate(seeds[rng.below(seeds.size())], seeds, dict, rng), timeout_s);
  }
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("fuzz replay %s: %zu seeds, %ld mutations (seed %llu), %.1f s, 0 crashes\n", g_name, seeds.size(), done,
              static_cast<unsigned long long>(seed), took);
  return 0;
}
