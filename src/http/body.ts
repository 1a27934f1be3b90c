import type { Context } from 'hono';
import type { z } from 'zod';
import { AnankeError } from '../errors.js';

function tooLarge(size: number, limit: number): AnankeError {
  return new AnankeError('payload_too_large', `request body is ${size} bytes, over the ${limit}-byte limit`, 'send fewer or smaller files per request', { limit });
}

async function readBytes(context: Context, limit: number): Promise<Uint8Array> {
  const declared = Number(context.req.header('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(declared, limit);
  const bytes = new Uint8Array(await context.req.arrayBuffer());
  if (bytes.byteLength > limit) throw tooLarge(bytes.byteLength, limit);
  return bytes;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AnankeError('invalid_encoding', 'request body is not valid UTF-8', 'encode the JSON body (and every file in it) as UTF-8');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AnankeError('invalid_json', `request body is not valid JSON: ${(error as Error).message}`, 'send a JSON object with Content-Type: application/json');
  }
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}${text ? '.' : ''}${String(key)}`), '') || '(body)';
}

/** Parses a request body against a schema, or throws the 400/413 AnankeError that explains why not. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issuePath(issue.path);
  throw new AnankeError('invalid_request', `${path}: ${issue.message}`, 'check the request against the JSON Schema in docs/schema/', {
    path,
    issues: result.error.issues.slice(0, 10).map((item) => ({ path: issuePath(item.path), message: item.message })),
  });
}

export async function readJsonBody<T extends z.ZodType>(context: Context, schema: T, limit: number): Promise<z.infer<T>> {
  return parseWith(schema, parseJson(decodeUtf8(await readBytes(context, limit))));
}
