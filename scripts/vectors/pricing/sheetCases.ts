// Price-sheet vector inputs (YAML text) with the rejection reason, JSON pointer and line each must
// give, worked out by hand; the error code is taken from the reference (it follows from the reason).

const head = (currency = 'USD', unit = '1000000') => `tms_version: 0.1.0\nid: t\ncurrency: ${currency}\nunit: ${unit}\nentries:\n`;
const entry = (id: string, model: string, body = '    prices: { input/none/text: "1", output/none/text: "2" }\n') =>
  `  - id: ${id}\n    model: ${model}\n${body}`;
// `place` is the JSON pointer and 1-based line of the problem, read off the YAML by hand (head() is
// five lines, each entry() starts with its id and model lines); the generator checks the reference.
const bad = (comment: string, yaml: string, reason: string, place: [string, number], names?: string[]) => ({
  comment,
  flags: [reason],
  result: 'invalid',
  yaml,
  expected_error: { reason, pointer: place[0], line: place[1], ...(names ? { names } : {}) },
});
const ok = (comment: string, yaml: string, flags: string[] = []) => ({ comment, flags, result: 'valid', yaml });
const tierBody = (levelPrices: string, extra = '') =>
  `    prices: { input/none/text: "3", input/write/text: "3.75", output/none/text: "15" }\n    tiers:\n      mode: cliff\n      basis: [input]\n      boundary: exclusive\n${extra}      levels:\n${levelPrices}`;

