// js-tiktoken (pure JavaScript port of tiktoken) through its public API: getEncoding(name) then
// encode(text, allowedSpecial, disallowedSpecial). Special-token strings count as text unless the
// case allows them (TMS-M-005), so disallowedSpecial is always [] (the default, "all", throws).
import { getEncoding, type Tiktoken, type TiktokenEncoding } from 'js-tiktoken';
import { installedVersion, serve, Skip } from '../common/serve.js';

const encodings = new Map<string, Tiktoken>();
function encoding(name: string): Tiktoken {
  let e = encodings.get(name);
  if (!e) {
    try {
      e = getEncoding(name as TiktokenEncoding);
    } catch (err) {
      throw new Skip(`js-tiktoken has no encoding ${name} (${(err as Error).message})`);
    }
    encodings.set(name, e);
  }
  return e;
}

serve(
  {
    name: 'js-tiktoken',
    version: await installedVersion('js-tiktoken'),
    homepage: 'https://github.com/dqbd/tiktoken/tree/main/js',
    adapter: 'implementations/js-tiktoken',
  },
  {
    'text-count': (i: { encoding: string; text: string; allowed_special?: 'all' | string[] }) => ({
      count: encoding(i.encoding).encode(i.text, i.allowed_special ?? [], []).length,
    }),
  },
);
