// One measurement of bench/audit.bench.ts in a fresh process, on the shipped build (dist/, plain
// JavaScript, no TypeScript loader), so start-up and peak memory are the program's own:
//   audit-child.mjs audit '<json argv>'      runs `tokencert audit` with that argv
//   audit-child.mjs floor FILE                reads FILE with the same line splitter, JSON.parse per line
//   audit-child.mjs counter FILE LIMIT        countChat over the requests of the first LIMIT lines
//   audit-child.mjs spin FILE PASSES          the machine alone, none of tokencert: JSON.parse,
//                                             JSON.stringify and SHA-256 of the first 10,000 lines
//                                             of FILE, PASSES times over (a parallel-capacity probe)
// Prints JSON: start-up ms (process start to the measured work: boot and module loading), the
// work's wall ms and CPU ms, lines or records, exit code, and peak RSS (KiB, worker threads
// included; VmHWM on Linux, see bench/peakRss.mjs).
import { readFileSync } from 'node:fs';
import { peakRssKb } from './peakRss.mjs';

const [mode, a, b] = process.argv.slice(2);
const quietIo = { out: () => {}, err: (t) => void process.stderr.write(t), env: {}, isTTY: false };
let work;
if (mode === 'audit') {
  const { runCli } = await import('../dist/cli/main.js');
  work = async () => ({ code: await runCli(JSON.parse(a), quietIo) });
} else if (mode === 'floor') {
  const { openStream, splitLines } = await import('../dist/io/readLines.js');
  work = async () => {
    let lines = 0;
    for await (const l of splitLines(await openStream(a))) {
      if (l.bytes.length === 0) continue;
      JSON.parse(l.bytes.toString('utf8'));
      lines++;
    }
    return { code: 0, lines };
  };
} else if (mode === 'counter') {
  const { countChat } = await import('../dist/measure/countChat.js');
  const reqs = [];
  for (const line of readFileSync(a, 'utf8').split('\n')) {
    if (!line) continue;
    const v = JSON.parse(line);
    if (v.request) reqs.push(v.request);
    if (reqs.length >= Number(b)) break;
  }
  countChat(reqs[0]); // the vocabulary loads outside the timing
  work = async () => {
    for (const r of reqs) countChat(r);
    return { code: 0, lines: reqs.length };
  };
} else if (mode === 'spin') {
  const { createHash } = await import('node:crypto');
  const { openSync, readSync, closeSync } = await import('node:fs');
  const head = Buffer.alloc(16 << 20);
  const fd = openSync(a, 'r');
  const got = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  // Whole lines only: the last of the 16 MiB read may be cut.
  const lines = head.toString('utf8', 0, got).split('\n').slice(0, -1).slice(0, 10_000);
  work = async () => {
    let n = 0;
    for (let k = 0; k < Number(b); k++)
      for (const l of lines) {
        createHash('sha256')
          .update(JSON.stringify(JSON.parse(l)))
          .digest();
        n++;
      }
    return { code: 0, lines: n };
  };
} else throw new Error(`unknown mode ${mode}`);
const startMs = performance.now();
const cpu0 = process.cpuUsage();
const r = await work();
const ms = performance.now() - startMs;
const cpu = process.cpuUsage(cpu0);
const maxRssKb = peakRssKb();
process.stdout.write(`${JSON.stringify({ ...r, startMs, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb })}\n`);
