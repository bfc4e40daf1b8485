import type { Usage } from '../schemas/types.gen.js';

/** The header that tags a request so its ledger entry can be found (a gateway forwards it unchanged). */
export const CORRELATION_HEADER = 'x-tokencert-correlation';

/**
 * One generation request the reference provider served and billed: the truth a gateway
 * certification compares the gateway's report with (TMS-G-001). Read over HTTP at
 * `GET /_tokencert/ledger`, never by import.
 */
export interface LedgerEntry {
  /** Order of service (0-based). */
  readonly seq: number;
  /** The request's x-tokencert-correlation header, or null when it had none. */
  readonly correlation: string | null;
  readonly api: string;
  readonly model: string;
  readonly stream: boolean;
  /** SHA-256 of the canonical request (api, model, body without stream flags). */
  readonly request_sha256: string;
  /** The usage billed for the request in canonical cells (a stream's final usage for a stream). */
  readonly usage: Usage;
}

/** The most entries kept; the oldest go first on a long-running server. */
export const LEDGER_LIMIT = 100_000;

/** Appends an entry, keeping the ledger bounded. */
export function recordLedger(ledger: LedgerEntry[], entry: LedgerEntry): void {
  ledger.push(entry);
  if (ledger.length > LEDGER_LIMIT) ledger.splice(0, ledger.length - LEDGER_LIMIT);
}
