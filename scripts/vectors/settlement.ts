// Generates the settlement golden vectors (vectors/settlement/merkle.json, vectors/settlement/settle.json)
// from the reference implementation (src/digest/merkle.ts, src/settlement) and cross-checks them:
// Merkle roots against the RFC 6962/9162 test data quoted from transparency-dev/merkle
// testonly/constants.go, and every root and path against a literal recursive implementation of
// RFC 9162 §2.1 written below; settlement totals, counts and roots against a straightforward
// independent recomputation below; rounding levels against Stripe's and lare_round's examples (V13–V15).
// Refuses to write on any disagreement.
import { writeVectorFile } from '../../src/vectors/writeVectorFile.js';
import { createHash } from 'node:crypto';
import { Decimal } from '../../src/money/Decimal.js';
import { compilePriceSheet } from '../../src/pricing/compilePriceSheet.js';
import { priceUsage } from '../../src/pricing/priceUsage.js';
import type { MeasurementRecord, Statement } from '../../src/schemas/types.gen.js';
import { sampleRecord, sampleRecords, sampleSheetSource } from '../../src/testing/sampleRecords.js';
import { specVersion, toolVersion } from '../../src/version.js';
import { merkleRunner, type MerkleTest } from '../../src/vectors/runners/merkle.js';
import { computeSettle, type SettleTest } from '../../src/vectors/runners/settle.js';
import { inclusionProof, merkleRoot } from '../../src/digest/merkle.js';
import { canonicalJson } from '../../src/digest/canonicalJson.js';

const fail = (msg: string): never => {
  throw new Error(`scripts/vectors/settlement.ts: ${msg} — refusing to write vectors`);
};
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const sha = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();

// ---- independent RFC 9162 §2.1 (literal recursion, no code shared with src/digest/merkle.ts) ----
function mth(d: readonly Uint8Array[]): Uint8Array {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Uint8Array.of(0), d[0]);
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return sha(Uint8Array.of(1), mth(d.slice(0, k)), mth(d.slice(k)));
}
function path(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  if (d.length <= 1) return [];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m < k ? [...path(m, d.slice(0, k)), mth(d.slice(k))] : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
}

// Quoted from transparency-dev/merkle testonly/constants.go (LeafInputs, NodeHashes, RootHashes).
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const NH = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
];
// Audit paths of the 8-leaf tree read off NodeHashes: the siblings of the leaf's ancestors.
const CT_PATHS_8 = Array.from({ length: 8 }, (_, m) => [NH[0][m ^ 1], NH[1][(m >> 1) ^ 1], NH[2][(m >> 2) ^ 1]]);

const write = writeVectorFile;

