#pragma once
/// Command lines printed for a person to paste into a POSIX shell: every
/// re-run and replay line Gauntlet prints is built here, so each word comes
/// back exactly as it was (spaces, quotes, `$`, globs and all).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gauntlet {

/// `word` as a shell reads it back unchanged: as is when it holds only
/// letters, digits and `_ @ % + = : , . / -` (and is not empty), otherwise in
/// single quotes, with each `'` written as `'\''`.
std::string shell_quote(std::string_view word);

/// A command line: `env` as NAME=value assignments (values quoted), then the
/// words of `argv`, each quoted by shell_quote, separated by single spaces.
std::string shell_line(const std::vector<std::string>& argv,
                       const std::vector<std::pair<std::string, std::string>>& env = {});

}  // namespace gauntlet
