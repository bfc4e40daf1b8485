import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { InputError } from '../errors/errors.js';
import { readText } from '../io/readText.js';
import type { Statement } from '../schemas/types.gen.js';
import { signedBytes } from './statementBytes.js';

/** Reads a PEM key file, turning a wrong or unreadable key into an InputError that never echoes key material. */
async function readKey(path: string, kind: 'private' | 'public'): Promise<KeyObject> {
  const pem = await readText(path);
  let key: KeyObject;
  try {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new InputError('input-invalid', `not a PEM ${kind} key`, { file: path });
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new InputError('input-invalid', `is a ${key.asymmetricKeyType} key; statements are signed with Ed25519`, { file: path });
  return key;
}

/** Loads an Ed25519 private key from a PEM file (PKCS#8). */
export function loadPrivateKey(path: string): Promise<KeyObject> {
  return readKey(path, 'private');
}

/** Loads an Ed25519 public key from a PEM file (SPKI); a private key file also works (its public half is used). */
export async function loadPublicKey(path: string): Promise<KeyObject> {
  return readKey(path, 'public');
}

/** DER SubjectPublicKeyInfo of a key (the public half of a private key). */
function spki(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ format: 'der', type: 'spki' });
}

/**
 * Signs a statement with Ed25519 (TMS-S-015): the signature covers the UTF-8 bytes of the RFC 8785
 * canonical JSON of the statement without its `signature` member; any old signature is replaced.
 */
export function signStatement(statement: Statement, privateKey: KeyObject): Statement {
  const { signature: _old, ...rest } = statement;
  const der = spki(privateKey);
  const value = sign(null, signedBytes(rest), privateKey).toString('base64');
  return {
    ...rest,
    signature: { algorithm: 'ed25519', public_key: der.toString('base64'), key_sha256: createHash('sha256').update(der).digest('hex'), value },
  };
}

/** The outcome of checking a statement's signature. */
export type SignatureCheck =
  | { readonly status: 'valid'; readonly pinned: boolean }
  | { readonly status: 'missing' }
  | { readonly status: 'invalid'; readonly reason: string };

/**
 * Checks a statement's signature (TMS-S-015, TMS-S-016). With `trusted`, the signature must be by
 * that key; without it, it is checked against the key it names, which proves integrity but not
 * who signed (`pinned: false`).
 */
export function checkSignature(statement: Statement, trusted?: KeyObject): SignatureCheck {
  const sig = statement.signature;
  if (!sig) return { status: 'missing' };
  // Decoders ignore the pad bits of a base64 text, so several texts decode to one signature; only the
  // canonical one (RFC 4648 §3.5: pad bits zero) is accepted, or a changed statement would still verify.
  for (const [field, text] of [
    ['public_key', sig.public_key],
    ['value', sig.value],
  ] as const) {
    if (Buffer.from(text, 'base64').toString('base64') !== text)
      return { status: 'invalid', reason: `signature ${field} is not canonical base64 (RFC 4648 §3.5)` };
  }
  let embedded: KeyObject;
  let der: Buffer;
  try {
    der = Buffer.from(sig.public_key, 'base64');
    embedded = createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    return { status: 'invalid', reason: 'the signature names a public key that cannot be read' };
  }
  if (createHash('sha256').update(der).digest('hex') !== sig.key_sha256) return { status: 'invalid', reason: 'key_sha256 is not the SHA-256 of public_key' };
  if (trusted && !spki(trusted).equals(der)) return { status: 'invalid', reason: 'signed by another key than the one given with --public-key' };
  const value = Buffer.from(sig.value, 'base64');
  let ok = false;
  try {
    ok = value.length === 64 && verify(null, signedBytes(statement), trusted ?? embedded, value);
  } catch {
    ok = false;
  }
  return ok ? { status: 'valid', pinned: trusted !== undefined } : { status: 'invalid', reason: 'the signature does not match the statement' };
}
