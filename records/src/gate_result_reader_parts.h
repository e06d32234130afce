#pragma once
// Pieces shared by the two halves of the gauntlet.gate/1 reader.
#include <limits>
#include <span>

#include "gauntlet/records/detail/json_fields.h"
#include "gauntlet/records/gate_result.h"

namespace gauntlet::records::detail {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A number field, and what null (or absence) reads as.
struct NumberField {
  const char* key;
  double* out;
  double null_value;
};

/// Reads each field into its `out`; the first mistyped one is the error.
Status read_numbers(const Fields& f, std::span<const NumberField> fields);

/// Budgets, throughput floors, memory budgets, ratio rules, quality and change points.
Status read_checks(const Fields& root, GateResult& g);

}  // namespace gauntlet::records::detail
