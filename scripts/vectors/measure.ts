// Generates vectors/measure/*.json from tokencert's reference implementation (src/measure) and
// cross-checks them against cited expectations (tiktoken tests, OpenAI cookbook, gpt-tokenizer
// TestPlans, OpenAI vision docs, SDK usage docs). Refuses to write anything if one disagrees.
import { generateCount } from './measure/count.js';
import { generateModels } from './measure/models.js';
import { generateChat } from './measure/chat.js';
import { generateImage } from './measure/image.js';
import { generateUsage } from './measure/usage.js';
import { generateRecorded } from './measure/recorded.js';
import { Checks, writeVectors } from './measure/write.js';

/** Builds every measure vector file, checks all cited expectations, then writes them. */
export async function generate(): Promise<string[]> {
  const checks = new Checks();
  const out: { name: string; file: Record<string, unknown> }[] = [];
  const count = await generateCount(checks);
  count.files.forEach((file, i) => out.push({ name: count.names[i], file }));
  for (const g of [generateModels, generateChat, generateImage, generateUsage, generateRecorded]) out.push(...g(checks));
  checks.assertNone('measure');
  const written: string[] = [];
  for (const { name, file } of out) written.push(await writeVectors(name, file));
  return written;
}
