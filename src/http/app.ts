import { Hono, type Env } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AnankeError } from '../errors.js';
import { logEvent } from '../telemetry/log.js';

function toAnankeError(error: unknown): AnankeError {
  if (error instanceof AnankeError) return error;
  if (error instanceof HTTPException) {
    return new AnankeError(error.status === 413 ? 'payload_too_large' : 'invalid_request', error.message, 'check the request');
  }
  return new AnankeError('internal', 'internal error', 'retry; if it persists, report it with the request id');
}

/**
 * A Hono app with the shared error envelope `{ error: { code, message, hint } }`, a request id
 * and one structured log line per failed request. Every Worker builds on it.
 */
export function createApp<E extends Env = Env>(service: string): Hono<E> {
  const app = new Hono<E>();
  app.use('*', async (context, next) => {
    const requestId = context.req.header('x-request-id') ?? crypto.randomUUID();
    context.header('x-request-id', requestId);
    await next();
  });
  app.onError((error, context) => {
    const failure = toAnankeError(error);
    logEvent(failure.status >= 500 ? 'error' : 'warn', 'request_failed', {
      service, code: failure.code, status: failure.status, path: context.req.path,
      ...(failure !== error ? { cause: String((error as Error)?.stack ?? error).slice(0, 500) } : {}),
    });
    return context.json(failure.toBody(), failure.status as 400);
  });
  app.notFound((context) => {
    const failure = new AnankeError('not_found', `no route for ${context.req.method} ${context.req.path}`, 'see docs/api.md for the routes');
    return context.json(failure.toBody(), 404);
  });
  return app;
}
