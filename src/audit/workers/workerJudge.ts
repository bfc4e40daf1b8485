import { Worker } from 'node:worker_threads';
import { InputError, InternalError, type Location } from '../../errors/errors.js';

/** The codes an input error can have. */
type InputCode = ConstructorParameters<typeof InputError>[0];
import type { ShardSpec } from '../core/shardOf.js';
import type { LineJudge } from '../runAudit.js';
import { packBatch } from './packBatch.js';
import { lazyOutcomes, unpackOutcomes, type OutcomeSeq, type PackedOutcomes } from './packOutcomes.js';
import { workerEntryUrl } from './workerEntryUrl.js';
import { workerExecArgv } from './workerExecArgv.js';
import { workerResourceLimits } from './workerResourceLimits.js';

/** What each worker needs to rebuild the judging context on its own thread. */
export interface WorkerSetup {
  sheetPath: string;
  /** The audit period; when left out, setPeriod gives it before the first line. */
  period?: { from: string; until: string };
  shard: ShardSpec | null;
  transcripts: string | null;
  recount: boolean;
  convention?: string;
}

/** Worker threads as a line judge; a judge started before the period was known is given it once. */
export interface WorkerJudge extends LineJudge {
  setPeriod(period: { from: string; until: string }): void;
}

/**
 * A judge that spreads batches over `n` worker threads (node:worker_threads; the entry is compiled
 * JavaScript, or from the sources a small entry that registers tsx in the thread: see workerEntryUrl). Batches go round-robin; each batch's promise resolves with outcomes in line order,
 * and the caller consumes batches in submission order, so results are identical for every n (TMS-A-010).
 */
export async function workerJudge(n: number, setup: WorkerSetup): Promise<WorkerJudge> {
  const url = workerEntryUrl();
  const workers: Worker[] = [];
  const waiting = new Map<number, { resolve: (o: PackedOutcomes) => void; reject: (e: Error) => void }>();
  const resourceLimits = workerResourceLimits(n);
  await Promise.all(
    Array.from({ length: n }, () => {
      const execArgv = workerExecArgv();
      const w = new Worker(url, { workerData: setup, ...(execArgv ? { execArgv } : {}), ...(resourceLimits ? { resourceLimits } : {}) });
      workers.push(w);
      w.on('message', (m: { id?: number; outs?: PackedOutcomes; error?: string; code?: InputCode; location?: Location; ready?: boolean }) => {
        if (m.id === undefined) return;
        const p = waiting.get(m.id);
        waiting.delete(m.id);
        // An input error (a log cut or removed meanwhile) stays one; anything else is a bug.
        if (m.error !== undefined) p?.reject(m.code ? new InputError(m.code, m.error, m.location) : new InternalError(`audit worker: ${m.error}`));
        else p?.resolve(m.outs!);
      });
      w.on('error', (e) => {
        for (const p of waiting.values()) p.reject(new InternalError(`audit worker failed: ${e.message}`));
        waiting.clear();
      });
      return new Promise<void>((resolve, reject) => {
        w.once('message', () => resolve());
        w.once('error', reject);
      });
    }),
  );
  let next = 0;
  const post = (msg: object, transfer: ArrayBuffer[] = []): Promise<PackedOutcomes> => {
    const id = next++;
    const w = workers[id % n];
    return new Promise<PackedOutcomes>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      w.postMessage({ id, ...msg }, transfer);
    });
  };
  return {
    parallelism: n,
    setPeriod(period) {
      // Messages arrive in order: every worker has its period before its first line.
      for (const w of workers) w.postMessage({ period });
    },
    // A range's outcomes are merged one by one: rebuilt as they are reached (lazyOutcomes).
    judgeRange: (range): Promise<OutcomeSeq> => post({ range }).then(lazyOutcomes),
    judge(batch) {
      const packed = packBatch(batch);
      return post({ batch: packed }, [packed.data.buffer as ArrayBuffer, packed.meta.buffer as ArrayBuffer]).then(unpackOutcomes);
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
