import { fromRoot } from '../paths.js';
import { loadSuite } from '../probe/loadSuite.js';
import { loadTarget } from '../probe/loadTarget.js';
import { runProbe } from '../probe/runProbe.js';
import type { FaultName } from '../reference-provider/faults.js';
import { startReferenceProvider } from '../reference-provider/startReferenceProvider.js';

/**
 * Probes the reference provider running with `faults` into `outDir` with the default suite, on two
 * models of two APIs (gpt-4o, claude-sonnet-4-5) to keep the run short; the comparability samples
 * are kept. Writes events.jsonl and every report format, as `tokencert probe` does.
 */
export async function probeReferenceWithFaults(faults: FaultName[], outDir: string): Promise<void> {
  const provider = await startReferenceProvider({ faults });
  try {
    const base = await loadTarget(fromRoot('targets', 'reference.yaml'));
    const models = base.models.filter((m) => m.id === 'gpt-4o' || m.id === 'claude-sonnet-4-5');
    await runProbe({
      target: { ...base, models, baseUrl: provider.url },
      suite: await loadSuite('default'),
      outDir,
      concurrency: 8,
      http: { timeoutMs: 30_000, backoffMs: 20, maxBodyBytes: 4 * 1024 * 1024 },
    });
  } finally {
    await provider.close();
  }
}
