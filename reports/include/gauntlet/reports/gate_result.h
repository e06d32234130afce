#pragma once
/// A gate result as a report holds it: the record as the gate wrote it
/// (gauntlet/records/gate_result.h, read through gauntlet/records/
/// gate_result_json.h) and the file it came from. The writers show it through
/// one view, so the report says what the gate said, in the gate's words.
#include <string>

#include "gauntlet/records/gate_result.h"

namespace gauntlet::reports {

struct GateInput {
  std::string source;  ///< the file it was read from
  records::GateResult result;
};

}  // namespace gauntlet::reports
