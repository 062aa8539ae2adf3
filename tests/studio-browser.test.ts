import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT, cli } from './helpers.js';
import { history, startStudio, studioData, type Studio } from './studio-support.js';

/**
 * juesuan studio in a real Chromium (Debian's package; .ci/run installs it): the officer opens the
 * sample, sees its findings, fills the missing reason of 十 机关运行经费, sees that finding go and
 * the page print the reason, saves (the file keeps its comments), downloads the PDF (the bytes of
 * `juesuan render`), and a second tab's save of an older version is refused. The screenshots in
 * docs/img/ are made here.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REASON = '主要原因是严格控制会议费、差旅费等一般性支出';
const MISSING = '十 机关运行经费：较上年减少 7.31 万元';
const SHOTS = join(ROOT, 'docs/img');

describe.skipIf(!existsSync(CHROMIUM))('juesuan studio in Chromium', () => {
  let browser: Browser;
  let studio: Studio;
  let data: ReturnType<typeof studioData>;
  let original: string;

  beforeAll(async () => {
    data = studioData();
    // A second department, of Shanghai's form set and without findings, for the list.
    mkdirSync(join(data.dir, '2024'));
    copyFileSync(join(ROOT, 'data/2024/pujiang-chengguan.yaml'), join(data.dir, '2024/pujiang-chengguan.yaml'));
    original = readFileSync(data.sample, 'utf8');
    studio = await startStudio(data.dir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--font-render-hinting=none'] });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  async function openSample(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1500, height: 920 }, acceptDownloads: true });
    // Two cores shared with the rest of the suite: waits are generous, the edit's time is measured apart (npm run bench).
    context.setDefaultTimeout(120_000);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/favicon/.test(m.text()) && !/404/.test(m.text())) problems.push(m.text());
    });
    await page.goto(studio.url);
    // The token has moved into the cookie and out of the address bar.
    expect(new URL(page.url()).search).toBe('');
    await page.locator('#dept-list li', { hasText: '武汉市江岸区住房保障和房屋管理局' }).click();
    await page.locator('.finding').first().waitFor();
    await page.locator('.page[data-rev]').first().waitFor();
    (page as Page & { problems?: string[] }).problems = problems;
    return page;
  }

  const pageText = (page: Page, index: number) => page.locator(`.page[data-index="${index}"] .page-text`).textContent();

  it('opens the sample, edits a missing reason, saves it with its comments, and downloads the PDF render writes', async () => {
    const page = await openSample();
    const warnings = Number(/0 个错误，(\d+) 个警告/.exec(cli(['check', data.sample]).stdout)![1]);
    // The list shows the checker's status; the findings, grouped by part, are the checker's.
    await expect(page.locator('#dept-list li').allTextContents()).resolves.toEqual([
      `武汉市江岸区住房保障和房屋管理局2023/jiangan-housing.yaml${warnings} 个警告`,
      '上海市浦江区城市管理局2024/pujiang-chengguan.yaml已通过检查',
    ]);
    await expect(page.locator('.findings h2').textContent()).resolves.toBe(`检查结果：0 个错误，${warnings} 个警告`);
    await expect(page.locator('.findings h3').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('第三部分 情况说明'), expect.stringContaining('第二部分 部门决算表')]));
    const finding = page.locator('.finding', { hasText: MISSING });
    await expect(finding.count()).resolves.toBe(1);
    await page.screenshot({ path: join(SHOTS, 'studio-page.png') });

    // Selected: its page comes into view, and its field on the left is the one to fill.
    await finding.click();
    const target = page.locator('.page.target');
    await target.waitFor();
    const index = Number(await target.getAttribute('data-index'));
    expect(index).toBeGreaterThan(20);
    await page.locator(`.page[data-index="${index}"][data-rev]`).waitFor();
    const before = await pageText(page, index);
    expect(before).toContain('十、机关运行经费支出说明');
    expect(before).not.toContain(REASON);
    const field = page.locator('textarea[data-path="explanation.admin_operation.reason"]');
    await expect(field.evaluate((e) => e === document.activeElement)).resolves.toBe(true);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'studio-finding.png') });

    // Typed and left: the finding goes, the page prints the reason.
    const rev = Number(await page.locator('body').getAttribute('data-rev'));
    const t0 = Date.now();
    await field.fill(REASON);
    await field.press('Tab');
    await page.waitForFunction((r) => Number(document.body.dataset.rev) > r, rev);
    await page.waitForFunction(
      ({ i, reason }) => document.querySelector(`.page[data-index="${i}"] .page-text`)?.textContent?.replace(/\s/g, '').includes(reason),
      { i: index, reason: REASON },
    );
    const shownMs = Date.now() - t0;
    process.stderr.write(`studio: reason edited → findings and page shown in ${shownMs} ms (browser, this run; ${await page.locator('#timing').textContent()})\n`);
    await expect(page.locator('.finding', { hasText: MISSING }).count()).resolves.toBe(0);
    await expect(page.locator('.findings h2').textContent()).resolves.toBe(`检查结果：0 个错误，${warnings - 1} 个警告`);
    const after = (await pageText(page, index))!;
    expect(after.replace(/\s/g, '')).toContain(`下降11.57%，${REASON}。`.replace(/\s/g, ''));
    await expect(page.locator('#state').textContent()).resolves.toBe('有未保存的修改');
    // Filled, the reason is no longer asked for: it stands with the other reasons of 第三部分.
    const filled = page.locator('[data-path="explanation.admin_operation.reason"]');
    await expect(filled.count()).resolves.toBe(1);
    await expect(filled.inputValue()).resolves.toBe(REASON);
    await expect(page.locator('.group-wanted [data-path="explanation.admin_operation.reason"]').count()).resolves.toBe(0);
    await filled.scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SHOTS, 'studio-form.png') });
    // Nothing is on disk until saved.
    expect(readFileSync(data.sample, 'utf8')).toBe(original);

    // Saved: one line added under admin_operation, every comment and the order kept, the previous version beside it.
    await page.locator('#save').click();
    await page.locator('#state', { hasText: '已保存' }).waitFor();
    const saved = readFileSync(data.sample, 'utf8');
    expect(history(data.dir)).toEqual([original]);
    const added = saved.split('\n').filter((l) => !original.split('\n').includes(l));
    expect(added).toEqual([`    reason: ${REASON}`]);
    expect(saved.split('\n').length).toBe(original.split('\n').length + 1);
    for (const comment of original.split('\n').filter((l) => l.trim().startsWith('#'))) expect(saved).toContain(comment);
    expect(saved).toMatch(/admin_operation:\n {4}amount: 55\.89\n {4}last_year: 63\.20\n {4}reason: 主要原因是严格控制/);

    // The PDF downloaded is `juesuan render` of the saved file, byte for byte.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    expect(download.suggestedFilename()).toBe('jiangan-housing.pdf');
    const got = join(data.root, 'downloaded.pdf');
    await download.saveAs(got);
    const rendered = join(data.root, 'rendered.pdf');
    const r = cli(['render', data.sample, '-o', rendered]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(got).equals(readFileSync(rendered))).toBe(true);
    expect((page as Page & { problems?: string[] }).problems).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('underlines findings in the YAML view and completes the keys the schema allows there', async () => {
    const page = await openSample();
    // A finding with no form field of its own (the order of 五's classes) opens the YAML at its line, underlined.
    await page.locator('.finding[data-rule="narrative-class-order"]').click();
    await page.locator('.cm-editor').waitFor();
    await expect(page.locator('#tab-yaml').getAttribute('aria-selected')).resolves.toBe('true');
    const underlined = page.locator('.cm-line', { hasText: '- code: 201' }).locator('.cm-lintRange-warning');
    await underlined.first().waitFor();
    await expect(page.locator('.cm-line', { hasText: 'budget: 1976.95' }).locator('.cm-lintRange').count()).resolves.toBe(0);
    // Under explanation.general_budget: the keys of that section, not those of explanation itself.
    const line = page.locator('.cm-line', { hasText: 'budget: 1976.95' });
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('rea');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await options.first().waitFor();
    await expect(options.allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('reason')]));
    await expect(options.allTextContents()).resolves.not.toEqual(expect.arrayContaining([expect.stringContaining('reason_threshold')]));
    await expect(page.locator('#state').textContent()).resolves.toBe('有未保存的修改');
    await page.context().close();
  }, 240_000);

  it('tells the second of two tabs that saves an older version, and keeps the first tab\'s save', async () => {
    const one = await openSample();
    const two = await openSample();
    const edit = async (page: Page, value: string) => {
      const rev = Number(await page.locator('body').getAttribute('data-rev'));
      const field = page.locator('[data-path="explanation.admin_operation.reason"]');
      await field.fill(value);
      await field.press('Tab');
      await page.waitForFunction((r) => Number(document.body.dataset.rev) > r, rev);
    };
    await edit(one, '第一个标签页写的原因');
    await one.locator('#save').click();
    await one.locator('#state', { hasText: '已保存' }).waitFor();
    const afterOne = readFileSync(data.sample, 'utf8');
    expect(afterOne).toContain('reason: 第一个标签页写的原因');
    await edit(two, '第二个标签页写的原因');
    await two.locator('#save').click();
    const toast = two.locator('#toast.error');
    await toast.waitFor();
    await expect(toast.textContent()).resolves.toContain('已被另一个窗口');
    expect(readFileSync(data.sample, 'utf8')).toBe(afterOne);
    await expect(two.locator('#state').textContent()).resolves.toBe('有未保存的修改');
    await one.context().close();
    await two.context().close();
  }, 240_000);
});
