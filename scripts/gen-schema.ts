// Writes the JSON Schema of every wire type into docs/schema/. `--check` fails when a file is stale.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderWireSchema, WIRE_SCHEMAS } from '../src/constraints/wire.js';

const OUTPUT_DIR = 'docs/schema';
const check = process.argv.includes('--check');
const stale: string[] = [];
await mkdir(OUTPUT_DIR, { recursive: true });
for (const name of Object.keys(WIRE_SCHEMAS)) {
  const path = join(OUTPUT_DIR, `${name}.json`);
  const expected = renderWireSchema(name);
  if (!check) await writeFile(path, expected);
  else if ((await readFile(path, 'utf8').catch(() => '')) !== expected) stale.push(path);
}
if (stale.length) {
  console.error(`stale JSON Schema: ${stale.join(', ')}\nrun \`npm run schema:gen\` and commit the result`);
  process.exit(1);
}
console.log(check ? `${OUTPUT_DIR} is up to date` : `wrote ${Object.keys(WIRE_SCHEMAS).length} schemas to ${OUTPUT_DIR}`);
