// Rewrites test/compile/golden-output.json from the running compiler (`npm run golden:gen`), so every
// change in emitted grammars shows up as a reviewed diff. Refuses when a case's IR id stayed the same
// but its output changed: that is a compiler change the compiler-version hash does not cover.
import { readFile, writeFile } from 'node:fs/promises';
import { compilerInputs } from './compiler-inputs.js';
import { COMPILER_VERSION } from '../src/compile/compile.js';
import { currentGolden, GOLDEN_FILE, readGolden, renderGolden, sameIdDifferentOutput } from '../test/compile/golden.js';

const fresh = compilerInputs().version;
if (fresh !== COMPILER_VERSION) {
  console.error(`src/compile/compiler-version.generated.ts is stale (${COMPILER_VERSION}, source hashes to ${fresh}): run \`npm run compiler-version:gen\` first`);
  process.exit(1);
}
const recorded = readGolden();
const current = await currentGolden();
const broken = recorded ? sameIdDifferentOutput(recorded, current) : [];
if (broken.length) {
  console.error(`emitted output changed under unchanged IR ids, so COMPILER_VERSION (${COMPILER_VERSION}) does not cover what changed:\n  ${broken.join('\n  ')}\nmake the change visible to scripts/compiler-inputs.ts (the import closure of src/compile/compile.ts and its packages) instead of regenerating\n(if you changed what test/compile/golden.ts records, delete ${GOLDEN_FILE} first)`);
  process.exit(1);
}
const text = renderGolden(current);
const before = await readFile(GOLDEN_FILE, 'utf8').catch(() => '');
await writeFile(GOLDEN_FILE, text);
console.log(before === text ? `${GOLDEN_FILE} unchanged (${COMPILER_VERSION})` : `wrote ${GOLDEN_FILE} for ${COMPILER_VERSION}: review the diff and commit it`);
