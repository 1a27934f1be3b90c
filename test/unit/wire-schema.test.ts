import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderWireSchema, WIRE_SCHEMAS } from '../../src/constraints/wire.js';

const DOCS = join(import.meta.dirname, '..', '..', 'docs', 'schema');

describe('docs/schema', () => {
  it.each(Object.keys(WIRE_SCHEMAS))('%s.json matches the zod schema (run `npm run schema:gen` if not)', (name) => {
    expect(readFileSync(join(DOCS, `${name}.json`), 'utf8')).toBe(renderWireSchema(name));
  });
});
