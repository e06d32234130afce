#pragma once
/// Writing files so that readers never see half of one.
#include "gauntlet/harness/atomic_file.h"

#include <string>
#include <string_view>

namespace gauntlet::ci {

/// Atomic file writes (temp file + rename), shared by every component.
using gauntlet::write_file_atomically;

}  // namespace gauntlet::ci
