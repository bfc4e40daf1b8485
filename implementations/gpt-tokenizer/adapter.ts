// gpt-tokenizer (pure JavaScript BPE) through its public API: the per-encoding module
// gpt-tokenizer/encoding/NAME and its encode(text, { allowedSpecial, disallowedSpecial }).
// Special-token strings count as text unless the case allows them (TMS-M-005), so
// disallowedSpecial is always an empty set (the default, "all", throws).
import { installedVersion, serve, Skip } from '../shared/serve.js';

type Encode = (text: string, o: { allowedSpecial?: Set<string> | 'all'; disallowedSpecial?: Set<string> | 'all' }) => number[];
const NAMES = ['gpt2', 'r50k_base', 'p50k_base', 'p50k_edit', 'cl100k_base', 'o200k_base', 'o200k_harmony'];
const encoders = new Map<string, Encode>();
async function encoder(name: string): Promise<Encode> {
  let e = encoders.get(name);
  if (!e) {
    if (!NAMES.includes(name)) throw new Skip(`gpt-tokenizer has no encoding ${name}`);
    e = ((await import(`gpt-tokenizer/encoding/${name}`)) as { encode: Encode }).encode;
    encoders.set(name, e);
  }
  return e;
}

serve(
  { name: 'gpt-tokenizer', version: await installedVersion('gpt-tokenizer'), homepage: 'https://github.com/niieani/gpt-tokenizer', adapter: 'implementations/gpt-tokenizer' },
  {
    'text-count': async (i: { encoding: string; text: string; allowed_special?: 'all' | string[] }) => {
      const allowed = i.allowed_special === undefined ? new Set<string>() : i.allowed_special === 'all' ? 'all' : new Set(i.allowed_special);
      return { count: (await encoder(i.encoding))(i.text, { allowedSpecial: allowed, disallowedSpecial: new Set() }).length };
    },
  },
);
