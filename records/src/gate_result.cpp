#include "gauntlet/records/gate_result.h"

#include <array>
#include <utility>

namespace gauntlet::records {
namespace {

constexpr std::array<std::pair<Verdict, std::string_view>, 7> kVerdictNames{{
    {Verdict::kRegressed, "regressed"},
    {Verdict::kImproved, "improved"},
    {Verdict::kUnchanged, "unchanged"},
    {Verdict::kInconclusive, "inconclusive"},
    {Verdict::kNew, "new"},
    {Verdict::kMissing, "missing"},
    {Verdict::kErrored, "errored"},
}};

constexpr std::array<std::pair<QualityGrade, std::string_view>, 4> kGradeNames{{
    {QualityGrade::kNone, "none"},
    {QualityGrade::kPoor, "poor"},
    {QualityGrade::kFair, "fair"},
    {QualityGrade::kGood, "good"},
}};

}  // namespace

std::string_view to_string(Verdict v) noexcept {
  for (const auto& [verdict, name] : kVerdictNames)
    if (verdict == v) return name;
  return "unknown";
}

std::optional<Verdict> verdict_named(std::string_view name) noexcept {
  for (const auto& [verdict, known] : kVerdictNames)
    if (known == name) return verdict;
  return std::nullopt;
}

std::string_view to_string(QualityGrade g) noexcept {
  for (const auto& [grade, name] : kGradeNames)
    if (grade == g) return name;
  return "none";
}

std::optional<QualityGrade> quality_grade_named(std::string_view name) noexcept {
  for (const auto& [grade, known] : kGradeNames)
    if (known == name) return grade;
  return std::nullopt;
}

}  // namespace gauntlet::records
