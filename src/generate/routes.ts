import type { Context, Hono } from 'hono';
import type { ConstraintCache } from '../cache/index.js';
import { GENERATE_LIMITS, GenerateRequest, type ValidateResponse } from '../constraints/generate-api.js';
import { ValidateRequest } from '../constraints/validate-api.js';
import { COMPILER_VERSION } from '../compile/compile.js';
import { createApp } from '../http/app.js';
import { readJsonBody } from '../http/body.js';
import { LIMITS } from '../limits.js';
import type { Parsers } from '../extract/parser.js';
import { CircuitBreaker, resilienceFromConfig, type RetryOptions } from '../providers/index.js';
import { retryAfterSeconds } from './errors.js';
import { startGeneration, type GenerateServices } from './generate.js';
import { IrMemo, IrStore } from './ir-store.js';
import { chooseProvider, providerNames, type GenerateBindings } from './providers.js';
import { sseResponse } from './sse.js';
import { validateCode } from './validation.js';
import { prepareCompile } from '../compile/compile.js';
import { waitUntilOf } from '../http/wait-until.js';

export const SERVICE_VERSION = '0.1.0';

export interface GenerateAppOptions<E extends GenerateBindings> {
  /** Loads the tree-sitter parsers the validator needs; called once per isolate. */
  loadParsers: () => Promise<Parsers>;
  /** One cache per isolate (its memory layer must outlive a request). */
  cacheOf: (env: E) => ConstraintCache;
  /** Overrides of the retry settings from vars: tests inject `sleep` and `random` here. */
  retry?: Partial<Omit<RetryOptions, 'signal' | 'endpoint' | 'onRetry'>>;
  /** The isolate's breaker; by default one is built from the INFERENCE_BREAKER_* vars on first use. */
  breaker?: CircuitBreaker;
  now?: () => number;
}

function wantsStream(context: Context, request: GenerateRequest): boolean {
  return request.stream || (context.req.header('accept') ?? '').includes('text/event-stream');
}

function healthOfProviders(env: GenerateBindings): { providers: string[] } | { providers: []; provider_error: string } {
  try {
    return { providers: providerNames(env) };
  } catch (error) {
    return { providers: [], provider_error: (error as Error).message };
  }
}

/**
 * The generate service: POST /v1/generate (JSON, or server-sent events with `stream: true` or
 * `Accept: text/event-stream`), POST /v1/validate, GET /health. Parsers, the parsed-IR memo and
 * the circuit breaker live as long as the isolate.
 */
export function createGenerateApp<E extends GenerateBindings>(options: GenerateAppOptions<E>): Hono<{ Bindings: E }> {
  let parsers: Promise<Parsers> | undefined;
  const ready = (): Promise<Parsers> => {
    parsers ??= options.loadParsers().catch((error: unknown) => {
      parsers = undefined;
      throw error;
    });
    return parsers;
  };
  const memo = new IrMemo();
  let breaker = options.breaker;
  const app = createApp<{ Bindings: E }>('generate');

  app.use('*', async (context, next) => {
    await next();
    const seconds = retryAfterSeconds(context.error);
    if (seconds !== undefined) context.res.headers.set('retry-after', String(seconds));
  });

  app.get('/health', (context) =>
    context.json({ status: 'ok', service: 'generate', version: SERVICE_VERSION, compiler_version: COMPILER_VERSION, cache: options.cacheOf(context.env).name, ...healthOfProviders(context.env), limits: GENERATE_LIMITS }),
  );

  const servicesFor = (context: Context<{ Bindings: E }>, request: GenerateRequest, signal: AbortSignal): GenerateServices => {
    const provider = chooseProvider(context.env, request.provider);
    const configured = resilienceFromConfig(context.env);
    breaker ??= new CircuitBreaker(configured.breaker);
    return {
      parsers: ready,
      store: new IrStore(options.cacheOf(context.env), memo, waitUntilOf(context)),
      provider,
      retry: { ...configured.retry, ...options.retry },
      breaker,
      signal,
      ...(options.now ? { now: options.now } : {}),
    };
  };

  app.post('/v1/generate', async (context) => {
    const request = await readJsonBody(context, GenerateRequest, LIMITS.maxBodyBytes);
    const controller = new AbortController();
    context.req.raw.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const generation = await startGeneration(request, servicesFor(context, request, controller.signal));
    if (!wantsStream(context, request)) return context.json(await generation.run());
    return sseResponse(
      async (send) => {
        let pending = Promise.resolve();
        const response = await generation.run({
          onAttempt: (attempt) => void (pending = pending.then(() => send('attempt', { attempt }))),
          onToken: (attempt, text) => void (pending = pending.then(() => send('token', { attempt, text }))),
        });
        await pending;
        await send('report', response);
      },
      controller,
      'generate',
    );
  });

  app.post('/v1/validate', async (context) => {
    const request = await readJsonBody(context, ValidateRequest, LIMITS.maxBodyBytes);
    // The constraints generate holds this shape and target to (prepareCompile: target, focus, conflicts).
    const prepared = prepareCompile({
      set: request.constraints,
      shape: request.shape,
      ...(request.shape !== 'json' ? { language: request.language } : {}),
      ...(request.target !== undefined ? { target: request.target } : {}),
    });
    const checked = validateCode(await ready(), { code: request.code, language: request.language, shape: request.shape }, prepared.constraints);
    return context.json({ ...checked.report, warnings: checked.warnings } satisfies ValidateResponse);
  });

  return app;
}
