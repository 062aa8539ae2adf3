import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { groupThousands } from '../model/number-format.js';
import { departmentLabel } from './findings-csv.js';
import type { Manifest, ManifestEntry, ThreePublicFigures } from './manifest-shape.js';

/** How the summary says a report's state. */
export const STATUS_LABELS = ['正常', '有警告', '有错误', '未生成', '已中断'] as const;
export type StatusLabel = (typeof STATUS_LABELS)[number];

/**
 * Failures that are not the data's: the file could not be read or written, the fonts are broken,
 * a worker crashed, two inputs claim one PDF, a bug. Such a report is 未生成 rather than 有错误.
 */
const OUTSIDE_THE_DATA = new Set(['unreadable', 'write', 'font-config', 'worker-crash', 'output-collision', 'internal']);

export function statusLabel(e: ManifestEntry): StatusLabel {
  if (e.status === 'interrupted') return '已中断';
  if (e.status === 'ok') return e.warnings > 0 ? '有警告' : '正常';
  // A published PDF: its own errors are the data's.
  if (e.status === 'checked') return e.errors > 0 ? '有错误' : e.warnings > 0 ? '有警告' : '正常';
  return e.findings.some((f) => f.severity === 'error' && !OUTSIDE_THE_DATA.has(f.rule)) ? '有错误' : '未生成';
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A manifest path ('/'-separated, relative to the manifest's folder, where the page also is) as a link. */
const href = (ref: string): string => esc(ref.split('/').map(encodeURIComponent).join('/'));
const money = (d: Decimal): string => groupThousands(d.toFixed(2));

function byRule(e: ManifestEntry, severity: 'error' | 'warning'): string {
  const counts = new Map<string, number>();
  for (const f of e.findings) if (f.severity === severity) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([rule, n]) => `<code>${esc(rule)}</code>${n > 1 ? ` ×${n}` : ''}`)
    .join('<br>');
}

const THREE_PUBLIC: [keyof ThreePublicFigures, string][] = [
  ['overseas', '因公出国（境）费'],
  ['vehicle', '公务用车购置及运行维护费'],
  ['reception', '公务接待费'],
  ['total', '“三公”经费合计'],
];

/**
 * The district's totals over the departments whose report was generated, and the published
 * reports checked without an error (their amounts as printed, read from their tables), summed
 * exactly.
 */
function totalsTable(entries: ManifestEntry[]): string {
  const counted = entries.filter((e) => (e.status === 'ok' || (e.status === 'checked' && e.errors === 0)) && e.figures);
  const sum = (pick: (e: ManifestEntry) => string) => counted.reduce((acc, e) => acc.plus(pick(e)), new Decimal(0));
  const rows = THREE_PUBLIC.map(
    ([key, label]) =>
      `<tr><th scope="row">${label}</th><td>${money(sum((e) => e.figures!.threePublic.budget[key]))}</td><td>${money(sum((e) => e.figures!.threePublic.actual[key]))}</td></tr>`,
  );
  rows.push(`<tr><th scope="row">本年收入合计</th><td></td><td>${money(sum((e) => e.figures!.income))}</td></tr>`);
  rows.push(`<tr><th scope="row">本年支出合计</th><td></td><td>${money(sum((e) => e.figures!.expenditure))}</td></tr>`);
  const left = entries.length - counted.length;
  const published = counted.some((e) => e.status === 'checked') ? '（含经检查无错误的已公开 PDF，按其表中所印金额）' : '';
  const note = `已生成报告${published}的 ${counted.length} 个部门合计${left > 0 ? `；有错误、未生成或已中断的 ${left} 个部门未计入` : ''}。单位：万元`;
  return `<table id="totals"><caption>${note}</caption><thead><tr><th scope="col">项目</th><th scope="col">预算数</th><th scope="col">决算数</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function departmentRow(e: ManifestEntry, i: number): string {
  const status = statusLabel(e);
  const name = departmentLabel(e);
  // A published PDF's link leads to the file checked, where it lies (its path relative to this page).
  const pdf =
    e.status === 'ok' || e.status === 'checked'
      ? `<a href="${href(e.output)}">PDF</a>`
      : e.previous
        ? `<a href="${href(e.output)}">上次的 PDF（已过时）</a>`
        : '—';
  const findings = e.findings.length > 0 ? `<a href="#f${i}">${e.findings.length} 条</a>` : '—';
  const cells = [
    `<td data-v="${esc(name)}">${esc(name)}<div class="file">${esc(e.input)}</div></td>`,
    `<td data-v="${STATUS_LABELS.indexOf(status)}"><span class="s s${STATUS_LABELS.indexOf(status)}">${status}</span></td>`,
    `<td data-v="${e.pages ?? -1}">${e.pages ?? '—'}</td>`,
    `<td data-v="${e.errors}">${e.errors}</td>`,
    `<td data-v="${e.warnings}">${e.warnings}</td>`,
    `<td class="rules">${byRule(e, 'error')}</td>`,
    `<td class="rules">${byRule(e, 'warning')}</td>`,
    `<td>${pdf}</td>`,
    `<td>${findings}</td>`,
  ];
  return `<tr data-status="${status}">${cells.join('')}</tr>`;
}

/**
 * How much of 问题明细 the page holds. A province's 10,000 departments with a few dozen warnings
 * each would make a page of a hundred megabytes; findings.csv has every finding anyway. So each
 * department lists its first errors and warnings, and the page as a whole at most DETAIL_BUDGET
 * findings (departments in the manifest's order); the rest is counted and pointed to findings.csv.
 * Bounds the page near 1 KB per department plus DETAIL_BUDGET × ~0.5 KB (docs/batch.md).
 */
export const DETAIL_LIMITS = { errorsPerDepartment: 50, warningsPerDepartment: 10, budget: 10_000 };

/** The findings of an entry that its section lists, within the limits and what is left of the page's budget. */
function listedFindings(e: ManifestEntry, budget: { left: number }): ManifestEntry['findings'] {
  let errors = 0;
  let warnings = 0;
  const listed = e.findings.filter((f) => {
    if (budget.left <= 0) return false;
    if (f.severity === 'error' ? ++errors > DETAIL_LIMITS.errorsPerDepartment : ++warnings > DETAIL_LIMITS.warningsPerDepartment) return false;
    budget.left--;
    return true;
  });
  return listed;
}

function findingsSection(e: ManifestEntry, i: number, budget: { left: number }): string {
  if (e.findings.length === 0) return '';
  const listed = listedFindings(e, budget);
  const items = listed.map((f) => {
    const place = f.line !== null ? `:${f.line}${f.column !== null ? `:${f.column}` : ''}` : '';
    const values = [f.expected ? `应为 ${esc(f.expected)}` : '', f.actual ? `实为 ${esc(f.actual)}` : ''].filter(Boolean).join('，');
    return (
      `<li class="${f.severity}"><span class="sev">${f.severity === 'error' ? '错误' : '警告'}</span> <code>${esc(f.rule)}</code> ` +
      `<span class="file">${esc(f.file)}${place}</span><div class="msg">${esc(f.message)}</div>${values ? `<div class="values">${values}</div>` : ''}</li>`
    );
  });
  const unlisted = e.findings.length - listed.length;
  const more = (severity: 'error' | 'warning') => e.findings.filter((f) => f.severity === severity).length - listed.filter((f) => f.severity === severity).length;
  const rest =
    unlisted > 0
      ? `<p class="more">另有 ${unlisted} 条未在此列出（${[more('error') ? `${more('error')} 个错误` : '', more('warning') ? `${more('warning')} 个警告` : ''].filter(Boolean).join('、')}），见 findings.csv。</p>`
      : '';
  const list = items.length > 0 ? `<ol>\n${items.join('\n')}\n</ol>` : '';
  return `<section id="f${i}"><h3>${esc(departmentLabel(e))} <span class="file">${esc(e.input)}</span></h3>${list}${rest}<p><a href="#departments">返回部门列表</a></p></section>`;
}

const STYLE = `
body{font-family:"Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em;color:#222;font-size:14px}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}h3{font-size:1em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:.3em .6em;vertical-align:top}
thead th{background:#eef1f5}#departments thead th{cursor:pointer;user-select:none}
#departments thead th[aria-sort=ascending]::after{content:" ▲"}#departments thead th[aria-sort=descending]::after{content:" ▼"}
#totals td,#departments td:nth-child(n+3):nth-child(-n+5){text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;color:#555;padding:.3em 0;white-space:nowrap}
.file{color:#666;font-size:.85em}.rules{font-size:.85em}
.s{padding:0 .4em;border-radius:3px}.s0{background:#e3f4e3}.s1{background:#fff3c4}.s2{background:#fbd9d9}.s3{background:#e6d9fb}.s4{background:#ddd}
.filters{margin:.5em 0}.filters label{margin-right:1em}
li{margin:.4em 0}.more{color:#555}li.error .sev{color:#b00}li.warning .sev{color:#a60}.msg{white-space:pre-wrap}.values{color:#555}
`;

const SCRIPT = `
(function () {
  var table = document.getElementById('departments');
  var body = table.tBodies[0];
  var q = document.getElementById('q');
  var status = document.getElementById('status');
  var count = document.getElementById('count');
  function filter() {
    var text = q.value.trim().toLowerCase();
    var shown = 0;
    for (var r of body.rows) {
      var ok = (!status.value || r.dataset.status === status.value) && (!text || r.cells[0].textContent.toLowerCase().indexOf(text) >= 0);
      r.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = '显示 ' + shown + ' / ' + body.rows.length + ' 个部门';
  }
  var heads = table.tHead.rows[0].cells;
  for (var i = 0; i < heads.length; i++) {
    (function (col, th) {
      if (!th.dataset.sort) return;
      th.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        for (var h of heads) h.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
          var c = th.dataset.sort === 'num' ? Number(x) - Number(y) : x.localeCompare(y, 'zh-CN');
          return dir * c;
        });
        for (var r of rows) body.appendChild(r);
      });
    })(i, heads[i]);
  }
  q.addEventListener('input', filter);
  status.addEventListener('change', filter);
  filter();
})();
`;

function details(entries: ManifestEntry[]): string {
  const budget = { left: DETAIL_LIMITS.budget };
  return entries.map((e, i) => findingsSection(e, i, budget)).filter(Boolean).join('\n') || '<p>没有问题。</p>';
}

const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * summary.html: one self-contained page for the bureau — every department with its state, pages,
 * errors and warnings by rule, its PDF and its findings; the district's 三公 and 收入/支出 totals.
 * Inline style and script only (allowed by hash in its Content-Security-Policy), nothing fetched:
 * it reads the same offline. Every text from the data is escaped. No time in it: the same
 * manifest gives the same bytes.
 */
export function summaryHtml(manifest: Manifest): string {
  const entries = manifest.entries;
  const counts = STATUS_LABELS.map((s) => `${s} ${entries.filter((e) => statusLabel(e) === s).length}`).join(' · ');
  const head = [
    ['text', '部门'],
    ['num', '状态'],
    ['num', '页数'],
    ['num', '错误'],
    ['num', '警告'],
    ['', '错误（按规则）'],
    ['', '警告（按规则）'],
    ['', 'PDF'],
    ['', '问题'],
  ]
    .map(([sort, label]) => `<th scope="col"${sort ? ` data-sort="${sort}"` : ''}>${label}</th>`)
    .join('');
  const options = ['<option value="">全部状态</option>', ...STATUS_LABELS.map((s) => `<option>${s}</option>`)].join('');
  const csp = `default-src 'none'; style-src ${cspHash(STYLE)}; script-src ${cspHash(SCRIPT)}; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>部门决算批量生成汇总</title>
<style>${STYLE}</style>
</head>
<body>
<h1>部门决算批量生成汇总</h1>
<p>共 ${entries.length} 个部门：${counts}。问题明细另见同一文件夹中的 findings.csv。</p>
<h2>全区合计</h2>
${totalsTable(entries)}
<h2>各部门</h2>
<div class="filters"><label>查找部门 <input type="search" id="q"></label><label>状态 <select id="status">${options}</select></label><span id="count"></span></div>
<table id="departments"><thead><tr>${head}</tr></thead><tbody>
${entries.map(departmentRow).join('\n')}
</tbody></table>
<h2>问题明细</h2>
${details(entries)}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
