import { describe, expect, it } from 'vitest';
import { Checks } from '../../scripts/vectors/measure/write.js';
import { generateChat } from '../../scripts/vectors/measure/chat.js';
import { generateImage } from '../../scripts/vectors/measure/image.js';
import { generateModels } from '../../scripts/vectors/measure/models.js';
import { generateUsage } from '../../scripts/vectors/measure/usage.js';
import { tiktokenTests, cookbookEncodings, portDivergence } from '../../scripts/vectors/measure/citedText.js';
import { getEncoding } from './encodings.js';

describe('the measure vector generator cross-checks cited expectations', () => {
  it('TMS-M-004: refuses to write when a cited expectation disagrees', () => {
    const checks = new Checks();
    checks.same('example', [1, 2], [1, 3]);
    expect(() => checks.assertNone('measure')).toThrow(/refusing to write vectors, 1 cited expectation/);
  });

  it('TMS-M-004: every cited text expectation still holds for the reference counter', () => {
    for (const c of [...tiktokenTests, ...cookbookEncodings, ...portDivergence]) {
      const enc = getEncoding(c.enc);
      const ids = enc.encode(c.text, c.special ? { allowedSpecial: c.special } : undefined);
      expect(ids, c.comment).toEqual(c.ids ?? enc.encode(c.idsEqualToText ?? ''));
    }
  });

  it('TMS-M-011: cited chat, tool, image, model and usage expectations hold (TMS-M-003, TMS-M-013, TMS-M-014, TMS-M-029)', () => {
    const checks = new Checks();
    for (const g of [generateModels, generateChat, generateImage, generateUsage]) g(checks);
    expect(checks.problems).toEqual([]);
  });
});