async function genMerkle(): Promise<string> {
  let id = 0;
  const groups: { comment: string; leaves?: string[]; tests: Record<string, unknown>[] }[] = [];
  const check = (t: Record<string, unknown>, leaves?: string[]) => {
    const o = merkleRunner.run(t as unknown as MerkleTest, { tests: [], ...(leaves ? { leaves } : {}) }, undefined as never) as {
      status: string;
      message?: string;
    };
    if (o.status !== 'pass') fail(`merkle #${String(t.tc_id)} ${String(t.comment)}: ${o.message}`);
    return t;
  };
  // Group 1: the certificate-transparency test data.
  const ctRoots = CT_ROOTS.map((want, n) => {
    const leaves = CT_LEAVES.slice(0, n);
    const got = hex(merkleRoot(leaves.map(unhex)));
    if (got !== want || hex(mth(leaves.map(unhex))) !== want) fail(`CT root of ${n} leaves: source ${want}, implementation ${got}`);
    return check({
      tc_id: ++id,
      comment: `tree hash of the first ${n} CT leaf inputs`,
      flags: n === 0 ? ['EmptyTree'] : ['CtTestData'],
      op: 'root',
      leaves,
      root: want,
      result: 'valid',
    });
  });
  groups.push({ comment: 'RFC 6962/9162 tree hashes of transparency-dev/merkle LeafInputs (RootHashes)', tests: ctRoots });
  const ctProofs: Record<string, unknown>[] = [];
  for (let size = 1; size <= 8; size++) {
    const d = CT_LEAVES.slice(0, size).map(unhex);
    for (let m = 0; m < size; m++) {
      const p = inclusionProof(d, m).map(hex);
      if (p.join() !== path(m, d).map(hex).join()) fail(`CT path (${m}, ${size}) differs from the literal PATH`);
      if (size === 8 && p.join() !== CT_PATHS_8[m].join()) fail(`CT path (${m}, 8) differs from NodeHashes`);
      ctProofs.push(
        check(
          {
            tc_id: ++id,
            comment: `inclusion of CT leaf ${m} in the tree of ${size}`,
            flags: size === 8 ? ['CtTestData'] : ['DerivedPath'],
            op: 'inclusion',
            leaf: CT_LEAVES[m],
            index: m,
            size,
            path: p,
            root: CT_ROOTS[size],
            result: 'valid',
          },
          CT_LEAVES.slice(0, size),
        ),
      );
    }
  }
  groups.push({ comment: 'Audit paths for every leaf of the CT trees of 1…8 leaves (size 8 read off NodeHashes)', leaves: undefined, tests: ctProofs });
  // Group 2: 32-byte digest leaves, as settlement uses them.
  const digests = Array.from({ length: 100 }, (_, i) => hex(sha(Buffer.from(`tokencert merkle leaf ${i}`))));
  const digestTests: Record<string, unknown>[] = [];
  for (const n of [1, 2, 3, 5, 7, 9, 15, 16, 17, 31, 32, 33, 100]) {
    const leaves = digests.slice(0, n);
    const want = hex(mth(leaves.map(unhex)));
    if (hex(merkleRoot(leaves.map(unhex))) !== want) fail(`root of ${n} digests`);
    digestTests.push(
      check({ tc_id: ++id, comment: `tree hash of ${n} 32-byte digests`, flags: ['DerivedRoot'], op: 'root', leaves, root: want, result: 'valid' }),
    );
  }
  groups.push({ comment: 'Tree hashes of 32-byte leaves (record digests), cross-checked with a literal recursive MTH', tests: digestTests });
  // Group 3: proofs over 33 digest leaves, valid and mutated.
  const leaves33 = digests.slice(0, 33);
  const d33 = leaves33.map(unhex);
  const root33 = hex(mth(d33));
  const proofTests: Record<string, unknown>[] = [];
  for (const m of [0, 1, 15, 16, 31, 32]) {
    const p = inclusionProof(d33, m).map(hex);
    if (p.join() !== path(m, d33).map(hex).join()) fail(`path (${m}, 33)`);
    proofTests.push(
      check(
        {
          tc_id: ++id,
          comment: `inclusion of digest ${m} of 33`,
          flags: ['DerivedPath'],
          op: 'inclusion',
          leaf: leaves33[m],
          index: m,
          size: 33,
          path: p,
          root: root33,
          result: 'valid',
        },
        leaves33,
      ),
    );
  }
  const p5 = path(5, d33).map(hex);
  const flip = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);
  const bad: [string, Record<string, unknown>, string][] = [
    ['wrong leaf', { leaf: leaves33[6], index: 5, path: p5 }, 'WrongLeaf'],
    ['wrong index', { leaf: leaves33[5], index: 4, path: p5 }, 'WrongIndex'],
    ['index equal to size', { leaf: leaves33[5], index: 33, path: p5 }, 'IndexOutOfRange'],
    ['negative index', { leaf: leaves33[5], index: -1, path: p5 }, 'IndexOutOfRange'],
    // A larger size (34…64) gives leaf 5 the same path shape, so RFC 9162 §2.1.3.2 accepts it; that
    // is why checkProof also requires tree_size = the statement's merkle.size (TMS-S-013).
    ['size one smaller', { leaf: leaves33[5], index: 5, size: 32, path: p5 }, 'WrongSize'],
    ['size two smaller', { leaf: leaves33[5], index: 5, size: 31, path: p5 }, 'WrongSize'],
    ['first path element altered', { leaf: leaves33[5], index: 5, path: [flip(p5[0]), ...p5.slice(1)] }, 'AlteredPath'],
    ['last path element altered', { leaf: leaves33[5], index: 5, path: [...p5.slice(0, -1), flip(p5[p5.length - 1])] }, 'AlteredPath'],
    ['path truncated', { leaf: leaves33[5], index: 5, path: p5.slice(0, -1) }, 'TruncatedPath'],
    ['path extended', { leaf: leaves33[5], index: 5, path: [...p5, p5[0]] }, 'ExtendedPath'],
    ['empty path', { leaf: leaves33[5], index: 5, path: [] }, 'TruncatedPath'],
    ['path elements swapped', { leaf: leaves33[5], index: 5, path: [p5[1], p5[0], ...p5.slice(2)] }, 'AlteredPath'],
    // Second preimage: an interior node offered as leaf data must fail, thanks to the 0x00/0x01 prefixes.
    // (a 16-leaf claim whose leaf 0 is the node over digests 0 and 1 of the 32-leaf tree).
    [
      'interior node offered as a leaf',
      { leaf: hex(mth(d33.slice(0, 2))), index: 0, size: 16, path: path(0, d33.slice(0, 32)).slice(1).map(hex), root: hex(mth(d33.slice(0, 32))) },
      'SecondPreimage',
    ],
  ];
  for (const [comment, t, flag] of bad) {
    proofTests.push(check({ tc_id: ++id, comment, flags: [flag], op: 'inclusion', size: 33, root: root33, ...t, result: 'invalid' }));
  }
  groups.push({
    comment: 'Inclusion proofs in a tree of 33 digests: valid ones and single mutations that must be rejected',
    leaves: leaves33,
    tests: proofTests,
  });
  return write('settlement/merkle.json', {
    schema: 'vectors-merkle.json',
    spec_version: specVersion,
    kind: 'merkle',
    source: {
      name: 'tokencert reference implementation (src/digest/merkle.ts)',
      version: toolVersion,
      reference: [
        'RFC 9162 §2.1.1 (Merkle tree hash), §2.1.3.1 (PATH), §2.1.3.2 (verifying an inclusion proof); https://www.rfc-editor.org/rfc/rfc9162',
        'transparency-dev/merkle testonly/constants.go: LeafInputs, NodeHashes, RootHashes, EmptyRootHash (the RFC 6962 test data of google/certificate-transparency)',
        'scripts/vectors/settlement.ts: literal recursive MTH and PATH used to cross-check every derived root and path',
      ],
    },
    requirements: ['TMS-S-012', 'TMS-S-013'],
    notes: {
      EmptyTree: { description: 'The empty tree hashes to SHA-256 of the empty string.' },
      CtTestData: { description: 'Expected value quoted from transparency-dev/merkle testonly/constants.go.' },
      DerivedPath: { description: 'Audit path from the implementation, equal to the literal recursive PATH of RFC 9162 §2.1.3.1.' },
      DerivedRoot: { description: 'Root from the implementation, equal to the literal recursive MTH of RFC 9162 §2.1.1.' },
      WrongLeaf: { description: 'The proof is for another leaf.', bug_type: 'proof-forgery' },
      WrongIndex: { description: 'The leaf index does not match the path.', bug_type: 'proof-forgery' },
      IndexOutOfRange: { description: 'The index is not inside the tree.', bug_type: 'edge-case' },
      WrongSize: { description: 'The tree size does not match the path.', bug_type: 'proof-forgery' },
      AlteredPath: { description: 'A path element was changed or reordered.', bug_type: 'proof-forgery' },
      TruncatedPath: { description: 'The path is missing elements.', bug_type: 'proof-forgery' },
      ExtendedPath: { description: 'The path has an extra element.', bug_type: 'proof-forgery' },
      SecondPreimage: {
        description: 'An interior node is offered as leaf data; domain separation (0x00 leaf, 0x01 node) must reject it.',
        bug_type: 'second-preimage',
      },
    },
    test_groups: groups,
  });
}

