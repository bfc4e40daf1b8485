import { errorCode } from './guards.js';
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalJson } from '../digest/canonicalJson.js';
import { sha256Hex } from '../digest/sha256.js';
import { InputError } from '../errors/errors.js';
import type { Report } from '../schemas/types.gen.js';

/** The bytes the digest and the signature cover: canonical JSON of the report without `digest` and `signature` (TMS-C-204). */
export function signedBytes(report: Omit<Report, 'digest' | 'signature'> & Partial<Pick<Report, 'digest' | 'signature'>>): Buffer {
  const { digest: _d, signature: _s, ...rest } = report;
  return Buffer.from(canonicalJson(rest), 'utf8');
}

/** Loads an Ed25519 private key from PEM text or from a PEM file path; anything else is an InputError. */
export function loadSigningKey(keyOrPath: string): KeyObject {
  const pem = keyOrPath.includes('-----BEGIN') ? keyOrPath : readKeyFile(keyOrPath);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new InputError('input-invalid', 'not a PEM private key', keyOrPath.includes('-----BEGIN') ? undefined : { file: keyOrPath });
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new InputError(
      'input-invalid',
      `signing key must be Ed25519, not ${key.asymmetricKeyType ?? 'unknown'}`,
      keyOrPath.includes('-----BEGIN') ? undefined : { file: keyOrPath },
    );
  return key;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = errorCode(e);
    throw new InputError(code === 'ENOENT' ? 'input-missing' : 'input-unreadable', code === 'ENOENT' ? 'no such key file' : `cannot read key file (${code})`, {
      file: path,
    });
  }
}

/** Adds `digest` and, with a key, an Ed25519 `signature` (with the public key and its SHA-256 fingerprint) to a report. */
export function sealReport(report: Omit<Report, 'digest' | 'signature'>, key?: KeyObject): Report {
  const bytes = signedBytes(report);
  const sealed: Report = { ...report, digest: sha256Hex(bytes) };
  if (key) {
    const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
    sealed.signature = {
      algorithm: 'Ed25519',
      public_key: spki.toString('base64'),
      public_key_sha256: sha256Hex(spki),
      value: sign(null, bytes, key).toString('base64'),
    };
  }
  return sealed;
}

/** Checks a report's digest and, if present, its signature; returns what is wrong, or ok. */
export function verifyReportSeal(report: Report): { ok: true; signed: boolean } | { ok: false; reason: string } {
  const bytes = signedBytes(report);
  if (sha256Hex(bytes) !== report.digest) return { ok: false, reason: 'digest does not match the report content' };
  const s = report.signature;
  if (!s) return { ok: true, signed: false };
  const der = Buffer.from(s.public_key, 'base64');
  if (sha256Hex(der) !== s.public_key_sha256) return { ok: false, reason: 'public key does not match its fingerprint' };
  let pub: KeyObject;
  try {
    pub = createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    return { ok: false, reason: 'public key is not a valid SubjectPublicKeyInfo' };
  }
  if (!verify(null, bytes, pub, Buffer.from(s.value, 'base64'))) return { ok: false, reason: 'signature does not verify' };
  return { ok: true, signed: true };
}
