import { digestJson } from '../digest/sha256.js';

/**
 * The digest of a measurement record (TMS-S-003, TMS-C-006): lowercase hex SHA-256 of the whole
 * record's RFC 8785 canonical JSON. It is what deduplication compares and what the statement's
 * Merkle tree commits to, so two copies of a record that differ only in key order or number
 * spelling are the same record, and any change of content is a different one.
 */
export function recordDigest(record: unknown): string {
  return digestJson(record);
}
