// report.html in a real browser (headless Chromium): the verdict and a failure's evidence are
// visible, hostile provider strings stay text, and the page makes no request and logs no error
// (TMS-C-205, TMS-C-209). junit.xml is parsed by the browser's XML parser (TMS-C-205).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { HOSTILE, writeSyntheticRun } from '../src/testing/syntheticRun.js';
import { writeReport } from '../src/report/writeReport.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = process.env.TOKENCERT_SKIP_BROWSER === '1';
const present = existsSync(CHROMIUM);

describe.skipIf(skip)('report.html in headless Chromium (skipped only when TOKENCERT_SKIP_BROWSER=1)', () => {
  let browser: Browser | undefined;
  let page: Page;
  let dir: string;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!present) return;
    dir = mkdtempSync(join(tmpdir(), 'tokencert-browser-'));
    await writeSyntheticRun(dir);
    await writeReport(dir);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, javaScriptEnabled: true });
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.route(/^(?!file:)/, (route) => route.abort());
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('Chromium is installed at /usr/bin/chromium (apt-get install -y chromium, or set TOKENCERT_SKIP_BROWSER=1)', () => {
    expect(present, `headless Chromium not found at ${CHROMIUM}: install the Debian package "chromium" or set TOKENCERT_SKIP_BROWSER=1 to skip the browser test`).toBe(true);
  });

  it('TMS-C-209: shows the verdict first and a failure with its expected and observed evidence', async () => {
    if (!present) return expect.fail('Chromium missing (see the first test)');
    const verdict = page.locator('#verdict .word');
    await expect.poll(() => verdict.isVisible()).toBe(true);
    expect(await verdict.textContent()).toBe('FAIL');
    const box = await verdict.boundingBox();
    expect(box!.y).toBeLessThan(300);
    const failure = page.locator('#failure-0');
    expect(await failure.isVisible()).toBe(true);
    expect(await failure.locator('.expected pre').innerText()).toContain('"prompt_tokens": 14');
    expect(await failure.locator('.observed pre').innerText()).toContain('"prompt_tokens": 15');
    expect(await failure.innerText()).toContain('c'.repeat(64));
    expect(await failure.innerText()).toContain('Money impact: 0.0000025 USD');
  });

  it('TMS-C-205: hostile provider strings render as text, never as elements; no scripts run', async () => {
    if (!present) return expect.fail('Chromium missing (see the first test)');
    expect(await page.locator('img, script, iframe, object, embed, link').count()).toBe(0);
    const observed = await page.locator('#failure-0 .observed pre').innerText();
    expect(observed).toContain('</script><img src=x onerror=alert(1)>]]>\\u0001\\u0007\\u202E&');
    expect(await page.locator('h1').innerText()).toContain('Example AI </script><img src=x onerror=alert(1)>');
  });

  it('makes no network request and logs no console error', () => {
    if (!present) return expect.fail('Chromium missing (see the first test)');
    expect(requests).toEqual([pathToFileURL(join(dir, 'report.html')).href]);
    expect(problems).toEqual([]);
  });

  it('TMS-C-205: junit.xml is well-formed XML whose failure message round-trips the hostile string as text', async () => {
    if (!present) return expect.fail('Chromium missing (see the first test)');
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    const parsed = await page.evaluate((text) => {
      // Runs in the page; tsconfig has no DOM lib, so name the few DOM members used.
      interface El { getAttribute(n: string): string | null; textContent: string | null }
      interface Doc { getElementsByTagName(n: string): { length: number }; querySelector(s: string): El | null; querySelectorAll(s: string): { length: number } }
      const Parser = (globalThis as unknown as { DOMParser: new () => { parseFromString(t: string, m: string): Doc } }).DOMParser;
      const doc = new Parser().parseFromString(text, 'application/xml');
      const failure = doc.querySelector('failure');
      return { errors: doc.getElementsByTagName('parsererror').length, cases: doc.querySelectorAll('testcase').length, message: failure?.getAttribute('message') ?? null, body: failure?.textContent ?? null };
    }, xml);
    expect(parsed.errors).toBe(0);
    expect(parsed.cases).toBe(3);
    expect(parsed.message).toBe(`prompt_tokens 15, reference count 14 ${HOSTILE.replace('\u0001', '\\u0001').replace('\u0007', '\\u0007').replace('\u202e', '\\u202E')}`);
    expect(parsed.body).toContain('expected: {\n  "prompt_tokens": 14\n}');
  });
});
