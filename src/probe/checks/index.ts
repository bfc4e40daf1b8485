import { cachedWithinInput } from './cachedWithinInput.js';
import { cacheWritesReported } from './cacheWritesReported.js';
import { cachingReported } from './cachingReported.js';
import { countEndpointMatchesUsage } from './countEndpointMatchesUsage.js';
import { deterministicCounts } from './deterministicCounts.js';
import { marginalConsistency } from './marginalConsistency.js';
import { maxTokensHonoured } from './maxTokensHonoured.js';
import { outputCoversText } from './outputCoversText.js';
import { promptCountExact } from './promptCountExact.js';
import { reasoningWithinOutput } from './reasoningWithinOutput.js';
import { streamCumulativeUsage } from './streamCumulativeUsage.js';
import { streamIncludeUsageFinalChunk } from './streamIncludeUsageFinalChunk.js';
import { streamUsageEqualsNonstream } from './streamUsageEqualsNonstream.js';
import { tokenizerFingerprint } from './tokenizerFingerprint.js';
import { totalsAreSums } from './totalsAreSums.js';
import { transportErrorsSurface } from './transportErrorsSurface.js';
import type { Check } from './types.js';
import { usageShape } from './usageShape.js';

/** Every check by name (the names of `CheckName` in ./types.ts). */
export const checks: ReadonlyMap<string, Check> = new Map(
  [
    usageShape,
    promptCountExact,
    countEndpointMatchesUsage,
    deterministicCounts,
    marginalConsistency,
    streamUsageEqualsNonstream,
    streamIncludeUsageFinalChunk,
    streamCumulativeUsage,
    maxTokensHonoured,
    outputCoversText,
    totalsAreSums,
    cachedWithinInput,
    cachingReported,
    reasoningWithinOutput,
    transportErrorsSurface,
    tokenizerFingerprint,
    cacheWritesReported,
  ].map((c) => [c.name, c]),
);
