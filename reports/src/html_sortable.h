#pragma once
// Sortable tables: markup the page's sort script (html_sort_script.cpp) acts on.
// The table is complete without the script; the script only reorders rows.
#include <string>
#include <string_view>

namespace gauntlet::reports::detail {

enum class SortAs { kText, kNumber };

/// A header cell with the sort hook: `data-sort="text"` or `data-sort="num"`
/// (numeric columns also get class "n"). `label` is escaped.
std::string sort_th(std::string_view label, SortAs kind);

/// A numeric cell showing `text` (escaped) and sorting by `value`
/// (`data-v`; left out when not finite, so the row sorts last).
std::string number_td(std::string_view text, double value);

}  // namespace gauntlet::reports::detail
