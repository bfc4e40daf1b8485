/**
 * A request the reference gateway refuses or cannot complete: answered to the client as an
 * OpenAI-style error with this HTTP status. Upstream errors keep the upstream's status.
 */
export class GatewayError extends Error {
  constructor(
    /** HTTP status of the answer to the client. */
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  /** The OpenAI error body of this error. */
  body(): Record<string, unknown> {
    const type = this.status >= 500 ? 'upstream_error' : this.status === 404 ? 'not_found_error' : 'invalid_request_error';
    return { error: { message: this.message, type, param: null, code: null } };
  }
}
