// The report's stylesheet, inlined into the page: system fonts only (nothing to load), colours
// with at least 4.5:1 contrast for text, a layout that reflows on narrow screens, and a print
// style without controls.
export const REPORT_CSS = `
:root {
  --fg: #1d2433; --muted: #5b6475; --border: #dfe3ea; --bg: #f6f7f9; --card: #ffffff;
  --accent: #3538cd; --link: #2b3bb5;
  --error: #b42318; --error-bg: #fee4e2; --error-bar: #d92d20;
  --warning: #93370d; --warning-bg: #fef0c7; --warning-bar: #f79009;
  --note: #1849a9; --note-bg: #d1e9ff; --note-bar: #53b1fd;
  --ok: #067647; --ok-bg: #dcfae6; --other-bar: #98a2b3;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, summary:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
code, pre, .mono { font-family: var(--mono); font-size: 0.86em; }
h1, h2, h3 { line-height: 1.25; margin: 0; }
.page { max-width: 1240px; margin: 0 auto; padding: 0 24px 48px; }
.masthead { background: var(--card); border-top: 4px solid var(--accent); border-bottom: 1px solid var(--border); }
.masthead .page { padding-top: 18px; padding-bottom: 16px; display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; justify-content: space-between; }
.masthead .meta { margin-top: 4px; }
.masthead h1 { font-size: 1.5rem; font-weight: 650; letter-spacing: -0.01em; }
.masthead h1 .tool { color: var(--accent); }
.meta { color: var(--muted); font-size: 0.9rem; display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0; padding: 0; list-style: none; }
.meta strong { color: var(--fg); font-weight: 600; }
.toc { display: flex; flex-wrap: wrap; gap: 6px; font-size: 0.88rem; margin: 0; padding: 0; list-style: none; }
.toc a { display: inline-block; padding: 4px 12px; border-radius: 999px; background: var(--card); border: 1px solid var(--border); color: var(--fg); text-decoration: none; }
.toc a:hover { border-color: var(--accent); color: var(--accent); }
section { margin-top: 28px; }
section > h2 { font-size: 1.15rem; font-weight: 650; margin-bottom: 12px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; }
.card { background: var(--card); border: 1px solid var(--border); border-top: 4px solid #c9ced8; border-radius: 10px; padding: 14px 16px; }
.card .label { color: var(--muted); font-size: 0.82rem; text-transform: uppercase; letter-spacing: 0.04em; font-weight: 600; }
.card .value { font-size: 1.9rem; font-weight: 650; line-height: 1.2; margin-top: 4px; font-variant-numeric: tabular-nums; }
.card .detail { color: var(--muted); font-size: 0.86rem; margin-top: 2px; }
.card .detail span { white-space: nowrap; }
.card.sev-error { border-top: 4px solid var(--error-bar); }
.card.sev-warning { border-top: 4px solid var(--warning-bar); }
.card.sev-note { border-top: 4px solid var(--note-bar); }
.card.sev-error .value { color: var(--error); }
.card.sev-warning .value { color: var(--warning); }
.card.sev-note .value { color: var(--note); }
.comparison { margin-top: 12px; background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 12px 16px; display: flex; flex-wrap: wrap; gap: 8px 28px; align-items: baseline; }
.comparison .title { font-weight: 600; }
.comparison .num { font-size: 1.3rem; font-weight: 650; font-variant-numeric: tabular-nums; margin-right: 4px; }
.comparison .new .num { color: var(--error); }
.comparison .fixed .num { color: var(--ok); }
.comparison .since { color: var(--muted); font-size: 0.86rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
figure { margin: 0; }
.chart-card { background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 14px 16px; min-width: 0; }
.chart-card h3 { font-size: 0.95rem; font-weight: 600; margin-bottom: 8px; }
.chart { width: 100%; height: auto; display: block; }
.chart-label { font-size: 12.5px; fill: var(--fg); font-family: var(--mono); }
.chart-value { font-size: 13px; fill: var(--muted); font-variant-numeric: tabular-nums; }
.chart-axis { stroke: var(--border); stroke-width: 1; }
.bar-error { fill: var(--error-bar); } .bar-warning { fill: var(--warning-bar); } .bar-note { fill: var(--note-bar); } .bar-other { fill: var(--other-bar); }
.chart-row:hover .bar { opacity: 0.85; }
.chart-empty { color: var(--muted); margin: 8px 0; }
.legend { display: flex; gap: 14px; font-size: 0.82rem; color: var(--muted); margin: 0 0 6px; padding: 0; list-style: none; }
.legend li::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.legend .error::before { background: var(--error-bar); } .legend .warning::before { background: var(--warning-bar); } .legend .note::before { background: var(--note-bar); }
.controls { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin-bottom: 10px; }
.controls input, .controls select, .controls button { font: inherit; font-size: 0.9rem; padding: 6px 10px; border: 1px solid #b9c0cc; border-radius: 6px; background: var(--card); color: var(--fg); }
.controls input[type=search] { min-width: 260px; flex: 1 1 260px; max-width: 420px; }
.controls button { cursor: pointer; }
.controls .shown { color: var(--muted); font-size: 0.88rem; margin-left: auto; }
.table-wrap { overflow-x: auto; background: var(--card); border: 1px solid var(--border); border-radius: 10px; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { padding: 8px 12px; text-align: left; border-bottom: 1px solid var(--border); vertical-align: top; }
tbody tr:last-child td { border-bottom: 0; }
thead th { background: #f0f2f6; font-size: 0.82rem; font-weight: 600; color: var(--muted); white-space: nowrap; position: sticky; top: 0; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { all: inherit; cursor: pointer; padding: 0; }
th button::after { content: " \\2195"; opacity: 0.35; }
th[aria-sort=ascending] button::after { content: " \\2191"; opacity: 1; }
th[aria-sort=descending] button::after { content: " \\2193"; opacity: 1; }
tbody tr:hover { background: #f8f9fc; }
td.zero { color: #8a93a3; }
#repo-table .source { display: block; max-width: 260px; font-size: 0.78rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#repo-table th, #repo-table td { padding: 8px 10px; }
td.err { color: var(--error); min-width: 180px; font-size: 0.85rem; overflow-wrap: anywhere; }
.empty-row { color: var(--muted); padding: 16px; text-align: center; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.78rem; font-weight: 600; white-space: nowrap; }
.badge.scanned { background: var(--ok-bg); color: var(--ok); }
.badge.cached { background: #e9ecf2; color: #414b5c; }
.badge.failed { background: var(--error-bg); color: var(--error); }
.badge.error { background: var(--error-bg); color: var(--error); }
.badge.warning { background: var(--warning-bg); color: var(--warning); }
.badge.note { background: var(--note-bg); color: var(--note); }
.badge.new { background: #ebe9fe; color: #4a1fb8; }
.badge.unchanged { background: #eef0f4; color: #4b5565; }
.badge.fixed { background: var(--ok-bg); color: var(--ok); }
.badge.other { background: #eef0f4; color: #4b5565; }
/* Off-screen panels skip layout and paint: opening hundreds of them at once stays fast. */
details.repo { background: var(--card); border: 1px solid var(--border); border-radius: 10px; margin-bottom: 8px; content-visibility: auto; contain-intrinsic-size: auto 46px; }
details.repo > summary { cursor: pointer; padding: 10px 16px; display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; list-style: none; }
details.repo > summary::-webkit-details-marker { display: none; }
details.repo > summary::before { content: "\\25B8"; color: var(--muted); width: 1em; }
details.repo[open] > summary::before { content: "\\25BE"; }
details.repo > summary .name { font-weight: 600; overflow-wrap: anywhere; }
details.repo > summary .counts { margin-left: auto; display: flex; gap: 6px; }
.repo-body { padding: 4px 16px 16px; border-top: 1px solid var(--border); }
.repo-body h3 { font-size: 0.95rem; font-weight: 650; margin: 18px 0 8px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0; font-size: 0.88rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.failure { background: var(--error-bg); color: var(--error); border-radius: 6px; padding: 8px 12px; margin-top: 12px; overflow-wrap: anywhere; white-space: pre-wrap; }
ol.findings { list-style: none; margin: 0; padding: 0; }
ol.findings > li { border: 1px solid var(--border); border-left: 4px solid var(--other-bar); border-radius: 6px; padding: 8px 12px; margin-bottom: 8px; }
ol.findings > li.error { border-left-color: var(--error-bar); }
ol.findings > li.warning { border-left-color: var(--warning-bar); }
ol.findings > li.note { border-left-color: var(--note-bar); }
.finding-head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; }
.finding-head .rule { font-family: var(--mono); font-size: 0.86rem; font-weight: 600; }
.finding-head .loc { color: var(--muted); overflow-wrap: anywhere; }
.finding .message { margin: 4px 0 0; }
pre.snippet { margin: 6px 0 0; padding: 8px 10px; background: #f4f5f8; border-radius: 4px; overflow-x: auto; white-space: pre; tab-size: 4; line-height: 1.45; }
.note-cap { color: var(--muted); font-style: italic; font-size: 0.88rem; }
table.plain { font-size: 0.86rem; border: 1px solid var(--border); border-radius: 6px; }
table.plain th { background: #f6f7fa; }
table.plain td { overflow-wrap: anywhere; }
ul.notices { margin: 0; padding-left: 18px; font-size: 0.88rem; }
ul.notices li { margin-bottom: 2px; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
footer { margin-top: 40px; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--border); padding-top: 12px; }
[hidden] { display: none !important; }
@media (max-width: 720px) {
  .page { padding: 0 12px 32px; }
  .charts { grid-template-columns: 1fr; }
  .controls .shown { margin-left: 0; width: 100%; }
  details.repo > summary .counts { margin-left: 0; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  .controls, .toc, .expand { display: none !important; }
  .masthead { border-top-color: #000; }
  .card, .chart-card { break-inside: avoid; }
  details.repo { content-visibility: visible; }
  thead th { position: static; }
  a { color: inherit; text-decoration: none; }
  pre.snippet { white-space: pre-wrap; overflow-wrap: anywhere; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
