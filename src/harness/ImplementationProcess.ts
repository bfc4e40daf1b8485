import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { safeValidate } from '../schemas/registry.js';
import type { HarnessAnswer, HarnessHello, HarnessKind } from '../schemas/types.gen.js';

/** What asking one case gave: the implementation's answer, or a per-case error the runner saw (TMS-H-002). */
export type AskOutcome = { readonly ok: true; readonly answer: HarnessAnswer } | { readonly ok: false; readonly reason: string };

/** Options of ImplementationProcess. */
export interface ImplementationOptions {
  /** Working directory of the process. */
  readonly cwd: string;
  /** Time allowed for one case's answer, in milliseconds. */
  readonly caseTimeoutMs: number;
  /** Time allowed for start-up and the announcement, in milliseconds. */
  readonly startTimeoutMs: number;
}

/** The key every result of a kind must carry; a result without it is a malformed answer. */
const resultKey: Record<HarnessKind, readonly string[]> = {
  'text-count': ['count'],
  'chat-count': ['prompt_tokens'],
  usage: ['cells'],
  cost: ['total'],
  settlement: ['statement', 'refused'],
};

const STDERR_TAIL = 2000;

/**
 * One implementation run as a child process speaking the harness protocol over JSON lines
 * (docs/harness.md). A crash, a timeout or a malformed line fails the case being asked, never the
 * run: the process is ended and started afresh for the next case (TMS-H-002).
 */
export class ImplementationProcess {
  readonly #command: readonly string[];
  readonly #opts: ImplementationOptions;
  #child: ChildProcessWithoutNullStreams | undefined;
  #lines: string[] = [];
  #waiter: ((line: string | undefined) => void) | undefined;
  #exit: string | undefined;
  #stderr = '';
  #seq = 0;
  #startFailures = 0;
  /** The announcement of the running (or last) process. */
  hello: HarnessHello | undefined;
  /** How many times the process was started. */
  starts = 0;

  constructor(command: readonly string[], opts: ImplementationOptions) {
    if (command.length === 0) throw new Error('ImplementationProcess: the command is empty');
    this.#command = command;
    this.#opts = opts;
  }

