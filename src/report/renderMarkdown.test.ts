import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReportModel } from './buildReportModel.js';
import { mdEscape } from './escape.js';
import { readEvents } from './readEvents.js';
import { renderMarkdown } from './renderMarkdown.js';
import { sealReport } from './signReport.js';
import { HOSTILE, writeSyntheticRun } from '../testing/syntheticRun.js';

describe('renderMarkdown (TMS-C-205, TMS-C-209)', () => {
  it('states the verdict, counts, money impact and a failures table, escaping provider strings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokencert-md-'));
    await writeSyntheticRun(dir);
    const report = sealReport(buildReportModel(await readEvents(dir)));
    const md = renderMarkdown(report);
    expect(md.split('\n')[0]).toBe('# tokencert probe: ❌ FAIL');
    expect(md).toContain('3 results: 1 passed, 1 failed, 0 errors, 0 skipped, 1 not applicable.');
    expect(md).toContain('Money impact of the failures: **0.0000025 USD**, the sum stated by 1 of the 1 failing result.');
    expect(md).toContain('| provider-api | fail | fail | 1 | 1 | 0 | 1 |');
    // The failing check sits under its likely root cause (TMS-C-213), with the check's own heading and table.
    expect(md).toContain('### 1. Counts differ from the declared tokenizer (MUST, fail, 1 result in 1 check, impact 0.0000025 USD)');
    expect(md).toContain('#### prompt-count-exact: Prompt tokens equal the reference count (MUST, 1 instance, impact 0.0000025 USD)');
    expect(md).toMatch(/Requirements: \[TMS-M-004\]\(\.\.\/\.\.\/spec\/tms\.md#tms-m-004-[a-z0-9-]+\)/);
    const row = md.split('\n').find((l) => l.startsWith('| chat-basic |'))!;
    // Five cells: no provider `|` or newline may add a column.
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(7);
    expect(md).toContain('Not assessed (no decided result): record-producer, counter, pricer, settler, auditor, gateway.');
    expect(md).not.toContain('<img');
    expect(md).not.toContain(HOSTILE);
    expect(md).toContain(`Report digest \`${report.digest}\``);
  });

  it('mdEscape leaves no HTML, link syntax, table pipes, line breaks or invisible characters', () => {
    expect(mdEscape('a|b\nc [x](http://e) <b>*y*</b> `z` \u0000\u202e')).toBe(
      'a\\|b c \\[x\\](http://e) &lt;b&gt;\\*y\\*&lt;/b&gt; \\`z\\` \\\\u0000\\\\u202E',
    );
  });
});
