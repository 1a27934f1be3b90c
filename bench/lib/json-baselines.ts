/**
 * The two baselines every grammar is judged against, with the text each is replayed over:
 * - XGrammar's builtin JSON grammar over a real JSON document: the package.json of the pinned
 *   `typescript` package (3.6 KB, indented, nested objects and arrays);
 * - a 10-field JSON Schema of the kind structured-output requests carry (strings, an enum, an
 *   integer, a number, a boolean, an array of strings, a nested object; all required, no extra
 *   properties) over one document that satisfies it, written as `JSON.stringify(_, null, 2)`.
 *   No length bounds, patterns or formats: they multiply XGrammar's rules (with `maxLength: 80`,
 *   a pattern and a date-time format the same object compiled about 100x slower here, 3.2 s
 *   against 28 ms), and a heavy baseline would make the ratios lax.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { GrammarSource } from './xgrammar-cost.js';

export interface Baseline {
  name: string;
  source: GrammarSource;
  /** Where the replayed text comes from, for the report. */
  text_origin: string;
  text: string;
}

export const ORDER_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    customer: { type: 'string' },
    status: { enum: ['pending', 'paid', 'shipped', 'cancelled'] },
    quantity: { type: 'integer' },
    unit_price: { type: 'number' },
    currency: { type: 'string' },
    gift: { type: 'boolean' },
    created_at: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    shipping: {
      type: 'object',
      properties: { street: { type: 'string' }, city: { type: 'string' }, postcode: { type: 'string' } },
      required: ['street', 'city', 'postcode'],
      additionalProperties: false,
    },
  },
  required: ['id', 'customer', 'status', 'quantity', 'unit_price', 'currency', 'gift', 'created_at', 'tags', 'shipping'],
  additionalProperties: false,
} as const;

export const ORDER_DOCUMENT = {
  id: 'ord_7f3k9x2m',
  customer: 'Ada Lovelace',
  status: 'paid',
  quantity: 3,
  unit_price: 19.99,
  currency: 'EUR',
  gift: false,
  created_at: '2026-11-30T14:05:00Z',
  tags: ['priority', 'fragile'],
  shipping: { street: '12 Analytical Row', city: 'London', postcode: 'NW1 6XE' },
};

const requireFromHere = createRequire(import.meta.url);

export function jsonBaselines(): { builtinJson: Baseline; jsonSchema: Baseline } {
  return {
    builtinJson: {
      name: 'XGrammar builtin JSON',
      source: { kind: 'builtin_json' },
      text_origin: 'node_modules/typescript/package.json',
      text: readFileSync(requireFromHere.resolve('typescript/package.json'), 'utf8').trimEnd(),
    },
    jsonSchema: {
      name: 'JSON Schema, 10 fields',
      source: { kind: 'json_schema', schema: JSON.stringify(ORDER_SCHEMA) },
      text_origin: 'bench/lib/json-baselines.ts ORDER_DOCUMENT, 2-space indent',
      text: JSON.stringify(ORDER_DOCUMENT, null, 2),
    },
  };
}
