#include "html_sortable.h"

#include <cmath>
#include <cstdio>

#include "text_escape.h"

namespace gauntlet::reports::detail {

std::string sort_th(std::string_view label, SortAs kind) {
  return std::string(kind == SortAs::kNumber ? "<th class=\"n\" data-sort=\"num\">" : "<th data-sort=\"text\">") +
         html(label) + "</th>";
}

std::string number_td(std::string_view text, double value) {
  std::string out = "<td class=\"n\"";
  if (std::isfinite(value)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", value);
    out += " data-v=\"" + html(buf) + "\"";
  }
  return out + ">" + html(text) + "</td>";
}

}  // namespace gauntlet::reports::detail
