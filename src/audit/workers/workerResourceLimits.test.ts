import { describe, expect, it } from 'vitest';
import { WORKER_YOUNG_GENERATION_MB, workerResourceLimits } from './workerResourceLimits.js';

describe('workerResourceLimits (TMS-A-010)', () => {
  it('TMS-A-010: limits the young generation of each of two or more workers, not of one', () => {
    expect(workerResourceLimits(1, [], '')).toBeUndefined();
    expect(workerResourceLimits(2, [], '')).toEqual({ maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB });
    expect(workerResourceLimits(8, ['--import', 'tsx'], '--enable-source-maps')).toEqual({ maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB });
  });

  it("TMS-A-010: keeps V8's own sizing when the user sized the young generation, on the command line or in NODE_OPTIONS", () => {
    expect(workerResourceLimits(2, ['--max-semi-space-size=64'], '')).toBeUndefined();
    expect(workerResourceLimits(2, ['--max-semi-space-size', '64'], '')).toBeUndefined();
    expect(workerResourceLimits(2, [], '--stack-size=2000 --max-young-generation-size=96')).toBeUndefined();
    expect(workerResourceLimits(2, ['--max-old-space-size=4096'], '')).toEqual({ maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB });
  });
});