// ---- settlement ----

/** Independent recomputation of the parts of a statement a reader can check with a pencil. */
function crossCheck(t: SettleTest, sheetSource: unknown, st: Statement): void {
  const sheet = compilePriceSheet(structuredClone(sheetSource), { file: 'x' });
  const from = Date.parse(t.from);
  const until = Date.parse(t.until);
  const byId = new Map<string, Map<string, MeasurementRecord>>();
  for (const r of t.records as MeasurementRecord[]) {
    const d = createHash('sha256').update(canonicalJson(r)).digest('hex');
    (byId.get(r.record_id) ?? byId.set(r.record_id, new Map()).get(r.record_id)!).set(d, r);
  }
  const billed: [string, MeasurementRecord][] = [];
  let excluded = 0;
  let conflicting = 0;
  for (const versions of byId.values()) {
    if (versions.size > 1) {
      conflicting++;
      continue;
    }
    const [[d, r]] = [...versions];
    const at = Date.parse(r.time);
    if (at >= from && at < until) billed.push([d, r]);
    else excluded++;
  }
  let exact = Decimal.zero;
  for (const [, r] of billed) {
    const p = priceUsage(sheet, { model: r.model, at: r.time, serviceTier: r.service_tier, usage: r.usage });
    if (!p.ok) return fail(`#${t.tc_id}: ${p.message}`);
    exact = exact.add(Decimal.parse(p.total));
  }
  const root = hex(
    mth(
      billed
        .map(([d]) => d)
        .sort()
        .map(unhex),
    ),
  );
  const want = { billed: billed.length, excluded, conflicting };
  if (canonicalJson(st.counts) !== canonicalJson(want)) fail(`#${t.tc_id}: counts ${canonicalJson(st.counts)} vs independent ${canonicalJson(want)}`);
  if (st.merkle.root !== root) fail(`#${t.tc_id}: merkle root differs from the literal recursive MTH`);
  if (!Decimal.parse(st.totals.amount_exact).eq(exact)) fail(`#${t.tc_id}: exact total ${st.totals.amount_exact} vs Σ per-record ${exact.toString()}`);
  const { mode, scale, level } = st.rounding;
  const due =
    level === 'line' ? st.line_items.reduce((a, l) => a.add(Decimal.parse(l.amount_exact).round(scale, mode)), Decimal.zero) : exact.round(scale, mode);
  if (!Decimal.parse(st.totals.amount).eq(due)) fail(`#${t.tc_id}: amount ${st.totals.amount} vs independent ${due.toString()}`);
}

