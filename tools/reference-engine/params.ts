/** Reading sampling parameters from request bodies, with a 400 naming the field when one is wrong. */
import { badRequest } from './errors.js';

/** The most tokens one request may ask for; a real server's limit is its context length. */
export const MAX_TOKENS_LIMIT = 8192;

type Body = Record<string, unknown>;

export function optionalNumber(body: Body, field: string, prefix = ''): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest(`${prefix}${field} must be a number`, `${prefix}${field}`);
  return value;
}

export function optionalInteger(body: Body, field: string, prefix = ''): number | undefined {
  const value = optionalNumber(body, field, prefix);
  if (value !== undefined && !Number.isInteger(value)) throw badRequest(`${prefix}${field} must be an integer`, `${prefix}${field}`);
  return value;
}

export function tokenBudget(value: number | undefined, fallback: number, field: string): number {
  const budget = value ?? fallback;
  if (budget < 0 || budget > MAX_TOKENS_LIMIT) throw badRequest(`${field} must be between 0 and ${MAX_TOKENS_LIMIT}, got ${budget}`, field);
  return budget;
}

export function temperatureOf(value: number | undefined, fallback: number, field: string): number {
  const temperature = value ?? fallback;
  if (temperature < 0 || temperature > 2) throw badRequest(`${field} must be between 0 and 2, got ${temperature}`, field);
  return temperature;
}

export function stopStrings(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((stop) => typeof stop === 'string')) return value as string[];
  throw badRequest(`${field} must be a string or a list of strings`, field);
}

export function optionalBoolean(body: Body, field: string): boolean {
  const value = body[field];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw badRequest(`${field} must be true or false`, field);
  return value;
}
