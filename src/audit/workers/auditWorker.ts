import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../../io/errnoCode.js';
import { loadPriceSheet } from '../../pricing/loadPriceSheet.js';
import { processLine, type LineOutcome } from '../core/processLine.js';
import { lineContext } from '../runAudit.js';
import { unpackBatch, type PackedBatch } from './packBatch.js';
import type { WorkerSetup } from './workerJudge.js';
import { judgeRange, type ByteRange } from './judgeRange.js';
import { packOutcomes, transferables } from './packOutcomes.js';

// A worker thread of `tokencert audit --workers N`: judges packed batches of lines with the same
// pure processLine the main thread uses, so outcomes do not depend on which thread ran them (TMS-A-010).
const setup = workerData as WorkerSetup;
const sheet = await loadPriceSheet(setup.sheetPath);
const ctx = lineContext(sheet, setup.period, setup.shard, setup.transcripts, setup.recount, setup.convention);
/** Sends outcomes packed, their key buffer transferred (packOutcomes). */
function post(id: number, outs: LineOutcome[]): void {
  const packed = packOutcomes(outs);
  parentPort!.postMessage({ id, outs: packed }, transferables(packed));
}
parentPort!.on('message', (m: { id: number; batch?: PackedBatch; range?: ByteRange }) => {
  if (m.range) {
    // The worker reads its own byte range of the log: the main thread only merges (TMS-A-010).
    try {
      post(m.id, judgeRange(m.range, ctx));
    } catch (e) {
      parentPort!.postMessage({ id: m.id, error: errorMessage(e) });
    }
    return;
  }
  try {
    post(
      m.id,
      unpackBatch(m.batch!).map((l) => processLine(l, ctx)),
    );
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
