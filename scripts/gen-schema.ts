// Writes the JSON Schema of every wire type into docs/schema/. `--check` fails when a file is stale.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { WIRE_SCHEMAS } from '../src/constraints/wire.js';

const OUTPUT_DIR = 'docs/schema';

function render(name: string, schema: z.ZodType, io: 'input' | 'output'): string {
  const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any', reused: 'ref' });
  return `${JSON.stringify({ $id: `https://ananke.dev/schema/${name}.json`, title: name, ...json }, null, 2)}\n`;
}

const check = process.argv.includes('--check');
const stale: string[] = [];
await mkdir(OUTPUT_DIR, { recursive: true });
for (const [name, { schema, io }] of Object.entries(WIRE_SCHEMAS)) {
  const path = join(OUTPUT_DIR, `${name}.json`);
  const expected = render(name, schema, io);
  if (!check) await writeFile(path, expected);
  else if ((await readFile(path, 'utf8').catch(() => '')) !== expected) stale.push(path);
}
if (stale.length) {
  console.error(`stale JSON Schema: ${stale.join(', ')}\nrun \`npm run schema:gen\` and commit the result`);
  process.exit(1);
}
console.log(check ? `${OUTPUT_DIR} is up to date` : `wrote ${Object.keys(WIRE_SCHEMAS).length} schemas to ${OUTPUT_DIR}`);
