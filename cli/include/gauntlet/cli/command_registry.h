#pragma once
/// Subcommands of the `gauntlet` executable. Each component defines its
/// subcommands in an OBJECT library (see `gauntlet_register_cli` in CMake) with
/// `GAUNTLET_REGISTER_COMMAND`; `gauntlet`'s main() builds the CLI11 app from
/// every registration, so adding a component never edits main().
#include <CLI/CLI.hpp>

#include "gauntlet/harness/error.h"

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace gauntlet::cli {

/// Streams a command writes to; tests pass string streams.
struct CommandIO {
  std::ostream& out;
  std::ostream& err;
  /// True when `out` is an interactive terminal (colour, live progress).
  bool out_is_terminal = false;
};

/// How a command that ran to the end judged what it checked.
enum class Verdict {
  kPass,         ///< exit 0
  kCheckFailed,  ///< exit 1: a regression, a failing hypothesis, a failure in a report
};

/// kPass when `passed`, else kCheckFailed.
inline Verdict verdict_of(bool passed) noexcept { return passed ? Verdict::kPass : Verdict::kCheckFailed; }

/// What a command returns: its verdict, or the error that stopped it. Commands
/// never print errors themselves; `run_command_line` prints the error once as
/// "gauntlet <command> [<subcommand>]: <message>" and maps its code to the
/// exit code with `gauntlet::exit_code_for` (2 bad input, 3 environment).
using CommandResult = Result<Verdict>;

/// Runs a parsed command.
using CommandAction = std::function<CommandResult(CommandIO&)>;

/// Declares a subcommand's options and flags on `cmd` (bound to storage the
/// setup owns) and returns the action to run when this subcommand was chosen.
using CommandSetup = std::function<CommandAction(CLI::App& cmd)>;

struct CommandSpec {
  std::string name;         ///< e.g. "gate"
  std::string description;  ///< one line for --help
  CommandSetup setup;
};

/// Process-wide list of registered subcommands, in registration order.
class CommandRegistry {
 public:
  static CommandRegistry& instance();
  /// Adds a subcommand; returns true so it can initialise a static.
  bool add(CommandSpec spec);
  const std::vector<CommandSpec>& commands() const noexcept { return commands_; }

 private:
  std::vector<CommandSpec> commands_;
};

/// Builds the top-level app from every registration, runs it on argv and
/// returns the process exit code (docs/cli.md, "Exit codes"): the action's
/// verdict (0, 1), or its error printed as one line on `io.err` and mapped by
/// `exit_code_for` (2, 3). Parse errors give one line and return 2; --help
/// and --version print to `io.out` and return 0; an exception escaping an
/// action gives one "internal error" line and returns 3.
int run_command_line(int argc, const char* const* argv, CommandIO& io, const std::string& version);

}  // namespace gauntlet::cli

#define GAUNTLET_CLI_CONCAT_INNER(a, b) a##b
#define GAUNTLET_CLI_CONCAT(a, b) GAUNTLET_CLI_CONCAT_INNER(a, b)

/// Registers subcommand `name` (a string) with a one-line `description` and a
/// setup callable of type CommandSetup (the variadic tail, so a lambda's commas
/// need no parentheses). Use at namespace scope in a .cpp file of a CLI object
/// library.
#define GAUNTLET_REGISTER_COMMAND(name, description, ...)                                          \
  [[maybe_unused]] static const bool GAUNTLET_CLI_CONCAT(gauntlet_registered_command_, __LINE__) = \
      ::gauntlet::cli::CommandRegistry::instance().add({name, description, __VA_ARGS__})