const P = { from: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z' };
/** Cents sheet for the cited rounding cases: prices per token (unit 1) in USD. */
const centsSheet = {
  tms_version: '0.1.0',
  id: 'rounding-cases',
  currency: 'USD',
  unit: 1,
  entries: [
    // Stripe's unit_amount_decimal 0.05 (¢) = 0.0005 USD per unit (V13, V14; https://stripe.com/docs/billing/subscriptions/decimal-amounts).
    { id: 'stripe-0.05c', model: 'stripe-0.05c', prices: { 'input/none/text': '0.0005' } },
    // lare_round: three amounts of 0.3334 (V15, lare_round gem (rubygems.org/gems/lare_round)), one per usage cell kind.
    { id: 'lare', model: 'lare', prices: { 'input/none/text': '0.3334', 'input/read/text': '0.3334', 'output/none/text': '0.3334' } },
  ],
};
const cells = (...c: [string, string, number][]) =>
  ({ cells: c.map(([direction, cache, tokens]) => ({ direction, cache, modality: 'text', tokens })) }) as MeasurementRecord['usage'];
const rec = (i: number, model: string, usage: MeasurementRecord['usage'], time = '2026-01-10T00:00:00Z'): MeasurementRecord => ({
  ...sampleRecord(i, { time }),
  model,
  usage,
});

async function genSettle(): Promise<string> {
  let id = 0;
  const base = sampleRecords(8, 11);
  const shuffledDup = [base[3], base[7], base[0], base[3], base[5], base[1], base[2], base[6], base[4], base[0]];
  const conflictV2 = { ...base[2], usage: cells(['input', 'none', 5]) };
  const outside = [
    sampleRecord(50, { time: '2025-12-31T23:59:59.999Z' }),
    sampleRecord(51, { time: '2026-02-01T00:00:00Z' }),
    sampleRecord(52, { time: '2026-01-01T00:00:00Z' }),
    sampleRecord(53, { time: '2026-01-31T23:59:59.999999999Z' }),
  ];
  type Case = {
    comment: string;
    flags: string[];
    records: unknown[];
    rounding?: SettleTest['rounding'];
    from?: string;
    until?: string;
    error?: string;
    cite?: (s: Statement) => string | undefined;
    sameAs?: number;
  };
  const sampleCases: Case[] = [
    { comment: 'eight records, default policy (half_even, USD minor units, per line)', flags: ['Basic'], records: base },
    { comment: 'the same records shuffled with duplicates give the same bytes as test 1', flags: ['OrderAndDuplicates'], records: shuffledDup, sameAs: 1 },
    { comment: 'one record_id with two contents: no version billed, both listed', flags: ['Conflict'], records: [...base, conflictV2] },
    {
      comment: 'conflicting version read first gives the same statement',
      flags: ['Conflict', 'OrderAndDuplicates'],
      records: [conflictV2, ...base],
      sameAs: 3,
    },
    {
      comment: 'conflict between an in-period and an out-of-period version',
      flags: ['Conflict', 'OutOfPeriod'],
      records: [...base, { ...base[4], time: '2026-03-01T00:00:00Z' }],
    },
    {
      comment: 'records at and around the period bounds: from is in, until is out',
      flags: ['OutOfPeriod', 'Boundary'],
      records: [...base.slice(0, 2), ...outside],
    },
    { comment: 'rounding level statement: lines exact, only the total rounded', flags: ['StatementLevel'], records: base, rounding: { level: 'statement' } },
    { comment: 'half_up at scale 4', flags: ['Basic'], records: base, rounding: { mode: 'half_up', scale: 4 } },
    { comment: 'no records: empty tree and zero totals', flags: ['Empty'], records: [] },
    {
      comment: 'an unknown model outside the period is only excluded',
      flags: ['OutOfPeriod'],
      records: [...base.slice(0, 1), { ...sampleRecord(60, { time: '2026-02-03T00:00:00Z' }), model: 'gpt-4-o' }],
    },
    {
      comment: 'unknown model in the period stops the settlement',
      flags: ['BadInput'],
      records: [...base.slice(0, 2), { ...sampleRecord(61, { time: '2026-01-03T00:00:00Z' }), model: 'gpt-4-o' }],
      error: 'unknown-model',
    },
    {
      comment: 'a record with no price for its service tier stops the settlement',
      flags: ['BadInput'],
      records: [sampleRecord(62, { time: '2026-01-03T00:00:00Z', tier: 'flex' })],
      error: 'no-price',
    },
    {
      comment: 'an invalid record (usage missing) stops the settlement',
      flags: ['BadInput'],
      records: [{ ...sampleRecord(63, { time: '2026-01-03T00:00:00Z' }), usage: undefined }].map((r) => JSON.parse(JSON.stringify(r))),
      error: 'input-invalid',
    },
    {
      comment: 'a record time with an offset instead of Z is invalid',
      flags: ['BadInput'],
      records: [sampleRecord(64, { time: '2026-01-03T01:00:00+01:00' })],
      error: 'input-invalid',
    },
    { comment: 'from equal to until is an empty period', flags: ['BadInput'], records: base, from: P.until, error: 'usage' },
    { comment: 'an unknown rounding mode', flags: ['BadInput'], records: base, rounding: { mode: 'bankers' }, error: 'usage' },
  ];
  const centCases: Case[] = [
    {
      comment: 'V13: 30 units at 0.05¢ = 1.5¢, rounded on the line to 2¢',
      flags: ['CitedRounding'],
      records: [rec(1, 'stripe-0.05c', cells(['input', 'none', 30]))],
      cite: (s) => (s.totals.amount === '0.02' ? undefined : 'Stripe: 1.5¢ → 2¢'),
    },
    {
      comment: 'V14: 2.5¢ at a midpoint, half_up gives 3¢',
      flags: ['CitedRounding', 'Midpoint'],
      records: [rec(1, 'stripe-0.05c', cells(['input', 'none', 50]))],
      rounding: { mode: 'half_up' },
      cite: (s) => (s.totals.amount === '0.03' ? undefined : 'half-up 2.5¢ → 3¢'),
    },
    {
      comment: 'V14: 2.5¢ at a midpoint, half_even gives 2¢',
      flags: ['CitedRounding', 'Midpoint'],
      records: [rec(1, 'stripe-0.05c', cells(['input', 'none', 50]))],
      cite: (s) => (s.totals.amount === '0.02' ? undefined : 'half-even 2.5¢ → 2¢'),
    },
    {
      comment: 'V15: three lines of 0.3334 rounded per line total 0.99',
      flags: ['CitedRounding'],
      records: [rec(1, 'lare', cells(['input', 'none', 1], ['input', 'read', 1], ['output', 'none', 1]))],
      rounding: { mode: 'half_up' },
      cite: (s) => (s.totals.amount === '0.99' && s.line_items.length === 3 ? undefined : 'lare_round: per-line 0.99'),
    },
    {
      comment: 'V15: the same three lines rounded once on the statement total 1.00',
      flags: ['CitedRounding', 'StatementLevel'],
      records: [rec(1, 'lare', cells(['input', 'none', 1], ['input', 'read', 1], ['output', 'none', 1]))],
      rounding: { mode: 'half_up', level: 'statement' },
      cite: (s) => (s.totals.amount === '1.00' ? undefined : 'lare_round: invoice 1.00'),
    },
  ];
  const build = (cases: Case[], sheetSource: unknown) =>
    cases.map((c) => {
      const t: SettleTest = {
        tc_id: ++id,
        comment: c.comment,
        flags: c.flags,
        records: c.records,
        from: c.from ?? P.from,
        until: c.until ?? P.until,
        ...(c.rounding ? { rounding: c.rounding } : {}),
        result: c.error ? 'invalid' : 'valid',
      };
      const r = computeSettle(t, sheetSource);
      if (c.error) {
        if (r.ok || r.code !== c.error) fail(`settle #${t.tc_id} must fail with ${c.error}, got ${r.ok ? 'a statement' : r.code}`);
        return { ...t, error: c.error, sameAs: undefined as number | undefined };
      }
      if (!r.ok) return fail(`settle #${t.tc_id} failed: ${r.message}`);
      crossCheck(t, sheetSource, r.statement);
      const cited = c.cite?.(r.statement);
      if (cited) fail(`settle #${t.tc_id}: cited expectation "${cited}" not met (total ${r.statement.totals.amount})`);
      return { ...t, statement: r.statement, sameAs: c.sameAs };
    });
  const sample = build(sampleCases, sampleSheetSource);
  for (const t of sample) {
    if (t.sameAs !== undefined && canonicalJson(t.statement) !== canonicalJson(sample.find((x) => x.tc_id === t.sameAs)!.statement))
      fail(`settle #${t.tc_id} differs from #${t.sameAs}`);
  }
  const strip = <T extends { sameAs?: number }>({ sameAs: _s, ...t }: T) => t;
  return write('settlement/settle.json', {
    schema: 'vectors-settle.json',
    spec_version: specVersion,
    kind: 'settle',
    source: {
      name: 'tokencert reference implementation (src/settlement)',
      version: toolVersion,
      reference: [
        'scripts/vectors/settlement.ts crossCheck: independent dedup, period assignment, Σ per-record priceUsage totals, rounding per level and a literal recursive RFC 9162 MTH over the sorted digests',
        'V13 https://stripe.com/docs/billing/subscriptions/decimal-amounts (0.05¢ × 30 = 1.5¢ → 2¢ on the line)',
        'V14 midpoint 2.5¢: half-up 3¢, half-even 2¢ (java.math.RoundingMode Javadoc table)',
        'V15 lare_round gem (rubygems.org/gems/lare_round) (three lines of 0.3334 → 0.99 per line vs 1.00 per invoice)',
        'RFC 8785 (canonical statement bytes), RFC 9162 §2.1.1 (Merkle commitment)',
      ],
    },
    requirements: [
      'TMS-S-001',
      'TMS-S-002',
      'TMS-S-003',
      'TMS-S-004',
      'TMS-S-005',
      'TMS-S-006',
      'TMS-S-007',
      'TMS-S-008',
      'TMS-S-009',
      'TMS-S-010',
      'TMS-S-012',
      'TMS-S-014',
      'TMS-S-019',
      'TMS-S-021',
    ],
    notes: {
      Basic: { description: 'Ordinary records in the period.' },
      OrderAndDuplicates: {
        description: 'Reordered and repeated records must give the same statement bytes as the test named in the comment.',
        bug_type: 'determinism',
      },
      Conflict: { description: 'One record_id with different contents: no version billed, every version listed.', bug_type: 'dedup' },
      OutOfPeriod: { description: 'Records outside [from, until) are listed as excluded, not billed and not lost.', bug_type: 'period' },
      Boundary: { description: 'Times exactly at from (included) and until (excluded), and nanoseconds before them.', bug_type: 'edge-case' },
      StatementLevel: { description: 'Rounding level statement: only the total is rounded.' },
      Empty: { description: 'No records at all.', bug_type: 'edge-case' },
      BadInput: { description: 'The settlement must be refused with the given error code.', bug_type: 'input-validation' },
      CitedRounding: { description: 'Expected total quoted from a cited source (V13–V15 above).' },
      Midpoint: { description: 'The exact amount is a rounding midpoint; modes disagree.', bug_type: 'rounding' },
    },
    header: [
      'Each valid test gives records, a period and a rounding policy; the statement must match byte for byte (RFC 8785).',
      'Test 2 is test 1 shuffled with duplicates and test 4 is test 3 reordered: their statements are identical.',
    ],
    test_groups: [
      {
        comment: 'Sample sheet (src/settlement/sampleRecords.ts): two models, cached input, a batch tier, a request fee, a cliff tier',
        sheet: sampleSheetSource,
        tests: sample.map(strip),
      },
      { comment: 'Per-token sheet for the cited rounding cases (V13–V15)', sheet: centsSheet, tests: build(centCases, centsSheet).map(strip) },
    ],
  });
}

/** Writes both settlement vector files; returns their paths. */
export async function generate(): Promise<string[]> {
  return [await genMerkle(), await genSettle()];
}
