// The hand-listed public API (src/index.ts) loads and works end to end: count (TMS-M-004),
// normalise (TMS-M-026), price exactly (TMS-P-001) and digest (TMS-C-006) through it alone.
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../src/paths.js';
import * as tc from '../src/index.js';

describe('public API', () => {
  it('counts (TMS-M-004), normalises (TMS-M-026), prices exactly (TMS-P-001) and digests (TMS-C-006) through the exported functions only', async () => {
    expect(tc.countText('cl100k_base', 'hello world')).toBe(2); // tiktoken tests/test_encoding.py: [15339, 1917]
    const r = tc.toCells('anthropic-messages', { input_tokens: 3, cache_creation_input_tokens: 418, cache_read_input_tokens: 1111, output_tokens: 33 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(tc.totalInput(r.usage)).toBe(3 + 418 + 1111); // Anthropic: input excludes cache reads and writes
    expect(tc.Decimal.parse('0.1').add(tc.Decimal.parse('0.2')).toString()).toBe('0.3');
    expect(tc.digestJson({ b: 1, a: 2 })).toBe(tc.sha256Hex('{"a":2,"b":1}'));
  });

  // The export list is a snapshot: adding, removing or changing the kind of an export fails here
  // until this list is updated on purpose (the API is listed by hand in src/index.ts).
  it('TMS-C-033: exports exactly the listed names, each of the listed kind', () => {
    const exported = Object.keys(tc)
      .sort()
      .map((k) => `${k}: ${typeof (tc as Record<string, unknown>)[k]}`);
    expect(exported).toEqual([
      'Decimal: function',
      'InputError: function',
      'InternalError: function',
      'Reporter: function',
      'Settlement: function',
      'TokencertError: function',
      'UsageError: function',
      'VerdictError: function',
      'buildMeasurementRecord: function',
      'buildScoreboard: function',
      'canonicalJson: function',
      'cellKey: function',
      'chatProfiles: object',
      'checkProof: function',
      'checkSignature: function',
      'compilePriceSheet: function',
      'conventionIds: object',
      'conventionVariants: object',
      'countChat: function',
      'countText: function',
      'countTools: function',
      'currencyTableVersion: string',
      'digestJson: function',
      'encodingForModel: function',
      'encodingNames: object',
      'faults: object',
      'findRequirement: function',
      'formatLocation: function',
      'fromCells: function',
      'gatewayFaultNames: object',
      'getChatProfile: function',
      'getEncoding: function',
      'harnessCases: function',
      'imageTokens: function',
      'inclusionProof: function',
      'isEncodingName: function',
      'isKnownCurrency: function',
      'isRoundingMode: function',
      'isTokencertError: function',
      'leafHash: function',
      'loadPriceSheet: function',
      'loadSpec: function',
      'loadSuite: function',
      'loadTarget: function',
      'mergeStreamUsage: function',
      'merkleRoot: function',
      'minorUnits: function',
      'priceUsage: function',
      'proveRecord: function',
      'recordDigest: function',
      'resolveConvention: function',
      'resolveImplementation: function',
      'roundingModes: object',
      'runCertify: function',
      'runCli: function',
      'runHarness: function',
      'runProbe: function',
      'safeCompilePriceSheet: function',
      'safeEncodingForModel: function',
      'safeValidate: function',
      'schemaNames: function',
      'settleFiles: function',
      'settleValues: function',
      'sha256Hex: function',
      'shippedImplementations: function',
      'signStatement: function',
      'specVersion: string',
      'startReferenceGateway: function',
      'startReferenceProvider: function',
      'toCells: function',
      'toolVersion: string',
      'totalInput: function',
      'totalOutput: function',
      'totalTokens: function',
      'usageApis: object',
      'validate: function',
      'verifyInclusion: function',
      'verifyStatement: function',
      'verifyVectors: function',
      'writeReport: function',
      'writeScoreboard: function',
    ]);
  });

  it('TMS-C-031: exports nothing from src/testing', async () => {
    const names = new Set(Object.keys(tc));
    const helpers: string[] = [];
    for (const file of readdirSync(fromRoot('src', 'testing')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      helpers.push(...Object.keys(await import(pathToFileURL(fromRoot('src', 'testing', file)).href)));
    }
    expect(helpers.length).toBeGreaterThan(0);
    expect(helpers.filter((h) => names.has(h))).toEqual([]);
  });
});
