// The auditor bills other models' iterations of an Anthropic response exactly as settle bills them
// (TMS-M-058, TMS-A-006, TMS-A-014): the advisor's usage is a record of its own model.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../src/paths.js';
import { cli, jsonl, SHEET, tmp } from './audit-helpers.js';

const FROM = '2026-10-01T00:00:00Z';
const UNTIL = '2026-11-01T00:00:00Z';
const zeroCache = { cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
// The usage object of vercel/ai@ed857f50f112e23930b0c2dd8d532cc8bebbc911
// packages/anthropic/src/__fixtures__/anthropic-advisor-20260301.1.json (/usage), as the recorded-usage vectors quote it.
type Vectors = { test_groups: { tests: { comment: string; native: object }[] }[] };
const recorded = JSON.parse(readFileSync(fromRoot('vectors', 'measure', 'usage-recorded.json'), 'utf8')) as Vectors;
const advisorUsage = recorded.test_groups.flatMap((g) => g.tests).find((t) => t.comment.startsWith('Anthropic advisor'))!.native;

describe('Anthropic advisor iterations', () => {
  it('are billed as the advisor model by audit exactly as by settle, byte for byte (TMS-M-058, TMS-A-014)', async () => {
    const dir = tmp('iterations');
    // The example sheet with the fixture's two models (test prices, not published ones).
    const sheet = join(dir, 'sheet.yaml');
    const extra = (model: string, input: string, output: string) =>
      `  - id: test/${model}\n    model: ${model}\n    source: "test prices"\n    checked: "2026-11-30"\n    prices:\n      input/none/text: "${input}"\n      output/none/text: "${output}"\n`;
    writeFileSync(sheet, `${readFileSync(SHEET, 'utf8').trimEnd()}\n${extra('claude-sonnet-4-6', '3', '15')}${extra('claude-opus-4-7', '5', '25')}`);
    const line = (id: string, usage: object) => JSON.stringify({ type: 'message', id, time: '2026-10-03T12:00:00Z', model: 'claude-sonnet-4-6', usage });
    const log = join(dir, 'log.jsonl');
    const plain = { input_tokens: 100, output_tokens: 20, ...zeroCache };
    // The advisor response, an identical copy of it, and a plain one.
    writeFileSync(log, `${[line('msg_adv', advisorUsage), line('msg_plain', plain), line('msg_adv', advisorUsage)].join('\n')}\n`);
    const s = await cli(['settle', '--sheet', sheet, '--records', log, '--from', FROM, '--until', UNTIL, '--out', join(dir, 'settled.json')]);
    expect(s.code, s.err).toBe(0);
    const a = await cli(['audit', '--records', log, '--sheet', sheet, '--from', FROM, '--until', UNTIL, '--quiet', '--json', '--out', join(dir, 'audit')]);
    expect(a.code, a.err).toBe(1); // the copy is a duplicate finding
    expect(readFileSync(join(dir, 'audit', 'statement.json')).equals(readFileSync(join(dir, 'settled.json')))).toBe(true);
    const statement = JSON.parse(readFileSync(join(dir, 'settled.json'), 'utf8')) as { line_items: { model: string; quantity: string }[] };
    const opus = statement.line_items.filter((l) => l.model === 'claude-opus-4-7').map((l) => l.quantity);
    expect(opus.sort()).toEqual(['2728', '874']);
    const sonnetIn = statement.line_items.filter((l) => l.model === 'claude-sonnet-4-6').map((l) => l.quantity);
    expect(sonnetIn.sort()).toEqual(['2514', '3220']);
    // Both records of the copied line are duplicates; 3 lines hold 5 records.
    const tally = JSON.parse(a.out).tally as { lines: number; records: number; billed: number; duplicates: number };
    expect(tally).toMatchObject({ lines: 3, records: 5, billed: 3, duplicates: 2 });
    const dups = jsonl<{ kind: string; record_id: string }>(join(dir, 'audit', 'discrepancies.jsonl')).filter((d) => d.kind === 'duplicate');
    expect(dups.map((d) => d.record_id).sort()).toEqual(['msg_adv', 'msg_adv/iterations/1']);
  });
});
