// Preloaded (node --import) into every one-shot process of bench/count.bench.ts: at exit, writes the
// whole process's CPU time and peak RSS (VmHWM on Linux, see ../peakRss.mjs) to the file named by
// TOKENCERT_RUSAGE.
import { writeFileSync } from 'node:fs';
import { peakRssKb } from '../peakRss.mjs';

const file = process.env.TOKENCERT_RUSAGE;
if (file) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpu_s: (r.userCPUTime + r.systemCPUTime) / 1e6, peak_rss_mb: peakRssKb() / 1024 }));
  });
}
