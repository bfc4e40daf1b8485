import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReportModel } from './buildReportModel.js';
import { readEvents } from './readEvents.js';
import { renderJunit } from './renderJunit.js';
import { sealReport } from './signReport.js';
import { HOSTILE, syntheticResults, writeSyntheticRun } from '../testing/syntheticRun.js';

async function junit(results = syntheticResults): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tokencert-junit-'));
  await writeSyntheticRun(dir, { results });
  return renderJunit(sealReport(buildReportModel(await readEvents(dir))));
}

// XML 1.0 Char production minus what must be escaped: anything else makes the file unreadable to CI.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('renderJunit (TMS-C-201, TMS-C-205)', () => {
  it('one testsuite per suite and class, one testcase per result, failure with evidence, skipped for not_applicable', async () => {
    const x = await junit();
    expect(x.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(x).toMatch(/<testsuites [^>]*tests="3" failures="1" errors="0" skipped="1"/);
    expect(x.match(/<testsuite /g)).toHaveLength(1);
    expect(x).toContain('<testsuite name="provider-api.provider-api" tests="3" failures="1" errors="0" skipped="1"');
    expect(x.match(/<testcase /g)).toHaveLength(3);
    expect(x).toMatch(
      /<failure type="MUST" message="prompt_tokens 15, reference count 14 [^"]*">reason: [^<]*\nexpected: \{\n {2}"prompt_tokens": 14\n\}\nobserved: /,
    );
    expect(x).toContain(`request_sha256: ${'c'.repeat(64)}`);
    expect(x).toContain('<skipped message="not_applicable: the target declares no prompt cache"/>');
    expect(x).toContain('<property name="vectors.manifest.sha256" value="' + 'b'.repeat(64) + '"/>');
  });

  it('an error result becomes <error>, a skip becomes <skipped>', async () => {
    const x = await junit([
      { ...syntheticResults[1], status: 'error', reason: 'timeout' },
      { ...syntheticResults[1], check: 'other', status: 'skip', reason: 'quarantined' },
    ]);
    expect(x).toMatch(/<error type="MUST" message="timeout">/);
    expect(x).toContain('<skipped message="skip: quarantined"/>');
    expect(x).toMatch(/<testsuites [^>]*failures="0" errors="1" skipped="1"/);
  });

  it('TMS-C-205: hostile provider strings never become markup, and control characters never reach the XML', async () => {
    const x = await junit();
    expect(x).not.toContain(HOSTILE);
    expect(x).not.toContain('<img');
    expect(x).not.toContain('<script');
    expect(x).not.toMatch(NOT_XML_CHAR);
    expect(x).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;]]&gt;\\u0001\\u0007\\u202E&amp;&quot;&apos;');
    // Every & starts an entity, and every attribute is closed before the tag ends.
    expect(x.replace(/&(lt|gt|amp|quot|apos|#\d+);/g, '')).not.toContain('&');
    for (const tag of x.match(/<[^>]*>/g)!) expect(tag.split('"').length % 2, tag).toBe(1);
  });
});