/** The sheet test groups of vectors/pricing/sheets.json. */
export const sheetTests: { comment: string; tests: Record<string, unknown>[] }[] = [
  {
    comment: 'Money must be quoted (TMS-P-001)',
    tests: [
      ok('a minimal sheet with quoted prices loads', head() + entry('a', 'm')),
      bad(
        'an unquoted price is a YAML number and is rejected with a hint to quote it',
        head() + entry('a', 'm', '    prices:\n      input/none/text: 2.50\n'),
        'price-is-number',
        ['/entries/0/prices/input~1none~1text', 9],
      ),
      bad(
        'an unquoted fee is rejected',
        head() + entry('a', 'm', '    prices: { input/none/text: "1" }\n    fees:\n      request: 0.001\n'),
        'price-is-number',
        ['/entries/0/fees/request', 10],
      ),
      bad(
        'an unquoted tier price is rejected',
        head() +
          entry('a', 'm', tierBody('        - from: 200000\n          prices: { input/none/text: "6", input/write/text: 7.50, output/none/text: "22.50" }\n')),
        'price-is-number',
        ['/entries/0/tiers/levels/0/prices/input~1write~1text', 15],
      ),
      bad(
        'a JSON sheet with a number price is rejected',
        '{"tms_version": "0.1.0", "id": "t", "currency": "USD", "unit": 1000000,\n "entries": [{"id": "a", "model": "m",\n  "prices": {"input/none/text": 3e-6}}]}\n',
        'price-is-number',
        ['/entries/0/prices/input~1none~1text', 3],
      ),
      bad('an exponent in a quoted price is not a plain decimal', head() + entry('a', 'm', '    prices: { input/none/text: "3e-6" }\n'), 'schema', [
        '/entries/0/prices/input~1none~1text',
        8,
      ]),
      bad('a negative price is rejected', head() + entry('a', 'm', '    prices: { input/none/text: "-1" }\n'), 'schema', [
        '/entries/0/prices/input~1none~1text',
        8,
      ]),
    ],
  },
  {
    comment: 'Sheet structure (TMS-P-002, TMS-P-004)',
    tests: [
      bad('unknown currency', head('USX') + entry('a', 'm'), 'unknown-currency', ['/currency', 3]),
      bad('unit 3600 is not a power of ten', head('USD', '3600') + entry('a', 'm'), 'unit-not-power-of-ten', ['/unit', 4]),
      ok(
        'unit 1000 (per thousand tokens, as Alibaba quotes CNY prices) loads',
        head('CNY', '1000') + entry('a', 'qwen-max', '    prices: { input/none/text: "0.02", output/none/text: "0.06" }\n'),
      ),
      bad('duplicate entry id', head() + entry('a', 'm1') + entry('a', 'm2'), 'duplicate-entry-id', ['/entries/1/id', 9]),
      bad('a price key that is not a cell key', head() + entry('a', 'm', '    prices: { input/cached/text: "1" }\n'), 'schema', ['/entries/0/prices', 8]),
      bad('an output cache state other than none', head() + entry('a', 'm', '    prices: { output/read/text: "1" }\n'), 'schema', ['/entries/0/prices', 8]),
      bad('an unknown property', head() + entry('a', 'm', '    prices: { input/none/text: "1" }\n    discount: "0.5"\n'), 'schema', ['/entries/0/discount', 9]),
      bad('malformed YAML', head() + '  - id: a\n    model: [m\n', 'syntax', ['', 8]),
      bad(
        'unknown time zone',
        head() + entry('a', 'm', '    time_zone: Mars/Olympus_Mons\n    windows: [{ from: "09:00", until: "17:00" }]\n    prices: { input/none/text: "1" }\n'),
        'bad-time-zone',
        ['/entries/0/time_zone', 8],
      ),
      bad('empty window', head() + entry('a', 'm', '    windows: [{ from: "09:00", until: "09:00" }]\n    prices: { input/none/text: "1" }\n'), 'bad-window', [
        '/entries/0/windows/0',
        8,
      ]),
      bad(
        'effective range with until before from',
        head() + entry('a', 'm', '    effective: { from: "2025-06-10", until: "2025-06-01" }\n    prices: { input/none/text: "1" }\n'),
        'bad-effective-range',
        ['/entries/0/effective', 8],
      ),
      bad(
        'impossible date 2025-02-30',
        head() + entry('a', 'm', '    effective: { from: "2025-02-30" }\n    prices: { input/none/text: "1" }\n'),
        'bad-effective-range',
        ['/entries/0/effective/from', 8],
      ),
    ],
  },
  {
    comment: 'Tiers (TMS-P-007)',
    tests: [
      ok(
        'a cliff tier that prices every base key loads',
        head() +
          entry(
            'a',
            'm',
            tierBody('        - from: 200000\n          prices: { input/none/text: "6", input/write/text: "7.50", output/none/text: "22.50" }\n'),
          ),
      ),
      bad(
        'a tier that forgets cache writes (Helicone #5766) is rejected',
        head() + entry('a', 'm', tierBody('        - from: 200000\n          prices: { input/none/text: "6", output/none/text: "22.50" }\n')),
        'tier-keys-mismatch',
        ['/entries/0/tiers/levels/0/prices', 15],
      ),
      bad(
        'tier thresholds out of order',
        head() +
          entry(
            'a',
            'm',
            tierBody(
              '        - from: 200000\n          prices: { input/none/text: "6", input/write/text: "7.50", output/none/text: "22.50" }\n        - from: 100000\n          prices: { input/none/text: "5", input/write/text: "7", output/none/text: "20" }\n',
            ),
          ),
        'tier-order',
        ['/entries/0/tiers/levels/1/from', 16],
      ),
      bad(
        'graduated tiers with an input basis',
        head() +
          entry(
            'a',
            'm',
            '    prices: { input/none/text: "1" }\n    tiers:\n      mode: graduated\n      basis: [input]\n      boundary: exclusive\n      levels:\n        - from: 100000\n          prices: { input/none/text: "0.5" }\n',
          ),
        'graduated-basis',
        ['/entries/0/tiers/basis', 11],
      ),
    ],
  },
  {
    comment: 'Ambiguity (TMS-P-009)',
    tests: [
      bad(
        'two entries for the same model, always',
        head() + entry('first', 'gpt-4o') + entry('second', 'gpt-4o'),
        'ambiguous',
        ['/entries/1', 9],
        ['first', 'second'],
      ),
      bad(
        "an alias colliding with another entry's model",
        head() + entry('a', 'o3', '    aliases: [o3-2025-04-16]\n    prices: { input/none/text: "2" }\n') + entry('b', 'o3-2025-04-16'),
        'ambiguous',
        ['/entries/1', 10],
        ['a', 'b'],
      ),
      bad(
        'overlapping effective ranges',
        head() +
          entry('old', 'o3', '    effective: { until: "2025-06-11" }\n    prices: { input/none/text: "10" }\n') +
          entry('new', 'o3', '    effective: { from: "2025-06-10" }\n    prices: { input/none/text: "2" }\n'),
        'ambiguous',
        ['/entries/1', 10],
        ['old', 'new'],
      ),
      ok(
        'adjacent half-open effective ranges do not overlap',
        head() +
          entry('old', 'o3', '    effective: { until: "2025-06-10" }\n    prices: { input/none/text: "10" }\n') +
          entry('new', 'o3', '    effective: { from: "2025-06-10" }\n    prices: { input/none/text: "2" }\n'),
        ['not-ambiguous'],
      ),
      ok(
        'different service tiers do not overlap',
        head() + entry('std', 'gpt-4o') + entry('batch', 'gpt-4o', '    service_tier: batch\n    prices: { input/none/text: "1.25" }\n'),
        ['not-ambiguous'],
      ),
      ok(
        'complementary daily windows (DeepSeek standard 00:30–16:30, off-peak 16:30–00:30 UTC)',
        head() +
          entry('std', 'deepseek-chat', '    windows: [{ from: "00:30", until: "16:30" }]\n    prices: { input/none/text: "0.27" }\n') +
          entry('off', 'deepseek-chat', '    windows: [{ from: "16:30", until: "00:30" }]\n    prices: { input/none/text: "0.135" }\n'),
        ['not-ambiguous'],
      ),
      bad(
        'a windowed entry beside an all-day entry (genai-prices style default + override)',
        head() +
          entry('default', 'deepseek-chat', '    prices: { input/none/text: "0.135" }\n') +
          entry('std', 'deepseek-chat', '    windows: [{ from: "00:30", until: "16:30" }]\n    prices: { input/none/text: "0.27" }\n'),
        'ambiguous',
        ['/entries/1', 9],
        ['default', 'std'],
      ),
      bad(
        'overlapping windows in the same zone',
        head() +
          entry('a', 'm', '    windows: [{ from: "09:00", until: "12:00", days: [mon] }]\n    prices: { input/none/text: "1" }\n') +
          entry('b', 'm', '    windows: [{ from: "23:00", until: "10:00", days: [sun] }]\n    prices: { input/none/text: "2" }\n'),
        'ambiguous',
        ['/entries/1', 10],
        ['a', 'b'],
      ),
    ],
  },
];