  /** Starts the process and reads its announcement; returns the announcement or why it failed. */
  async start(): Promise<{ ok: true; hello: HarnessHello } | { ok: false; reason: string }> {
    this.#stop();
    this.starts++;
    this.#exit = undefined;
    this.#stderr = '';
    this.#lines = [];
    const [cmd, ...args] = this.#command;
    const child = spawn(cmd, args, { cwd: this.#opts.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    this.#child = child;
    child.stdin.on('error', () => undefined); // a dead reader: reported as the case's error below
    child.stderr.on('data', (d: Buffer) => (this.#stderr = (this.#stderr + d.toString('utf8')).slice(-STDERR_TAIL)));
    const rl = createInterface({ input: child.stdout });
    rl.on('line', (line) => {
      if (child !== this.#child) return;
      if (this.#waiter) {
        const w = this.#waiter;
        this.#waiter = undefined;
        w(line);
      } else this.#lines.push(line);
    });
    const onGone = (why: string) => {
      if (child !== this.#child) return;
      this.#exit ??= why;
      if (this.#waiter) {
        const w = this.#waiter;
        this.#waiter = undefined;
        w(undefined);
      }
    };
    child.on('error', (e) => onGone(`could not start: ${e.message}`));
    child.on('exit', (code, signal) => onGone(signal ? `exited on signal ${signal}` : `exited with code ${code}`));
    this.#send({ cmd: 'start', protocol: 1 });
    const line = await this.#next(this.#opts.startTimeoutMs);
    const hello = this.#parse(line, 'announcement');
    if (!hello.ok) {
      this.#startFailures++;
      this.#stop();
      return hello;
    }
    const v = safeValidate('harness-response', hello.value);
    const value = hello.value as Partial<HarnessHello>;
    if (!v.ok || value.protocol !== 1 || !Array.isArray(value.kinds)) {
      this.#startFailures++;
      this.#stop();
      return { ok: false, reason: `malformed announcement: ${v.ok ? 'not an announcement' : `${v.issues[0].pointer || '(root)'} ${v.issues[0].message}`}` };
    }
    this.#startFailures = 0;
    this.hello = value as HarnessHello;
    return { ok: true, hello: this.hello };
  }

  /** Asks one case; restarts the process first when the previous case killed it. */
  async ask(caseId: string, kind: HarnessKind, input: unknown): Promise<AskOutcome> {
    if (!this.#child || this.#exit !== undefined) {
      if (this.#startFailures >= 3) return { ok: false, reason: 'the implementation failed to start three times in a row; case not run' };
      const s = await this.start();
      if (!s.ok) return { ok: false, reason: `restart failed: ${s.reason}` };
    }
    const seq = ++this.#seq;
    this.#send({ cmd: 'case', seq, case_id: caseId, kind, input });
    const line = await this.#next(this.#opts.caseTimeoutMs);
    const parsed = this.#parse(line, 'answer');
    if (!parsed.ok) {
      this.#stop();
      return parsed;
    }
    const v = safeValidate('harness-response', parsed.value);
    const a = parsed.value as HarnessAnswer;
    const result = a.result;
    let problem: string | undefined;
    if (!v.ok) problem = `${v.issues[0].pointer || '(root)'} ${v.issues[0].message}`;
    else if (a.seq !== seq) problem = `answer carries seq ${String(a.seq)}, expected ${seq}`;
    else if (a.status === 'result' && (result === undefined || !resultKey[kind].some((k) => k in result)))
      problem = `a ${kind} result needs ${resultKey[kind].join(' or ')}`;
    if (problem) {
      // The stream may be out of step now; a fresh process keeps later cases honest.
      this.#stop();
      return { ok: false, reason: `malformed answer: ${problem}` };
    }
    return { ok: true, answer: a };
  }

  /** Sends stop and waits briefly for the process to exit, then ends it. */
  async close(): Promise<void> {
    const child = this.#child;
    if (!child || this.#exit !== undefined) return this.#stop();
    this.#send({ cmd: 'stop' });
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 2000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.#stop();
  }

  #send(msg: unknown): void {
    const child = this.#child;
    if (child && this.#exit === undefined && child.stdin.writable) child.stdin.write(`${JSON.stringify(msg)}\n`);
  }

  #next(timeoutMs: number): Promise<string | undefined | 'timeout'> {
    if (this.#lines.length > 0) return Promise.resolve(this.#lines.shift());
    if (this.#exit !== undefined) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.#waiter = undefined;
        resolve('timeout');
      }, timeoutMs);
      this.#waiter = (line) => {
        clearTimeout(t);
        resolve(line);
      };
    });
  }

  #parse(line: string | undefined | 'timeout', what: string): { ok: true; value: unknown } | { ok: false; reason: string } {
    if (line === 'timeout') {
      const ms = what === 'answer' ? this.#opts.caseTimeoutMs : this.#opts.startTimeoutMs;
      return { ok: false, reason: `timeout: no ${what} within ${ms} ms` };
    }
    if (line === undefined) {
      const tail = this.#stderr.trim().split('\n').slice(-3).join(' | ');
      return { ok: false, reason: `crashed before its ${what} (${this.#exit ?? 'output closed'})${tail ? `: ${tail}` : ''}` };
    }
    try {
      return { ok: true, value: JSON.parse(line) };
    } catch {
      return { ok: false, reason: `malformed ${what}: not a JSON line: ${JSON.stringify(line.slice(0, 200))}` };
    }
  }

  #stop(): void {
    const child = this.#child;
    this.#child = undefined;
    this.#waiter?.(undefined);
    this.#waiter = undefined;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
