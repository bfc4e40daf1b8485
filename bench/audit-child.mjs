// One measurement of bench/audit.bench.ts in a fresh process, on the shipped build (dist/, plain
// JavaScript, no TypeScript loader), so start-up and peak memory are the program's own:
//   audit-child.mjs audit '<json argv>'      runs `tokencert audit` with that argv
//   audit-child.mjs floor FILE                reads FILE with the same line splitter, JSON.parse per line
//   audit-child.mjs counter FILE LIMIT        countChat over the requests of the first LIMIT lines
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
} else throw new Error(`unknown mode ${mode}`);
const startMs = performance.now();
const cpu0 = process.cpuUsage();
const r = await work();
const ms = performance.now() - startMs;
const cpu = process.cpuUsage(cpu0);
const maxRssKb = peakRssKb();
process.stdout.write(`${JSON.stringify({ ...r, startMs, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb })}\n`);
