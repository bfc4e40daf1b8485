import { createHash } from 'node:crypto';

/** A small deterministic pseudo-random generator: same seed, same sequence (TMS-M-008). */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
}

/**
 * Seeds an sfc32 generator from a request digest and the server's seed, so a reply is a pure
 * function of (canonical request, seed): identical requests get identical replies and usage.
 */
export function createRng(digestHex: string, seed: number): Rng {
  const bytes = createHash('sha256').update(`${digestHex}:${seed}`).digest();
  let a = bytes.readUInt32LE(0);
  let b = bytes.readUInt32LE(4);
  let c = bytes.readUInt32LE(8);
  let d = bytes.readUInt32LE(12);
  const next = (): number => {
    // sfc32 (Chris Doty-Humphrey's Small Fast Counter): good enough spread, trivially reproducible.
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return { next, int: (n) => Math.floor(next() * n) };
}
