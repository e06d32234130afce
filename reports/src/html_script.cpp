#include "html_assets.h"

namespace gauntlet::reports::detail {

// Renders the test list on demand from the embedded JSON: 200 rows at a time,
// logs built when a row is opened. Text goes through textContent only, never
// innerHTML, so names and messages can never become markup. Script errors are
// written into #gauntlet-errors so a headless browser test can see them.
const std::string_view kReportScript = R"JS(
(function () {
  'use strict';
  var errors = document.getElementById('gauntlet-errors');
  function noteError(message) {
    var li = document.createElement('li');
    li.textContent = String(message);
    errors.appendChild(li);
    errors.hidden = false;
    document.body.setAttribute('data-errors', String(errors.children.length));
  }
  window.addEventListener('error', function (e) { noteError(e.message); });
  if (!document.getElementById('test-list')) {  // no test results: no list to render
    document.body.setAttribute('data-rendered', 'true');
    return;
  }
  var STATUS = ['failed', 'skipped', 'passed'];
  var PAGE = 200;
  var data = JSON.parse(document.getElementById('gauntlet-data').textContent);
  var suites = data.suites, cases = data.cases;
  var list = document.getElementById('test-list');
  var more = document.getElementById('more');
  var count = document.getElementById('test-count');
  var search = document.getElementById('search');
  var buttons = document.querySelectorAll('.controls button[data-status]');
  var status = 'all', matches = [], shown = 0, opened = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function seconds(t) { return t >= 1 ? t.toFixed(2) + ' s' : (t * 1000).toFixed(0) + ' ms'; }
  function fillLog(d, c) {
    if (c[5]) d.appendChild(el('div', 'loc', c[5]));
    d.appendChild(el('pre', 'log', c[4]));
  }
  function row(c) {
    var st = STATUS[c[2]];
    var head = [el('span', 'st', st), el('span', 'nm', suites[c[0]] + '.' + c[1]), el('span', 'tm', seconds(c[3]))];
    var item;
    if (c[4]) {
      item = el('details', 't ' + st);
      var s = el('summary');
      head.forEach(function (h) { s.appendChild(h); });
      item.appendChild(s);
      if (c[2] === 0 && opened < 10) { opened++; item.open = true; fillLog(item, c); }
      else item.addEventListener('toggle', function once() {
        item.removeEventListener('toggle', once);
        fillLog(item, c);
      });
    } else {
      item = el('div', 't ' + st);
      var r = el('div', 'row');
      head.forEach(function (h) { r.appendChild(h); });
      item.appendChild(r);
    }
    return item;
  }
  function renderMore() {
    var end = Math.min(matches.length, shown + PAGE);
    var frag = document.createDocumentFragment();
    for (var k = shown; k < end; k++) frag.appendChild(row(cases[matches[k]]));
    list.appendChild(frag);
    shown = end;
    count.textContent = 'Showing ' + shown + ' of ' + matches.length + ' matching tests (' + cases.length + ' in total)';
    more.hidden = shown >= matches.length;
  }
  function apply() {
    var q = search.value.trim().toLowerCase();
    matches = [];
    for (var i = 0; i < cases.length; i++) {
      var c = cases[i];
      if (status !== 'all' && STATUS[c[2]] !== status) continue;
      if (q && (suites[c[0]] + '.' + c[1] + '\n' + c[4]).toLowerCase().indexOf(q) < 0) continue;
      matches.push(i);
    }
    list.textContent = '';
    shown = 0;
    opened = 0;
    renderMore();
  }
  var timer = 0;
  search.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
  more.addEventListener('click', renderMore);
  Array.prototype.forEach.call(buttons, function (b) {
    b.addEventListener('click', function () {
      status = b.getAttribute('data-status');
      Array.prototype.forEach.call(buttons, function (o) { o.setAttribute('aria-pressed', String(o === b)); });
      apply();
    });
  });
  apply();
  document.body.setAttribute('data-rendered', 'true');
})();
)JS";

}  // namespace gauntlet::reports::detail
