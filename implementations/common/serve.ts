// The harness protocol loop shared by the JavaScript adapters (docs/harness.md): read one JSON
// request per line from stdin, answer each on stdout. An adapter supplies its announcement and one
// handler per kind; a handler returns the result, or throws Skip when the library cannot express
// the case. Any other exception is answered as a per-case error, so one bad case never ends the run.
import { createInterface } from 'node:readline';

/** Thrown by a handler when the library has no way to express the case; the reason is shown on the scoreboard. */
export class Skip extends Error {}

/** What an adapter announces (harness-response.json HarnessHello.implementation). */
export interface Announcement {
  name: string;
  version: string;
  homepage?: string;
  adapter: string;
  /** For usage: the wire formats the library reads; other usage cases are not sent. */
  apis?: string[];
}

/** A handler of one case kind. */
export type Handler = (input: any) => unknown;

/** The installed version of a package, read from its package.json (many packages do not export it). */
export async function installedVersion(pkg: string): Promise<string> {
  const { readFileSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const req = createRequire(import.meta.url);
  let dir = req.resolve(pkg);
  const { dirname, join } = await import('node:path');
  for (;;) {
    const next = dirname(dir);
    try {
      const pj = JSON.parse(readFileSync(join(next, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pj.name === pkg && pj.version) return pj.version;
    } catch {
      /* keep climbing */
    }
    if (next === dir) throw new Error(`installedVersion: cannot find the package.json of ${pkg}`);
    dir = next;
  }
}

/** Runs the protocol loop until stop or end of input. */
export function serve(announce: Announcement, handlers: Record<string, Handler>): void {
  const write = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);
  let queue = Promise.resolve();
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      let req: { cmd?: string; seq?: number; kind?: string; input?: unknown };
      try {
        req = JSON.parse(line);
      } catch {
        return;
      }
      if (req.cmd === 'start') {
        const { apis, ...implementation } = announce;
        write({
          protocol: 1,
          implementation: { ...implementation, language: `javascript (node ${process.versions.node})` },
          kinds: Object.keys(handlers),
          ...(apis ? { apis } : {}),
        });
      } else if (req.cmd === 'stop') {
        rl.close();
        process.exit(0);
      } else if (req.cmd === 'case') {
        const h = handlers[req.kind ?? ''];
        try {
          if (!h) throw new Skip(`kind ${req.kind} is not implemented`);
          write({ seq: req.seq, status: 'result', result: await h(req.input) });
        } catch (e) {
          const reason = (e as Error).message || String(e);
          write({ seq: req.seq, status: e instanceof Skip ? 'skip' : 'error', reason: reason.split('\n')[0].slice(0, 500) || 'error' });
        }
      }
    });
  });
}
