#include "gauntlet/cli/command_registry.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <ostream>

namespace gauntlet::cli {

CommandRegistry& CommandRegistry::instance() {
  static CommandRegistry registry;
  return registry;
}

bool CommandRegistry::add(CommandSpec spec) {
  commands_.push_back(std::move(spec));
  return true;
}

namespace {

// Collapses CLI11's multi-line messages into the one line we promise.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// "gauntlet chaos run": the chosen command and the subcommands parsed under it.
std::string command_path(const CLI::App& command) {
  std::string path = "gauntlet " + command.get_name();
  for (const CLI::App* sub = &command;;) {
    auto parsed = sub->get_subcommands();
    if (parsed.empty()) return path;
    sub = parsed.front();
    path += " " + sub->get_name();
  }
}

}  // namespace

int run_command_line(int argc, const char* const* argv, CommandIO& io, const std::string& version) {
  CLI::App app{"Gauntlet: a C++20 test harness for performance and chaos", "gauntlet"};
  app.set_version_flag("--version", "gauntlet " + version);
  app.require_subcommand(1);
  app.fallthrough(false);

  std::vector<std::pair<CLI::App*, CommandAction>> actions;
  for (const CommandSpec& spec : CommandRegistry::instance().commands()) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.description);
    actions.emplace_back(sub, spec.setup(*sub));
  }

  // CLI11 reports a stray first word only as "a subcommand is required"; name it.
  const auto& specs = CommandRegistry::instance().commands();
  if (argc > 1 && argv[1][0] != '-' &&
      std::none_of(specs.begin(), specs.end(), [&](const CommandSpec& s) { return s.name == argv[1]; })) {
    io.err << "gauntlet: error: unknown subcommand '" << argv[1] << "' (see 'gauntlet --help')\n";
    return 2;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    io.out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    io.out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    io.out << "gauntlet " << version << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    // A subcommand's own --help lands here as CallForHelp with the subcommand parsed.
    io.err << "gauntlet: error: " << one_line(e.what()) << " (see 'gauntlet --help')\n";
    return 2;
  }

  for (auto& [sub, action] : actions) {
    if (!sub->parsed()) continue;
    // Errors are values; an exception reaching here is a bug, reported as an
    // environment failure in one line rather than an abort.
    try {
      CommandResult result = action(io);
      if (result.ok()) return *result == Verdict::kPass ? kExitPass : kExitCheckFailed;
      io.err << command_path(*sub) << ": " << one_line(result.error().message()) << "\n";
      return exit_code_for(result.error().code());
    } catch (const std::exception& e) {
      io.err << command_path(*sub) << ": internal error: " << one_line(e.what()) << "\n";
      return kExitEnvironment;
    }
  }
  io.err << "gauntlet: error: no subcommand given (see 'gauntlet --help')\n";
  return 2;
}

}  // namespace gauntlet::cli
