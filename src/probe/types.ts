import type { UsageApi } from '../measure/usageConventions.js';
import type { Capabilities, CaseInput, Suite, SuiteCase } from '../schemas/types.gen.js';

// Schema'd data has one definition, generated from schemas/ (npm run gen:types); re-exported for the probe's modules.
export type { Capabilities, CaseInput, Suite, SuiteCase };

/** API styles a target can speak (schemas/target.json). */
export type ApiStyle = 'openai-chat' | 'anthropic' | 'gemini';

/** The usage convention of each API style (TMS-M-024, TMS-M-026, TMS-M-027). */
export const usageApiOf: Readonly<Record<ApiStyle, UsageApi>> = { 'openai-chat': 'openai-chat', anthropic: 'anthropic-messages', gemini: 'gemini' };

/** Whether `v` names an API style (a type guard for flags and other unchecked text). */
export const isApiStyle = (v: string): v is ApiStyle => Object.hasOwn(usageApiOf, v);

/** A model of a resolved target. */
export interface ModelProfile {
  readonly id: string;
  readonly api: ApiStyle;
  /** 'opaque', or the public encoding and framing profile. */
  readonly tokenizer: 'opaque' | { readonly encoding: string; readonly profile?: string };
  /** When `tokenizer: auto` chose the tokenizer: what was assumed and why, as the report states it (TMS-C-113). */
  readonly assumption?: string;
  /** OpenAI Chat: the output-limit parameter to send; undefined = by model id (reasoning models take max_completion_tokens, TMS-C-116). */
  readonly limitParam?: LimitParam;
  readonly capabilities: Capabilities;
}

/** The two names OpenAI Chat accepts for the output limit. */
export type LimitParam = 'max_tokens' | 'max_completion_tokens';

/** A resolved target: everything the probe needs, the key held apart and never serialised. */
export interface Target {
  readonly name: string;
  readonly version?: string;
  readonly baseUrl: string;
  readonly apiKeyEnv?: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Absolute path of the price sheet, when one is named. */
  readonly priceSheet?: string;
  readonly models: readonly ModelProfile[];
  /** Where the profile came from (a file path, or `command line`). */
  readonly source: string;
}

/** A suite as loaded (schemas/suite.json) with the digest and path of its file. */
export interface LoadedSuite extends Suite {
  readonly sha256: string;
  readonly file: string;
}

/**
 * The exchanges a case can make; checks name the ones they need and the runner makes each once.
 * plain: the request, not streamed · repeat: the same request again · stream: streamed (OpenAI with
 * include_usage) · stream-bare: OpenAI streamed without include_usage · count: the count endpoint ·
 * base-b / append-a / append-b: the marginal pairs (alt context, then each with the appended text) ·
 * cache-write / cache-hit / cache-hit-stream: in a caching case, the plain, repeat and stream
 * exchanges, the first writing the cache the other two read. The kind is the exchange's label in
 * `--dry-run`, in results and in the report.
 */
export type ExchangeKind =
  | 'plain'
  | 'repeat'
  | 'stream'
  | 'stream-bare'
  | 'count'
  | 'base-b'
  | 'append-a'
  | 'append-b'
  | 'cache-write'
  | 'cache-hit'
  | 'cache-hit-stream';

/** A request as sent (the credential headers are never part of it). */
export interface RecordedRequest {
  readonly method: string;
  /** URL without secrets. */
  readonly url: string;
  readonly body: unknown;
}

/** What came back, or why nothing usable did. */
export type RecordedResponse =
  | { readonly ok: true; readonly status: number; readonly contentType: string; readonly body: string; readonly attempts: number }
  | { readonly ok: false; readonly status: number | null; readonly error: string; readonly code: TransportErrorCode; readonly attempts: number };

/** Why an exchange failed at the transport level. */
export type TransportErrorCode = 'timeout' | 'network' | 'too-large' | 'invalid-utf8' | 'redirect' | 'budget';

/** One exchange as recorded (and as kept in transcripts, redacted). */
export interface ExchangeRecord {
  readonly kind: ExchangeKind;
  readonly request: RecordedRequest;
  readonly response: RecordedResponse;
  readonly durationMs: number;
  /** When the request was refused and sent again with another parameter (TMS-C-115): what was refused and why. */
  readonly retried?: { readonly refused: RecordedRequest; readonly status: number; readonly error: string };
}

/** Outcome of a check: a discriminated union on status; every outcome carries evidence. */
export type CheckOutcome =
  | { readonly status: 'pass'; readonly evidence: Evidence }
  | { readonly status: 'fail' | 'error' | 'skip' | 'not_applicable'; readonly reason: string; readonly evidence: Evidence };

/** One violation a check found on one exchange (digests are added by the runner). */
export interface Violation {
  readonly exchange: ExchangeKind;
  readonly message: string;
  readonly expected?: unknown;
  readonly observed?: unknown;
  readonly details?: unknown;
}

/** What a check saw; digests are added by the runner from the exchanges used. */
export interface Evidence {
  readonly expected?: unknown;
  readonly observed?: unknown;
  readonly details?: unknown;
  /** The exchange the evidence mainly rests on (its digests go in the result). */
  readonly exchange?: ExchangeKind;
  /** Every exchange the check judged. */
  readonly exchanges?: readonly ExchangeKind[];
  /** Every violation found, on every exchange judged (a failed result lists them all). */
  readonly violations?: readonly Violation[];
}
