import type { CliIo } from '../cli/command.js';
import { runCli } from '../cli/main.js';

/** Runs the CLI in-process with captured output; for tests. */
export async function runCliForTest(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), env, isTTY: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}
