// Writes src/compile/compiler-version.generated.ts: COMPILER_VERSION derived from the compiler's own
// source (the import closure of src/compile/compile.ts) and the packages it imports, so an IR id
// changes whenever the compiler's output can. `--check` fails when the module is stale;
// `--list` prints what is hashed.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compilerInputs, renderVersionModule, ROOT, VERSION_MODULE } from './compiler-inputs.js';

const inputs = compilerInputs();
const expected = renderVersionModule(inputs);
const output = join(ROOT, VERSION_MODULE);

if (process.argv.includes('--list')) {
  for (const file of inputs.files) console.log(`${file.sha256.slice(0, 12)}  ${file.path}`);
  for (const dep of inputs.dependencies) console.log(`package       ${dep.name}@${dep.version}`);
}
if (process.argv.includes('--check')) {
  const actual = await readFile(output, 'utf8').catch(() => '');
  if (actual !== expected) {
    const was = /COMPILER_VERSION = ['"]([^'"]*)['"]/.exec(actual)?.[1] ?? 'missing';
    console.error(
      `${VERSION_MODULE} is stale (it says ${was}; the compiler's source hashes to ${inputs.version}).\n` +
        'The compiler (src/compile/compile.ts or a module it imports, or a package it uses) changed, so IR ids must change with it.\n' +
        'Run `npm run compiler-version:gen` and commit the result (then `npm run golden:gen` if test/compile/golden-output.test.ts asks).',
    );
    process.exit(1);
  }
  console.log(`${VERSION_MODULE} is up to date (${inputs.version}, ${inputs.files.length} files)`);
} else {
  await writeFile(output, expected);
  console.log(`wrote ${VERSION_MODULE}: ${inputs.version} (${inputs.files.length} files, ${inputs.dependencies.length} packages)`);
}
