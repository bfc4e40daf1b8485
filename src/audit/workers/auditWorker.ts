import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../../io/errnoCode.js';
import { InputError } from '../../errors/errors.js';
import { loadPriceSheet } from '../../pricing/loadPriceSheet.js';
import { processLine, type LineContext, type LineOutcome } from '../core/processLine.js';
import { lineContext } from '../runAudit.js';
import { unpackBatch, type PackedBatch } from './packBatch.js';
import type { WorkerSetup } from './workerJudge.js';
import { judgeRange, type ByteRange } from './judgeRange.js';
import { packOutcomes, transferables } from './packOutcomes.js';

// A worker thread of `tokencert audit --workers N`: judges packed batches of lines with the same
// pure processLine the main thread uses, so outcomes do not depend on which thread ran them (TMS-A-010).
const setup = workerData as WorkerSetup;
const sheet = await loadPriceSheet(setup.sheetPath);
const contextOf = (period: { from: string; until: string }) => lineContext(sheet, period, setup.shard, setup.transcripts, setup.recount, setup.convention);
// The period comes with the setup, or as the first message when the threads started before it was known.
let ctx: LineContext | undefined = setup.period ? contextOf(setup.period) : undefined;
/** Sends outcomes packed, their key buffer transferred (packOutcomes). */
function post(id: number, outs: LineOutcome[]): void {
  const packed = packOutcomes(outs);
  parentPort!.postMessage({ id, outs: packed }, transferables(packed));
}
/** An error as it crosses to the main thread: an input error keeps its code and place (exit 2 there). */
function crossing(e: unknown): { error: string; code?: string; location?: unknown } {
  return e instanceof InputError ? { error: e.message, code: e.code, location: e.location } : { error: errorMessage(e) };
}
parentPort!.on('message', (m: { id: number; batch?: PackedBatch; range?: ByteRange; period?: { from: string; until: string } }) => {
  if (m.period) {
    ctx = contextOf(m.period);
    return;
  }
  const judging = ctx;
  if (!judging) {
    parentPort!.postMessage({ id: m.id, error: 'no audit period was given before the first line' });
    return;
  }
  if (m.range) {
    // The worker reads its own byte range of the log: the main thread only merges (TMS-A-010).
    try {
      post(m.id, judgeRange(m.range, judging));
    } catch (e) {
      parentPort!.postMessage({ id: m.id, ...crossing(e) });
    }
    return;
  }
  try {
    post(
      m.id,
      unpackBatch(m.batch!).map((l) => processLine(l, judging)),
    );
  } catch (e) {
    parentPort!.postMessage({ id: m.id, ...crossing(e) });
  }
});
parentPort!.postMessage({ ready: true });
