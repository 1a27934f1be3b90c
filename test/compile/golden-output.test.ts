// Every change in what the compiler emits must change COMPILER_VERSION (and so every IR id), or a
// content-addressed cache serves an IR of an older compiler under the same id. The golden file
// records, per case, the IR id and the digest of each emitted artifact for one compiler version.
import { beforeAll, describe, expect, it } from 'vitest';
import { compilerInputs } from '../../scripts/compiler-inputs.js';
import { COMPILER_VERSION } from '../../src/compile/compile.js';
import { currentGolden, GOLDEN_CASES, GOLDEN_COMMAND, readGolden, sameIdDifferentOutput, type Golden } from './golden.js';

let current: Golden;
const recorded = readGolden();

beforeAll(async () => {
  current = await currentGolden();
});

describe('compiler version and golden output', () => {
  it('COMPILER_VERSION is the hash of the compiler\'s current source', () => {
    const fresh = compilerInputs().version;
    expect(COMPILER_VERSION, `src/compile/compiler-version.generated.ts is stale: run \`npm run compiler-version:gen\`, then \`${GOLDEN_COMMAND}\``).toBe(fresh);
    expect(COMPILER_VERSION).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{12}$/);
  });

  it('never emits different output under an IR id it emitted before', () => {
    expect(recorded, `test/compile/golden-output.json is missing: run \`${GOLDEN_COMMAND}\``).toBeDefined();
    const broken = sameIdDifferentOutput(recorded!, current);
    expect(broken, 'the emitted output changed but COMPILER_VERSION and the IR ids did not: something that shapes compile output is outside the import closure hashed by scripts/compiler-inputs.ts').toEqual([]);
  });

  it('matches the golden file recorded for this compiler version', () => {
    expect(recorded?.compiler_version, `the compiler changed (golden file: ${recorded?.compiler_version}, now: ${COMPILER_VERSION}): run \`${GOLDEN_COMMAND}\` and review the diff of test/compile/golden-output.json`).toBe(COMPILER_VERSION);
    expect(current.cases.map((entry) => entry.name)).toEqual(GOLDEN_CASES.map((entry) => entry.name));
    // Same version: only the inputs (extraction of the fixtures, or the cases) can have moved.
    expect(current, `the inputs changed (extract output for the fixtures, or the cases in test/compile/golden.ts): run \`${GOLDEN_COMMAND}\` and review the diff`).toEqual(recorded);
  });

  it('emits every grammar dialect for the code shapes', () => {
    for (const entry of current.cases.filter((_, index) => GOLDEN_CASES[index]!.shape !== 'json')) {
      expect(Object.keys(entry.outputs), entry.name).toEqual(expect.arrayContaining(['ebnf', 'gbnf', 'lark']));
    }
  });
});
