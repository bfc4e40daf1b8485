import { mergeStreamUsage } from '../../measure/streamUsage.js';
import { isUsageApi, toCells } from '../../measure/usageConventions.js';
import { canonicalJson } from '../../digest/canonicalJson.js';
import type { VectorRunner } from '../types.js';
import { groupVariant, judgeCells } from './usage.js';

/** Runs stream-merge vectors (TMS-M-031, TMS-M-060): the merged usage of a recorded stream's events, then its cells. */
export const usageStreamRunner: VectorRunner = {
  kind: 'usage-stream',
  run(test, group) {
    const api = group.api;
    if (!isUsageApi(api)) return { status: 'fail', message: `unknown usage API ${JSON.stringify(api)}` };
    if (!Array.isArray(test.events)) return { status: 'fail', message: 'events must be an array' };
    const merged = mergeStreamUsage(api, test.events);
    if (test.merged !== undefined && canonicalJson(merged ?? null) !== canonicalJson(test.merged))
      return { status: 'fail', message: 'merged usage differs', expected: test.merged, observed: merged };
    return judgeCells(test, toCells(api, merged, groupVariant(group)));
  },
};
