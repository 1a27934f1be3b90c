import type { Hono } from 'hono';
import { ExtractRequest, type ExtractResponse } from '../constraints/extract-api.js';
import { SUPPORTED_LANGUAGES } from './languages.js';
import { createApp } from '../http/app.js';
import { readJsonBody } from '../http/body.js';
import { LIMITS } from '../limits.js';
import { withSpan } from '../telemetry/trace.js';
import { extract } from './extract.js';
import type { Parsers } from './parser.js';

export const SERVICE_VERSION = '0.1.0';

/** The extract service: POST /v1/extract and GET /health, over parsers loaded once per isolate. */
export function createExtractApp(loadParsers: () => Promise<Parsers>): Hono {
  let parsers: Promise<Parsers> | undefined;
  const ready = () => {
    parsers ??= loadParsers().catch((error: unknown) => {
      parsers = undefined;
      throw error;
    });
    return parsers;
  };
  const app = createApp('extract');

  app.get('/health', (context) =>
    context.json({ status: 'ok', service: 'extract', version: SERVICE_VERSION, languages: SUPPORTED_LANGUAGES, limits: LIMITS }),
  );

  app.post('/v1/extract', async (context) => {
    const request = await readJsonBody(context, ExtractRequest, LIMITS.maxBodyBytes);
    const started = performance.now();
    const loaded = await ready();
    const parse_ms = performance.now() - started;
    const set = await withSpan('extract', { files: request.files?.length ?? 1 }, () => extract(loaded, request));
    const response: ExtractResponse = { ...set, timings: { parse_ms: round(parse_ms), extract_ms: round(performance.now() - started - parse_ms) } };
    return context.json(response);
  });

  return app;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
