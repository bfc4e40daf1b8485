import { connect } from 'node:net';

/**
 * Whether a TCP connection to the URL's host and port can be opened within `timeoutMs`: name
 * resolution and connect only, no request, so nothing is sent to the API and no budget is used
 * (TMS-C-117). Resolves to undefined when reachable, else to the cause (e.g. `ECONNREFUSED`).
 */
export function unreachable(url: string, timeoutMs: number): Promise<string | undefined> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (cause: string | undefined): void => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(cause);
    };
    socket.setTimeout(timeoutMs, () => done(`no connection within ${timeoutMs} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (e: Error & { code?: string }) => done(e.code ?? e.message));
  });
}
