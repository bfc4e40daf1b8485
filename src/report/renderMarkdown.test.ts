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
    expect(md).toContain('Money impact of the failures: **0.0000025 USD** over 1 result(s).');
    expect(md).toContain('| provider-api | fail | fail | 1 | 1 | 0 | 1 |');
    const row = md.split('\n').find((l) => l.startsWith('| fail |'))!;
    // Six cells: no provider `|` or newline may add a column.
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(8);
    expect(md).not.toContain('<img');
    expect(md).not.toContain(HOSTILE);
    expect(md).toContain(`Report digest \`${report.digest}\``);
  });

  it('mdEscape leaves no HTML, link syntax, table pipes, line breaks or invisible characters', () => {
    expect(mdEscape('a|b\nc [x](http://e) <b>*y*</b> `z` \u0000\u202e')).toBe('a\\|b c \\[x\\](http://e) &lt;b&gt;\\*y\\*&lt;/b&gt; \\`z\\` \\\\u0000\\\\u202E');
  });
});
