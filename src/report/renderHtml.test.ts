import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../paths.js';
import { buildReportModel } from './buildReportModel.js';
import { readEvents } from './readEvents.js';
import { renderHtml } from './renderHtml.js';
import { sealReport } from './signReport.js';
import { HOSTILE, SYNTHETIC_KEY, syntheticResults, writeSyntheticRun } from '../testing/syntheticRun.js';

async function html(opts: Parameters<typeof writeSyntheticRun>[1] = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tokencert-html-'));
  await writeSyntheticRun(dir, opts);
  return renderHtml(sealReport(buildReportModel(await readEvents(dir))));
}

describe('renderHtml (TMS-C-205, TMS-C-209)', () => {
  it('TMS-C-205: templates never use triple-stash, so no value can bypass escaping', () => {
    const dir = fromRoot('reports', 'templates');
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f), 'utf8'), f).not.toContain('{{{');
  });

  it('TMS-C-205: hostile provider strings are escaped and invisible characters shown; no script, no external resource', async () => {
    const h = await html();
    expect(h).not.toContain(HOSTILE);
    expect(h).not.toMatch(/<script|<img|onerror=alert\(1\)>|<link|<iframe|@import|url\(/i);
    expect(h).toContain('&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;]]&gt;\\u0001\\u0007\\u202E&amp;&quot;&#x27;');
    expect(h).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202A-\u202E]/);
    expect(h).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
    // Links stay on the page or in the repository: fragments and spec/tms.md sections, never a remote address.
    expect(h.match(/src=/g) ?? []).toEqual([]);
    for (const [, href] of h.matchAll(/href="([^"]*)"/g))
      expect(href).toMatch(/^(#[a-z0-9-]+|\.\.\/\.\.\/spec\/tms\.md#[a-z0-9-]+|transcripts\/[A-Za-z0-9._/-]+)$/);
    expect(h).not.toContain(SYNTHETIC_KEY);
  });

  it('TMS-C-209: the verdict comes first, then the failures with expected vs observed, digests and money impact', async () => {
    const h = await html();
    const at = (s: string) => h.indexOf(s);
    expect(at('id="verdict"')).toBeGreaterThan(0);
    expect(at('id="verdict"')).toBeLessThan(at('id="failures"'));
    expect(at('id="failures"')).toBeLessThan(at('id="requirements"'));
    expect(h).toMatch(/<div class="word">FAIL<\/div>/);
    const failure = h.slice(at('id="failure-0"'), h.indexOf('</article>', at('id="failure-0"')));
    expect(failure).toContain('<td class="mono expected">{&quot;prompt_tokens&quot;:14}</td>');
    expect(failure).toMatch(/<td class="mono observed">\{&quot;prompt_tokens&quot;:15,/);
    expect(failure).toContain(`<dt>request_sha256</dt><dd class="mono">${'c'.repeat(64)}</dd>`);
    expect(failure).toContain('Money impact of this check: <b>0.0000025 USD</b>');
    expect(failure).toContain(`<code>${syntheticResults[0].requirements[0]}</code>`);
    expect(h).toContain('<a class="jump" href="#failures">Jump to the 1 failure (1 likely cause) ↓</a>');
  });

  it('has the per-requirement table, the comparability chart as inline SVG with escaped labels, and the provenance', async () => {
    const h = await html();
    // The passing synthetic check's requirement (cited by id from the fixture, not by this test).
    const id = syntheticResults[1].requirements[0];
    expect(h).toMatch(
      new RegExp(
        `<td class="mono"><a href="\\.\\./\\.\\./spec/tms\\.md#${id.toLowerCase()}-[a-z0-9-]+">${id}</a></td><td>MUST</td><td>[^<]+</td><td><span class="pill pass">pass</span></td><td class="mono">${syntheticResults[1].check}</td><td class="num">1</td>`,
      ),
    );
    const svg = h.slice(h.indexOf('<svg'), h.indexOf('</svg>'));
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(2);
    expect(svg).toContain('>en</text>');
    expect(svg).not.toContain('<img');
    expect(h).toContain('Workload cost: <b>0.0123 USD</b>');
    expect(h).toContain('b'.repeat(64)); // vectors manifest digest (TMS-C-206)
  });

  it('a crashed run reads INCOMPLETE when nothing failed, with the stop explained', async () => {
    const h = await html({ crash: true, results: [syntheticResults[1]] });
    expect(h).toMatch(/<div class="word">INCOMPLETE<\/div>/);
    expect(h).toContain('The run stopped early (crashed): the event stream ends without run_finished');
  });

  it('TMS-C-125: a failure lists every violation with its exchange label', async () => {
    const res = {
      ...syntheticResults[0],
      check: 'totals-are-sums',
      reason: '2 violations',
      evidence: {
        exchange: 'repeat',
        exchanges: ['plain', 'repeat', 'cache-hit'],
        violations: [
          { exchange: 'repeat', message: 'total 1415 ≠ sum of parts 135', expected: { total_tokens: 135 }, observed: { total_tokens: 1415 } },
          { exchange: 'cache-hit', message: `total 9 ≠ 8 ${HOSTILE}` },
        ],
      },
    };
    const h = await html({ results: [res] });
    expect(h).toContain('<h4>Violations (2)</h4>');
    expect(h).toContain('<li><code>repeat</code> total 1415 ≠ sum of parts 135</li>');
    expect(h).toContain('<code>cache-hit</code> total 9 ≠ 8');
  });

  it('TMS-C-125: a reason that only strings the violations together is shown once, as their list; a lone violation once, as the reason', async () => {
    const listed = {
      ...syntheticResults[0],
      reason: '2 violations: repeat: total 1415 ≠ 135; stream: total 9 ≠ 8',
      evidence: {
        violations: [
          { exchange: 'repeat', message: 'total 1415 ≠ 135' },
          { exchange: 'stream', message: 'total 9 ≠ 8' },
        ],
      },
    };
    const lone = {
      ...syntheticResults[0],
      case_id: 'lone',
      reason: 'plain: total 7 ≠ 6',
      evidence: { violations: [{ exchange: 'plain', message: 'total 7 ≠ 6' }] },
    };
    const page = await html({ results: [listed, lone] });
    const h = page.slice(page.indexOf('id="failure-0"'), page.indexOf('</article>', page.indexOf('id="failure-0"')));
    expect(h).not.toContain('2 violations: repeat');
    expect(h).toContain('<h4>Violations (2)</h4>');
    expect(h).toContain('plain: total 7 ≠ 6');
    expect(h).not.toContain('<h4>Violations (1)</h4>');
  });

  it('TMS-C-210: an instance lists every violation with its exchange label, and its label shows in the instance table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokencert-html-'));
    await writeSyntheticRun(dir);
    const report = sealReport(buildReportModel(await readEvents(dir)));
    // Labelled evidence as the probe writes it once exchange labels exist (set here on the model, since
    // this build's event schema may not list the fields yet); unlabelled evidence is the default run's.
    Object.assign(report.results[0].evidence, {
      exchange: 'repeat',
      exchanges: ['plain', 'repeat'],
      violations: [
        { exchange: 'repeat', message: 'total 1415 ≠ sum of parts 135' },
        { exchange: 'plain', message: `total 9 ≠ 8 ${HOSTILE}` },
      ],
    });
    const h = renderHtml(report);
    expect(h).toContain('<h4>Violations (2)</h4>');
    expect(h).toContain('<li><code>repeat</code> total 1415 ≠ sum of parts 135</li>');
    expect(h).toContain('<th>Exchange</th>');
    expect(h).toContain('<td class="mono">repeat, plain</td>');
    expect(h).not.toContain(HOSTILE);
  });
});
