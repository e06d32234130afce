#include "html_assets.h"

namespace gauntlet::reports::detail {

// Makes every header cell with `data-sort` a sort control: click (or Enter /
// Space) sorts its table's body by that column, ascending first, then toggling.
// Numbers ("num") compare by the cell's `data-v`, else its text, cells without
// a number last either way; text compares lexically. Equal keys keep the
// page's order. A row of class "detail" moves with the row above it. The state
// shows as `aria-sort` (styled as an arrow). Without script the table is
// unchanged and complete.
const std::string_view kSortScript = R"JS(
(function () {
  'use strict';
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  function key(row, col, num) {
    var cell = row.cells[col];
    if (!cell) return num ? NaN : '';
    var v = cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent;
    return num ? parseFloat(v) : v.trim();
  }
  function sortBy(th) {
    var table = th.closest('table'), body = table.tBodies[0];
    if (!body) return;
    var col = th.cellIndex, num = th.getAttribute('data-sort') === 'num';
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    var groups = [];
    each(body.rows, function (r, i) {
      if (r.gauntletOrder === undefined) r.gauntletOrder = i;
      if (r.classList.contains('detail') && groups.length) groups[groups.length - 1].rows.push(r);
      else groups.push({ rows: [r], key: key(r, col, num), at: r.gauntletOrder });
    });
    groups.sort(function (a, b) {
      var x = a.key, y = b.key, c;
      if (num && (isNaN(x) || isNaN(y))) c = isNaN(x) === isNaN(y) ? 0 : isNaN(x) ? 1 : -1;
      else if (num) c = dir * (x - y);
      else c = dir * (x < y ? -1 : x > y ? 1 : 0);
      return c || a.at - b.at;
    });
    var frag = document.createDocumentFragment();
    groups.forEach(function (g) { g.rows.forEach(function (r) { frag.appendChild(r); }); });
    body.appendChild(frag);
    each(table.querySelectorAll('th[data-sort]'), function (h) { h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
  }
  each(document.querySelectorAll('th[data-sort]'), function (th) {
    th.setAttribute('aria-sort', 'none');
    th.tabIndex = 0;
    th.title = 'Sort by ' + th.textContent.trim();
    th.addEventListener('click', function () { sortBy(th); });
    th.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(th); }
    });
  });
  document.body.setAttribute('data-sortable', 'true');
})();
)JS";

}  // namespace gauntlet::reports::detail
