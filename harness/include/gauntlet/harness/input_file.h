#pragma once
/// Reading a file a user named as input (a benchmark run, a config, a
/// scenario, a report input): whole, bounded, regular files only, never
/// blocking on a FIFO or a device.
#include "gauntlet/harness/error.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace gauntlet {

/// Default cap on one input file: 64 MiB.
inline constexpr std::size_t kDefaultMaxInputBytes = std::size_t{64} << 20;

/// The cap in force: GAUNTLET_MAX_INPUT_BYTES when it holds a whole number
/// from 1 up, else kDefaultMaxInputBytes.
std::size_t max_input_bytes() noexcept;

/// Reads `path` whole; `what` names the input in messages ("benchmark file").
/// Errors, each "<path>: <what> ...":
///  - kNotFound: it does not exist;
///  - kInvalidArgument: not a regular file (a directory, FIFO, socket or
///    device), or not readable (permission);
///  - kOutOfRange: longer than `max_bytes` ("larger than the N-byte limit
///    (GAUNTLET_MAX_INPUT_BYTES)");
///  - kIoError: the read itself failed (the system's reason).
Result<std::string> read_input_file(const std::filesystem::path& path, std::string_view what,
                                    std::size_t max_bytes = max_input_bytes());

}  // namespace gauntlet
