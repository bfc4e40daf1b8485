// Peak RSS of this process image in KiB, worker threads included. On Linux it is VmHWM of
// /proc/self/status: process.resourceUsage().maxRSS of a child process carries its parent's RSS at
// fork time across exec, so a child of a big parent would report the parent's size.
import { readFileSync } from 'node:fs';

export function peakRssKb() {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux: fall back to maxRSS below
  }
  // Elsewhere maxRSS, whose value may include the parent's at fork.
  return process.resourceUsage().maxRSS;
}
