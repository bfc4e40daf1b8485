import type { VectorRunner } from './types.js';

/**
 * Every vector kind and its runner. Each area adds its runners here (one file per kind under
 * src/vectors/runners/); a vector file whose kind has no runner fails verification.
 */
export async function loadRunners(): Promise<Map<string, VectorRunner>> {
  const list: VectorRunner[] = [
    // measurement
    (await import('./runners/count.js')).countRunner,
    (await import('./runners/countModel.js')).countModelRunner,
    (await import('./runners/chat.js')).chatRunner,
    (await import('./runners/image.js')).imageRunner,
    (await import('./runners/usage.js')).usageRunner,
    (await import('./runners/usageStream.js')).usageStreamRunner,
    // pricing
    (await import('./runners/money.js')).moneyRunner,
    (await import('./runners/price.js')).priceRunner,
    (await import('./runners/priceSheet.js')).priceSheetRunner,
    // settlement
    (await import('./runners/merkle.js')).merkleRunner,
    (await import('./runners/settle.js')).settleRunner,
    // audit inputs
    (await import('./runners/deriveRecord.js')).deriveRecordRunner,
    (await import('./runners/otlpGenAi.js')).otlpGenAiRunner,
  ];
  return new Map(list.map((r) => [r.kind, r]));
}
