#pragma once
/// The `gauntlet.gate/1` JSON document: the one writer and the one reader of a
/// GateResult. `gauntlet gate --json` writes through gate_result_json; reports
/// (and anything else that reads a gate result) read through read_gate_result.
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "gauntlet/harness/error.h"
#include "gauntlet/records/gate_result.h"

namespace gauntlet::records {

/// Pretty-printed JSON with a trailing newline. Non-finite numbers are written
/// as null (an infinite minimum detectable effect or interval half-width, a
/// NaN the gate could not compute); counts of -1 ("the source does not say")
/// and ratio-rule limits of 0 ("none") are written as null too.
std::string gate_result_json(const GateResult& result);

/// Reads a parsed document back into the record, every field the writer
/// writes: null reads back as what the writer wrote it for (NaN, infinity for
/// the two "unbounded" fields, -1 for counts, 0 for absent limits); unknown
/// keys are ignored. Errors: kSchemaError naming `source` and the JSON pointer
/// of the field — for a "schema" other than "gauntlet.gate/1", a missing or
/// mistyped field, an unknown verdict or grade, or ci_low above ci_high.
Result<GateResult> read_gate_result(const nlohmann::json& doc, std::string_view source);

}  // namespace gauntlet::records
