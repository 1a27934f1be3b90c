/**
 * The one error type the library throws for bad input or unavailable dependencies. The HTTP
 * layer turns it into `{ error: { code, message, hint } }` with its status; the CLI prints it.
 */
export const ERROR_CODES = {
  invalid_json: 400,
  invalid_request: 400,
  invalid_encoding: 400,
  binary_content: 400,
  unsupported_language: 400,
  language_required: 400,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  too_many_files: 413,
  unprocessable: 422,
  internal: 500,
  /** The inference engine answered with a body its API does not document. */
  bad_gateway: 502,
  unavailable: 503,
  /** The inference engine did not answer in time. */
  gateway_timeout: 504,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class AnankeError extends Error {
  override readonly name = 'AnankeError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = ERROR_CODES[code];
  }

  toBody(): { error: { code: ErrorCode; message: string; hint: string; details?: Record<string, unknown> } } {
    return { error: { code: this.code, message: this.message, hint: this.hint, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function isAnankeError(value: unknown): value is AnankeError {
  return value instanceof AnankeError;
}
