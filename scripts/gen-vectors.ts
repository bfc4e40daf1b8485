// Regenerates every golden vector file from the reference implementation and cited sources.
// Each area has its generator under scripts/vectors/; each generator cross-checks what it writes
// against the upstream expectations it cites and refuses to write on any disagreement.
// Usage: npm run gen:vectors [-- AREA...]   (then npm run gen:manifest)
import { readdirSync } from 'node:fs';
import { fromRoot } from '../src/paths.js';

const only = process.argv.slice(2);
const dir = fromRoot('scripts', 'vectors');
for (const f of readdirSync(dir)
  .filter((n) => n.endsWith('.ts'))
  .sort()) {
  const area = f.replace(/\.ts$/, '');
  if (only.length && !only.includes(area)) continue;
  const mod = (await import(`./vectors/${f}`)) as { generate: () => Promise<string[]> | string[] };
  const written = await mod.generate();
  console.log(`${area}: ${written.length} file(s): ${written.join(', ')}`);
}
