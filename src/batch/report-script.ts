// The report's only script: sorting and filtering the repository table, opening a repository's
// panel when its anchor is followed, and opening every panel for printing. The table is
// rendered on the server; the script reads its data with JSON.parse from the embedded
// application/json block and only moves rows, toggles `hidden`/`open` and sets textContent —
// it never builds markup from strings. The page's Content-Security-Policy allows exactly this
// script, by hash.
export const REPORT_SCRIPT = `
(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const repos = data.repositories;
  const $ = (id) => document.getElementById(id);

  // Panels: follow anchors to a closed <details>, open all for printing.
  const panels = () => Array.from(document.querySelectorAll('details.repo'));
  const openTarget = () => {
    const el = location.hash.length > 1 ? document.getElementById(location.hash.slice(1)) : null;
    if (el && el.tagName === 'DETAILS') el.open = true;
  };
  window.addEventListener('hashchange', openTarget);
  openTarget();
  const setAll = (open) => panels().forEach((d) => { d.open = open; });
  if ($('panel-controls')) $('panel-controls').hidden = false;
  $('expand-all')?.addEventListener('click', () => setAll(true));
  $('collapse-all')?.addEventListener('click', () => setAll(false));
  let openBeforePrint = null;
  window.addEventListener('beforeprint', () => {
    openBeforePrint = panels().map((d) => d.open);
    setAll(true);
  });
  window.addEventListener('afterprint', () => {
    if (openBeforePrint) panels().forEach((d, i) => { d.open = openBeforePrint[i]; });
    openBeforePrint = null;
  });

  const tbody = $('repo-rows');
  if (!tbody) return;
  const rowOf = new Map(Array.from(tbody.querySelectorAll('tr[data-index]')).map((tr) => [Number(tr.dataset.index), tr]));
  $('repo-controls').hidden = false;

  // Filtering: free text over name, source, branch, commit and error; severity; status.
  const query = $('repo-filter');
  const severity = $('severity-filter');
  const status = $('status-filter');
  const haystack = repos.map((r) => [r.name, r.source, r.branch, r.head, r.failure].filter(Boolean).join('\\n').toLowerCase());
  const bySeverity = {
    all: () => true,
    any: (r) => r.total > 0,
    none: (r) => r.total === 0,
    error: (r) => r.error > 0,
    warning: (r) => r.warning > 0,
    note: (r) => r.note > 0,
    new: (r) => r.new > 0,
  };
  const applyFilter = () => {
    const q = query.value.trim().toLowerCase();
    const test = Object.prototype.hasOwnProperty.call(bySeverity, severity.value) ? bySeverity[severity.value] : bySeverity.all;
    let shown = 0;
    repos.forEach((r, i) => {
      const visible = (q === '' || haystack[i].includes(q)) && test(r) && (status.value === 'all' || r.status === status.value);
      rowOf.get(i).hidden = !visible;
      if (visible) shown++;
    });
    $('repo-shown').textContent = shown === repos.length ? repos.length + ' repositories' : shown + ' of ' + repos.length + ' repositories';
    $('repo-none').hidden = shown > 0;
  };
  query.addEventListener('input', applyFilter);
  severity.addEventListener('change', applyFilter);
  status.addEventListener('change', applyFilter);
  applyFilter();

  // Sorting: numbers start largest first, text A to Z; a second click reverses; ties keep batch order.
  const headers = Array.from(document.querySelectorAll('#repo-table th[data-key]'));
  const missing = (v) => v === undefined || v === null || v === '';
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const compare = (a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b)));
  let sortKey = null;
  let direction = 1;
  headers.forEach((th) => {
    th.querySelector('button').addEventListener('click', () => {
      const key = th.dataset.key;
      if (sortKey === key) direction = -direction;
      else { sortKey = key; direction = th.dataset.type === 'number' ? -1 : 1; }
      const order = repos.map((_, i) => i).sort((a, b) => {
        const x = repos[a][key];
        const y = repos[b][key];
        // Empty cells stay last whichever the direction.
        if (missing(x) !== missing(y)) return missing(x) ? 1 : -1;
        return compare(x, y) * direction || a - b;
      });
      tbody.append(...order.map((i) => rowOf.get(i)));
      headers.forEach((h) => h.setAttribute('aria-sort', h === th ? (direction === 1 ? 'ascending' : 'descending') : 'none'));
    });
  });
})();
`;
