import { describe, it, expect } from 'vitest';
import { summaryHtml, DETAIL_LIMITS } from '../src/batch/summary-html';
import type { Manifest, ManifestEntry, ManifestFinding } from '../src/batch/manifest-shape';

// A province's year: 10,000 departments. The summary's table lists them all; its details are
// bounded, findings.csv carrying every finding.
const DEPARTMENTS = 10_000;
const tp = { total: '12.50', overseas: '0', vehicle: '10.00', reception: '2.50' };

function finding(i: number, k: number, severity: 'error' | 'warning'): ManifestFinding {
  return {
    severity,
    rule: severity === 'error' ? 'income-row-sum' : 'narrative-reason',
    message: `收入决算表（公开02表） 2010301 行政运行 本年收入合计：各项之和为 ${k}.00，表中为 ${k}.02（差 0.02，超出尾数误差范围 ±0.01）；部门 ${i} 第 ${k} 条`,
    file: `../data/2023/d${i}.yaml`,
    line: 40 + k,
    column: 12,
    expected: `${k}.00`,
    actual: `${k}.02`,
  };
}

function entry(i: number, warnings: number, errors: number): ManifestEntry {
  const findings = [...Array.from({ length: errors }, (_, k) => finding(i, k, 'error')), ...Array.from({ length: warnings }, (_, k) => finding(i, k, 'warning'))];
  const ok = errors === 0;
  return {
    input: `../data/2023/d${String(i).padStart(5, '0')}.yaml`,
    output: `2023/d${String(i).padStart(5, '0')}.pdf`,
    status: ok ? 'ok' : 'failed',
    errors,
    warnings,
    sha256: ok ? 'a'.repeat(64) : null,
    pages: ok ? 40 : null,
    bytes: ok ? 500_000 : null,
    ms: 300,
    inputHash: 'x',
    templatesHash: 'y',
    previous: null,
    findings,
    department: `某省某市某区第${i}部门`,
    figures: { income: '1000.00', expenditure: '990.00', threePublic: { budget: tp, actual: tp } },
  } as ManifestEntry;
}

const manifest = (entries: ManifestEntry[]): Manifest => ({ format: 2, generator: 'juesuan test', root: '../data', entries }) as Manifest;

describe('summary.html at province scale', () => {
  it('10,000 departments with 34 warnings each (the sample has 34): every department listed, the page stays near 1 KB a department', () => {
    const entries = Array.from({ length: DEPARTMENTS }, (_, i) => entry(i, 34, i % 50 === 0 ? 3 : 0));
    const html = summaryHtml(manifest(entries));
    const bytes = Buffer.byteLength(html);
    // Unbounded, the details alone were ~150 MB; a department's row is about 0.7 KB.
    expect(bytes).toBeLessThan(13_000_000);
    expect(html.match(/<tr data-status=/g)).toHaveLength(DEPARTMENTS);
    // Exact totals of the 9,800 generated reports.
    expect(html).toContain('<th scope="row">本年收入合计</th><td></td><td>9,800,000.00</td>');
    expect(html).toContain('有错误、未生成或已中断的 200 个部门未计入');
    // The first department lists its 3 errors and 10 of its 34 warnings and says where the rest are.
    const first = html.slice(html.indexOf('<section id="f0">'), html.indexOf('</section>', html.indexOf('<section id="f0">')));
    expect(first.match(/<li class="error">/g)).toHaveLength(3);
    expect(first.match(/<li class="warning">/g)).toHaveLength(DETAIL_LIMITS.warningsPerDepartment);
    expect(first).toContain(`另有 ${34 - DETAIL_LIMITS.warningsPerDepartment} 条未在此列出（${34 - DETAIL_LIMITS.warningsPerDepartment} 个警告），见 findings.csv。`);
    // The page's details stop at the budget; later departments keep their section (the table links to it) with the count.
    expect(html.match(/<li class="(error|warning)">/g)).toHaveLength(DETAIL_LIMITS.budget);
    const last = html.slice(html.indexOf(`<section id="f${DEPARTMENTS - 50}">`));
    expect(last).toContain('另有 37 条未在此列出（3 个错误、34 个警告），见 findings.csv。');
    expect(last).not.toContain('<li');
  });

  it('a department with hundreds of findings no longer takes the page (or the batch) down', () => {
    // 10,000 × 200 findings: the unbounded page passed V8's longest string and threw.
    const many = entry(0, 200, 0).findings;
    const entries = Array.from({ length: DEPARTMENTS }, (_, i) => ({ ...entry(i, 0, 0), warnings: 200, findings: many }));
    const bytes = Buffer.byteLength(summaryHtml(manifest(entries)));
    expect(bytes).toBeLessThan(13_000_000);
  });

  it('a small district lists every finding, as before', () => {
    const entries = Array.from({ length: 20 }, (_, i) => entry(i, 8, i === 3 ? 2 : 0));
    const html = summaryHtml(manifest(entries));
    expect(html.match(/<li class="(error|warning)">/g)).toHaveLength(20 * 8 + 2);
    expect(html).not.toContain('未在此列出');
  });
});
