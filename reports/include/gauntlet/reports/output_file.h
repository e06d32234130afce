#pragma once
/// Writing report files safely: a reader never sees a half-written file.
#include <filesystem>
#include <string>
#include <string_view>

#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/harness/error.h"

namespace gauntlet::reports {

/// Writes `content` to a temporary name next to `path`, then renames it over
/// `path`. Errors: kIoError naming the file (the temporary file is removed).
using gauntlet::write_file_atomically;

/// Reads a whole input file through gauntlet::read_input_file: kNotFound when
/// it does not exist, kInvalidArgument for a directory, FIFO or device,
/// kOutOfRange above GAUNTLET_MAX_INPUT_BYTES, kIoError when the read fails.
Result<std::string> read_whole_file(const std::filesystem::path& path);

}  // namespace gauntlet::reports
