// @dqbd/tiktoken (WASM build of tiktoken's Rust core) through its public API: get_encoding(name)
// then encode(text, allowed_special, disallowed_special). tokencert counts special-token strings as
// ordinary text unless the case allows them (TMS-M-005), so disallowed_special is always [] (the
// library's default, "all", would throw instead of counting).
import { get_encoding, type Tiktoken, type TiktokenEncoding } from '@dqbd/tiktoken';
import { installedVersion, serve, Skip } from '../common/serve.js';

const encodings = new Map<string, Tiktoken>();
function encoding(name: string): Tiktoken {
  let e = encodings.get(name);
  if (!e) {
    try {
      e = get_encoding(name as TiktokenEncoding);
    } catch (err) {
      throw new Skip(`@dqbd/tiktoken has no encoding ${name} (${(err as Error).message})`);
    }
    encodings.set(name, e);
  }
  return e;
}

serve(
  {
    name: '@dqbd/tiktoken',
    version: await installedVersion('@dqbd/tiktoken'),
    homepage: 'https://github.com/dqbd/tiktoken',
    adapter: 'implementations/dqbd-tiktoken',
  },
  {
    'text-count': (i: { encoding: string; text: string; allowed_special?: 'all' | string[] }) => ({
      count: encoding(i.encoding).encode(i.text, i.allowed_special ?? [], []).length,
    }),
  },
);
