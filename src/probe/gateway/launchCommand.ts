import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { InputError } from '../../errors/errors.js';
import { fillTemplate, type GatewayLaunch } from './loadGatewayTarget.js';
import type { LaunchedGateway } from './runCertify.js';
import { listeningAddress } from '../../io/listeningAddress.js';

/** A free TCP port on loopback (bound and released; the gateway binds it next). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = listeningAddress(s);
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * Starts or addresses the gateway of a target entry in front of `upstreamUrl`: the command (if any)
 * is spawned with {upstream_url} and {port} filled in, and the run waits until base_url answers
 * HTTP at all. Its output is kept (last 4 KiB) to explain a gateway that never comes up.
 */
export async function launchFromTarget(launch: GatewayLaunch, upstreamUrl: string): Promise<LaunchedGateway> {
  const vars = { upstream_url: upstreamUrl, port: await freePort() };
  const baseUrl = fillTemplate(launch.base_url, vars).replace(/\/+$/, '');
  const headers = Object.fromEntries(Object.entries(launch.headers ?? {}).map(([k, v]) => [k, fillTemplate(v, vars)]));
  if (!launch.command) return { baseUrl, headers, stop: async () => {} };
  const [cmd, ...args] = launch.command.map((a) => fillTemplate(a, vars));
  const env = { ...process.env, ...Object.fromEntries(Object.entries(launch.env ?? {}).map(([k, v]) => [k, fillTemplate(v, vars)])) };
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (b: Buffer) => void (log = (log + b.toString('utf8')).slice(-4096));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((r) =>
    child.once('exit', (code) => {
      exited = code;
      r();
    }),
  );
  child.once('error', (e) => void (log += `\n${e.message}`));
  const stop = async () => {
    if (exited === undefined) child.kill('SIGTERM');
    await Promise.race([exit, new Promise((r) => setTimeout(r, 5000))]);
    if (exited === undefined) child.kill('SIGKILL');
  };
  const deadline = Date.now() + (launch.ready_timeout_ms ?? 20_000);
  while (Date.now() < deadline) {
    if (exited !== undefined) break;
    try {
      await fetch(baseUrl, { signal: AbortSignal.timeout(1000) });
      return { baseUrl, headers, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  await stop();
  throw new InputError(
    'input-invalid',
    `the gateway command ${JSON.stringify(cmd)} did not answer at ${baseUrl}${exited !== undefined ? ` (it exited with code ${String(exited)})` : ' in time'}; its last output: ${log.trim().slice(-600) || '(none)'}`,
    {},
  );
}
