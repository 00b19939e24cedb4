/**
 * Opens a written index.html from disk in headless Chromium (the one @sparticuz/chromium ships inside
 * its npm package, or a system Chromium named by VERIKIT_CHROMIUM_PATH; driven by playwright-core): no console errors, the matrix, a failing case and coverage render, filters work,
 * print hides the controls. Saves reports/screenshot.png.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportWriter } from '../../src/reports/index.ts';
import { SPECS, sampleResults, summary } from './fixtures.ts';

/** A system Chromium when VERIKIT_CHROMIUM_PATH names one; otherwise the binary inside @sparticuz/chromium (npm ci brings it). */
const SYSTEM_CHROMIUM = process.env.VERIKIT_CHROMIUM_PATH || undefined;
const SYSTEM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SKIP = process.env.VERIKIT_SKIP_BROWSER === '1';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT = join(ROOT, 'reports', 'screenshot.png');

describe.skipIf(SKIP)('index.html in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (SYSTEM_CHROMIUM !== undefined && !existsSync(SYSTEM_CHROMIUM)) {
      throw new Error(
        `VERIKIT_CHROMIUM_PATH names ${SYSTEM_CHROMIUM}, which does not exist.\n` +
          'Unset it to use the Chromium that @sparticuz/chromium brings through npm ci, or set VERIKIT_SKIP_BROWSER=1 to skip this test on purpose.',
      );
    }
    dir = await mkdtemp(join(tmpdir(), 'vk-browser-'));
    const w = await openReportWriter(dir, { specs: SPECS, previous: summary({ findings: [], startedAt: '2026-11-20T23:00:00.000Z' }) });
    for (const r of sampleResults()) w.add(r);
    await w.finish(summary());
    browser = await chromium.launch(
      SYSTEM_CHROMIUM !== undefined
        ? { executablePath: SYSTEM_CHROMIUM, args: SYSTEM_ARGS }
        : { executablePath: await sparticuz.executablePath(), args: sparticuz.args },
    );
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const visible = (selector: string) => page.locator(`${selector}:visible`).count();

  it('renders the matrix, a failing case, coverage and changes without console errors', async () => {
    expect(await page.locator('#matrix .tile').count()).toBe(4);
    expect(await page.locator('#matrix .tile.failed').count()).toBe(2);
    expect(await page.locator('#matrix .tile.not-run').count()).toBe(1);
    const failing = page.locator('#failures details.case').first();
    await expect.poll(() => failing.isVisible()).toBe(true);
    expect(await failing.innerText()).toContain('received Success "true" (string) documented boolean');
    expect(await failing.innerText()).toContain('/Model/verificationId: must be string');
    expect(await page.locator('#coverage tbody tr').count()).toBe(4);
    expect(await page.locator('#coverage').innerText()).toContain('3 / 4');
    expect(await page.locator('#changes').innerText()).toContain('New findings');
    expect(await page.locator('#latency').innerText()).toContain('70 ms');
    expect(consoleErrors).toEqual([]);
  });

  it('filters by provider and by result', async () => {
    expect(await visible('tr.case-row')).toBe(6);
    await page.selectOption('#f-provider', 'jiguang-jverification');
    expect(await visible('tr.case-row')).toBe(3);
    expect(await visible('#matrix .tile')).toBe(1);
    expect(await page.locator('#f-count').innerText()).toBe('3 cases shown');
    await page.selectOption('#f-result', 'failed');
    expect(await visible('tr.case-row')).toBe(1);
    expect(await visible('#failures details.case')).toBe(1);
    await page.selectOption('#f-provider', '');
    expect(await visible('tr.case-row')).toBe(2);
    await page.selectOption('#f-result', '');
    expect(await visible('tr.case-row')).toBe(6);
    expect(consoleErrors).toEqual([]);
  });

  it('wrote a junit.xml that an XML parser accepts', async () => {
    const xml = await readFile(join(dir, 'junit.xml'), 'utf8');
    // Runs in the page (the project's TypeScript has no DOM types, hence a string).
    const parsed = await page.evaluate(`(() => {
      const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml');
      const err = doc.querySelector('parsererror');
      return { error: err ? err.textContent : null, suites: doc.querySelectorAll('testsuite').length, cases: doc.querySelectorAll('testcase').length };
    })()`);
    expect(parsed).toEqual({ error: null, suites: 3, cases: 7 });
  });

  it('hides the controls and unfolds every detail in print, and saves a screenshot', async () => {
    const uncovered = page.locator('#coverage ul.uncovered').first();
    expect(await uncovered.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.filters').isVisible()).toBe(false);
    expect(await uncovered.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    const png = await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
