/** Reading engine responses: unknown JSON in, typed fields out, without trusting the shape. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const field = value[key];
  return isObject(field) ? field : undefined;
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

export function numberAt(value: unknown, key: string): number | null {
  if (!isObject(value)) return null;
  const field = value[key];
  return typeof field === 'number' && Number.isFinite(field) ? field : null;
}

export function firstElementAt(value: unknown, key: string): unknown {
  if (!isObject(value)) return undefined;
  const field = value[key];
  return Array.isArray(field) ? field[0] : undefined;
}

/** The error message an engine put in a 2xx body or a stream event, if any. */
export function embeddedError(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (value['object'] === 'error') return stringAt(value, 'message') ?? 'unknown error';
  const error = value['error'];
  if (typeof error === 'string') return error;
  if (isObject(error)) return stringAt(error, 'message') ?? JSON.stringify(error);
  return undefined;
}
