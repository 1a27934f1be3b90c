/**
 * A request the engine refuses. Serialised as `{error: {message, type, param, code}}`, the shape
 * vLLM, SGLang and llama.cpp share closely enough for clients to read `error.message`.
 */
export class EngineRequestError extends Error {
  override readonly name = 'EngineRequestError';

  constructor(
    readonly status: number,
    message: string,
    readonly type = 'invalid_request_error',
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

export function badRequest(message: string, param: string | null = null): EngineRequestError {
  return new EngineRequestError(400, message, 'invalid_request_error', param);
}

export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: number };
}

export function errorBody(status: number, message: string, type: string, param: string | null = null): ErrorBody {
  return { error: { message, type, param, code: status } };
}
