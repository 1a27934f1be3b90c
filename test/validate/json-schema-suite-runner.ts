/**
 * Runs the official JSON-Schema-Test-Suite, as shipped in the npm package `json-schema-test-suite`
 * (0.0.10: draft3 and draft4 only; draft4 is the newest it has), against our validator.
 * Shared by test/validate/json-schema-suite.test.ts and scripts/update-json-schema-baseline.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { validateJsonSchema } from '../../src/validate/json-schema.js';

export const SUITE_DRAFT = 'draft4';
export const BASELINE_PATH = join(dirname(new URL(import.meta.url).pathname), 'json-schema-suite.baseline.json');

/**
 * Files for the keywords we claim. Left out: `refRemote.json` (remote `$ref`, not supported) and
 * `definitions.json` (both cases validate against the remote draft-04 meta-schema).
 */
export const SUITE_FILES = [
  'additionalItems.json', 'additionalProperties.json', 'allOf.json', 'anyOf.json', 'default.json',
  'dependencies.json', 'enum.json', 'items.json', 'maxItems.json', 'maxLength.json', 'maxProperties.json',
  'maximum.json', 'minItems.json', 'minLength.json', 'minProperties.json', 'minimum.json', 'multipleOf.json',
  'not.json', 'oneOf.json', 'pattern.json', 'patternProperties.json', 'properties.json', 'ref.json',
  'required.json', 'type.json', 'uniqueItems.json',
  'optional/bignum.json', 'optional/format.json', 'optional/zeroTerminatedFloats.json',
] as const;

export interface SuiteGroup {
  description: string;
  schema: unknown;
  tests: { description: string; data: unknown; valid: boolean }[];
}

export interface CaseResult {
  id: string;
  passed: boolean;
  detail: string;
}

export interface FileResult {
  file: string;
  cases: CaseResult[];
}

export interface Baseline {
  suite: string;
  passing: Record<string, string[]>;
}

function suiteDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('json-schema-test-suite/package.json')), 'tests', SUITE_DRAFT);
}

/** Stable, readable case id: "<group description> / <test description>". */
export function caseId(group: SuiteGroup, test: { description: string }): string {
  return `${group.description} / ${test.description}`;
}

function runCase(group: SuiteGroup, test: SuiteGroup['tests'][number]): CaseResult {
  const id = caseId(group, test);
  try {
    const result = validateJsonSchema(group.schema, test.data, { dialect: 'draft-04' });
    const detail = result.valid ? 'valid' : `invalid: ${result.errors.map((error) => error.message).join('; ')}`;
    return { id, passed: result.valid === test.valid, detail };
  } catch (error) {
    return { id, passed: false, detail: `threw: ${(error as Error).message}` };
  }
}

export function loadSuiteFile(file: string): SuiteGroup[] {
  return JSON.parse(readFileSync(join(suiteDirectory(), file), 'utf8')) as SuiteGroup[];
}

export function runSuiteFile(file: string): FileResult {
  const groups = loadSuiteFile(file);
  const cases = groups.flatMap((group) => group.tests.map((test) => runCase(group, test)));
  const ids = new Set(cases.map((result) => result.id));
  if (ids.size !== cases.length) throw new Error(`${file}: case ids are not unique; change caseId()`);
  return { file, cases };
}

export function runSuite(): FileResult[] {
  return SUITE_FILES.map(runSuiteFile);
}

export function readBaseline(): Baseline {
  return JSON.parse(readFileSync(BASELINE_PATH, 'utf8')) as Baseline;
}

export function baselineFrom(results: readonly FileResult[]): Baseline {
  const passing: Record<string, string[]> = {};
  for (const { file, cases } of results) passing[file] = cases.filter((result) => result.passed).map((result) => result.id).sort();
  return { suite: `json-schema-test-suite@0.0.10 ${SUITE_DRAFT}`, passing };
}

export function summaryTable(results: readonly FileResult[]): string {
  const rows = results.map(({ file, cases }) => `${file.padEnd(38)} ${cases.filter((result) => result.passed).length}/${cases.length}`);
  const passed = results.reduce((sum, { cases }) => sum + cases.filter((result) => result.passed).length, 0);
  const total = results.reduce((sum, { cases }) => sum + cases.length, 0);
  return [...rows, `${'total'.padEnd(38)} ${passed}/${total}`].join('\n');
}
