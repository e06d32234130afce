#include "html_assets.h"

namespace gauntlet::reports::detail {

// Light colours by default; `prefers-color-scheme: dark` swaps the variables.
const std::string_view kReportStyle = R"CSS(
:root{--bg:#f6f7f9;--card:#fff;--fg:#1c2430;--muted:#5b6573;--line:#dde1e7;--accent:#2f6fde;
--pass:#1f883d;--pass-bg:#e6f4ea;--fail:#cf222e;--fail-bg:#fdeaea;--warn:#9a6700;--warn-bg:#fff4d6;
--s1:#2f6fde;--s2:#c26a00;--s3:#b4236b;--s4:#cf222e;--fault:rgba(230,140,20,.16);--code:#f0f2f5;
--br-closed:#3fb950;--br-open:#e5534b;--br-half:#d4a72c;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0f1419;--card:#171d25;--fg:#e2e8f0;--muted:#95a1b2;--line:#2a3340;
--accent:#6ea8fe;--pass:#3fb950;--pass-bg:#12301c;--fail:#ff7b72;--fail-bg:#3a1618;--warn:#e3b341;--warn-bg:#33290c;
--s1:#6ea8fe;--s2:#f0a04b;--s3:#e87fb5;--s4:#ff7b72;--fault:rgba(240,160,60,.14);--code:#0b0f14}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
code,pre,.name{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
.top{position:sticky;top:0;z-index:2;display:flex;gap:18px;align-items:center;padding:10px 28px;background:var(--card);border-bottom:1px solid var(--line)}
.top strong{font-size:15px}.top nav a{color:var(--muted);text-decoration:none;margin-right:14px}.top nav a:hover{color:var(--accent)}
main{max-width:1180px;margin:0 auto;padding:20px 28px 60px}
h2{font-size:18px;margin:30px 0 12px}h3{font-size:15px;margin:0}
.verdict{display:flex;align-items:center;gap:16px;padding:18px 22px;border-radius:10px;border:1px solid var(--line);background:var(--card)}
.verdict.pass{border-left:6px solid var(--pass)}.verdict.fail{border-left:6px solid var(--fail)}
.verdict h1{font-size:22px;margin:0}.verdict .big{font-size:13px;font-weight:700;letter-spacing:.06em;padding:4px 10px;border-radius:6px}
.verdict.pass .big{background:var(--pass-bg);color:var(--pass)}.verdict.fail .big{background:var(--fail-bg);color:var(--fail)}
.verdict .meta{margin-left:auto}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px;margin:14px 0}
.stat{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.stat .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em}.stat .v{font-size:24px;font-weight:650}
.stat .d{color:var(--muted);font-size:12px}.stat.bad{border-color:var(--fail)}.stat.bad .v{color:var(--fail)}
.glance{background:var(--fail-bg);border:1px solid var(--fail);border-radius:10px;padding:10px 16px;margin:12px 0}
.glance ul{margin:4px 0;padding-left:20px}.glance a{color:var(--fail)}
.env{width:100%;border-collapse:collapse;font-size:13px}.env td{padding:3px 8px;border-bottom:1px solid var(--line)}.env td:first-child{color:var(--muted);width:200px}
.meta{color:var(--muted);font-size:12.5px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;margin:12px 0}
.card>header{display:flex;align-items:center;gap:12px;margin-bottom:10px;flex-wrap:wrap}.card>header .meta{margin-left:auto}
.inst{color:var(--muted);font-weight:400}
.pill{font-size:12px;font-weight:600;padding:2px 8px;border-radius:999px}.pill.pass{background:var(--pass-bg);color:var(--pass)}.pill.fail{background:var(--fail-bg);color:var(--fail)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:10px}
svg.chart{width:100%;height:auto;background:var(--bg);border-radius:6px}
svg .ct{font-size:12px;font-weight:600;fill:var(--fg)}svg .ax{font-size:10px;fill:var(--muted)}
svg .grid{stroke:var(--line);stroke-width:1}svg .zero{stroke:var(--muted);stroke-width:1}
svg .ln{fill:none;stroke-width:1.6;stroke-linejoin:round}
.s1{stroke:var(--s1);fill:var(--s1)}.s2{stroke:var(--s2);fill:var(--s2)}.s3{stroke:var(--s3);fill:var(--s3)}.s4{stroke:var(--s4);fill:var(--s4)}
svg .ln.s1,svg .ln.s2,svg .ln.s3,svg .ln.s4{fill:none}svg .sw{stroke:none}
svg .fault,.key.fault{fill:var(--fault);background:var(--fault)}svg .tag{font-size:10px;font-weight:700;fill:var(--s2)}
svg .br-closed,.key.br-closed{fill:var(--br-closed);background:var(--br-closed)}svg .br-open,.key.br-open{fill:var(--br-open);background:var(--br-open)}
svg .br-half_open,.key.br-half_open{fill:var(--br-half);background:var(--br-half)}
svg .br-forced_open{fill:var(--br-open)}svg .br-disabled{fill:var(--muted)}
svg .pt{fill:var(--fg)}svg .cp{stroke:var(--fail);stroke-width:1.2;stroke-dasharray:2 2}
.ci-bad{fill:var(--fail)}.ci-good{fill:var(--pass)}.ci-warn{fill:var(--warn)}.ci-same{fill:var(--muted);opacity:.55}
.legend{color:var(--muted);font-size:12px;margin:6px 0 10px}.key{display:inline-block;width:12px;height:10px;border-radius:2px;margin:0 4px 0 10px;vertical-align:-1px}
.grid-t{width:100%;border-collapse:collapse;margin:8px 0}.grid-t th{text-align:left;font-size:12px;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);padding:6px 8px}
.grid-t td{padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:middle}.grid-t .n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.grid-t tr.bad td:first-child{box-shadow:inset 3px 0 var(--fail)}.grid-t tr.detail td{background:var(--bg)}
p.warn{color:var(--warn);font-size:13px;margin:6px 0}
.sub{color:var(--muted);font-size:12px}.vd{margin:2px 0}.vd .sub{margin-left:4px}.legend-h{margin-left:12px}
.phases td{vertical-align:top}.phases td.hy{min-width:240px}.phases .ph{font-weight:600}.phases .ph .sub{font-weight:400}.phases .codes{font-variant-numeric:tabular-nums;font-size:12px}
.v{font-size:12px;font-weight:600}.v.bad{color:var(--fail)}.v.good{color:var(--pass)}.v.warn{color:var(--warn)}.v.same{color:var(--muted)}
.cmd{display:flex;gap:10px;align-items:center;margin-top:8px}.cmd span{color:var(--muted);font-size:12px}
.cmd code{background:var(--code);border:1px solid var(--line);border-radius:6px;padding:4px 8px;user-select:all;overflow-x:auto}
.controls{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-bottom:10px}
.controls input{flex:1;min-width:240px;padding:7px 10px;border:1px solid var(--line);border-radius:8px;background:var(--card);color:var(--fg);font:inherit}
.controls button,#more{padding:6px 12px;border:1px solid var(--line);border-radius:8px;background:var(--card);color:var(--fg);font:inherit;cursor:pointer}
.controls button[aria-pressed=true]{background:var(--accent);border-color:var(--accent);color:#fff}
#test-count{color:var(--muted);font-size:12.5px;margin:6px 0}
.tests{background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
.t{border-bottom:1px solid var(--line)}.t:last-child{border-bottom:0}
.t>summary,.t>.row{display:flex;gap:10px;align-items:center;padding:7px 12px;list-style:none;cursor:default}
.t>summary{cursor:pointer}.t>summary::-webkit-details-marker{display:none}
.t>summary::before{content:"▸";color:var(--muted);width:10px}.t[open]>summary::before{content:"▾"}.t>.row::before{content:"";width:10px}
.t .st{font-size:11px;font-weight:700;text-transform:uppercase;width:62px}.t.failed .st{color:var(--fail)}.t.skipped .st{color:var(--warn)}.t.passed .st{color:var(--pass)}
.t.failed{background:linear-gradient(90deg,var(--fail-bg),transparent 40%)}
.t .nm{flex:1;overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}.t .tm{color:var(--muted);font-size:12px;font-variant-numeric:tabular-nums}
pre.log{margin:0 12px 10px 32px;padding:10px 12px;background:var(--code);border:1px solid var(--line);border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;max-height:360px;overflow:auto}
.loc{margin:0 12px 6px 32px;color:var(--muted);font-size:12px}
#more{margin:10px 0}#gauntlet-errors{color:var(--fail)}
.overview{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:12px;margin-bottom:6px}.overview .card{margin:0}
th[aria-sort]{cursor:pointer;user-select:none}th[aria-sort]:hover,th[aria-sort]:focus{color:var(--accent)}
th[aria-sort]::after{content:" \2195";opacity:.45}th[aria-sort=ascending]::after{content:" \25B2";opacity:1}th[aria-sort=descending]::after{content:" \25BC";opacity:1}
footer{color:var(--muted);font-size:12px;margin-top:40px}
)CSS";

}  // namespace gauntlet::reports::detail
