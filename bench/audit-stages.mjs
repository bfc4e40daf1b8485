// What one audited line costs, stage by stage, on one thread: the floor's work (decode and
// JSON.parse) and each step the audit adds to it (validate and normalise, parse the time, price,
// serialise and hash the record digest, pack the outcome for the merging thread), each timed alone
// over the same lines, then the whole judging of a line (processLine and packing) — so the bench
// can show how far above the floor a thread that does this work must be. These are WARM figures:
// each stage runs once over the first lines to compile, then is timed on all of them; they are
// labelled as such wherever printed. Runs on the shipped build (dist/):
//   node bench/audit-stages.mjs LOG [SHEET] [LIMIT]
// Prints JSON: lines and microseconds per line for each stage.
import { readFileSync } from 'node:fs';
import { hash } from 'node:crypto';
import { processLine } from '../dist/audit/core/processLine.js';
import { normaliseLine } from '../dist/audit/read/normaliseLine.js';
import { lineContext } from '../dist/audit/runAudit.js';
import { packOutcomes } from '../dist/audit/workers/packOutcomes.js';
import { fastCanonicalJson } from '../dist/digest/fastCanonicalJson.js';
import { decodeUtf8 } from '../dist/io/readText.js';
import { loadPriceSheet } from '../dist/pricing/loadPriceSheet.js';
import { priceUsage } from '../dist/pricing/priceUsage.js';
import { parseInstant } from '../dist/settlement/instant.js';

const [log, sheetPath = 'examples/sheets/list-prices.yaml', limitText = '200000'] = process.argv.slice(2);
const sheet = await loadPriceSheet(sheetPath);
const ctx = lineContext(sheet, { from: '1970-01-01T00:00:00Z', until: '9999-01-01T00:00:00Z' }, null, null, false);
const buf = readFileSync(log);
const lines = [];
for (let s = 0, i = buf.indexOf(10); i !== -1 && lines.length < Number(limitText); s = i + 1, i = buf.indexOf(10, s)) lines.push(buf.subarray(s, i));
let values = lines.map((l) => JSON.parse(l.toString('utf8')));
let records = values.map((v) => normaliseLine(v)).map((n) => (n.ok ? n.record : undefined));
const n = lines.length;

/** Microseconds per line of `f(i)` over every line, after one untimed pass over the first 5,000. */
function stage(f) {
  for (let i = 0; i < Math.min(n, 5000); i++) f(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f(i);
  return ((performance.now() - t0) * 1000) / n;
}
const rec = (i) => records[i] ?? records[0];
/** Drops the parsed lines and records (no stage after it uses them); adds no entry. */
function release() {
  values = undefined;
  records = undefined;
  return {};
}
const outs = [];
const result = {
  lines: n,
  'decode + JSON.parse (the floor)': stage((i) => JSON.parse(decodeUtf8(lines[i], ''))),
  'validate + normalise': stage((i) => normaliseLine(values[i])),
  'parse the time': stage((i) => parseInstant(rec(i).time)),
  price: stage((i) => priceUsage(sheet, { model: rec(i).model, at: rec(i).time, serviceTier: rec(i).service_tier, usage: rec(i).usage, events: {} })),
  'record digest (RFC 8785 + SHA-256)': stage((i) => hash('sha256', fastCanonicalJson(rec(i)), 'hex')),
  // The parsed lines above are let go before the whole judging is timed: 200,000 of them held in
  // the old generation made every full collection of the judging stages trace them (it read
  // 18-20 µs a line for judging and packing, against ~13 µs in a worker of the 1M audit).
  ...release(),
  'judge a line (processLine)': stage((i) => processLine({ file: 0, line: i + 1, bytes: lines[i] }, ctx)),
  'judge and pack (a worker, per line)': stage((i) => {
    outs.push(processLine({ file: 0, line: i + 1, bytes: lines[i] }, ctx));
    if (outs.length === 512) packOutcomes(outs.splice(0));
  }),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
