import { afterAll, describe, expect, it } from 'vitest';
import {
  readBaseline, runSuite, SUITE_FILES, summaryTable,
} from './json-schema-suite-runner.js';

const results = runSuite();
const baseline = readBaseline();

function newlyPassing(): string[] {
  return results.flatMap(({ file, cases }) => {
    const known = new Set(baseline.passing[file] ?? []);
    return cases.filter((result) => result.passed && !known.has(result.id)).map((result) => `${file}: ${result.id}`);
  });
}

describe('JSON-Schema-Test-Suite (draft4) on the interpreting validator', () => {
  afterAll(() => {
    console.log(`JSON-Schema-Test-Suite pass counts:\n${summaryTable(results)}`);
    const improved = newlyPassing();
    if (improved.length > 0) {
      console.log(
        `${improved.length} case(s) pass that the baseline does not list yet:\n  ${improved.join('\n  ')}\n`
        + 'Regenerate the baseline: npx tsx scripts/update-json-schema-baseline.ts',
      );
    }
  });

  it('has a baseline entry for every suite file we claim, and none for others', () => {
    expect(Object.keys(baseline.passing).sort()).toEqual([...SUITE_FILES].sort());
  });

  it.each(results.map((result) => [result.file, result] as const))('%s: every case in the baseline still passes', (file, result) => {
    const byId = new Map(result.cases.map((caseResult) => [caseResult.id, caseResult]));
    const regressions = (baseline.passing[file] ?? [])
      .map((id) => byId.get(id) ?? { id, passed: false, detail: 'case no longer exists in the suite' })
      .filter((caseResult) => !caseResult.passed)
      .map((caseResult) => `${caseResult.id} -> ${caseResult.detail}`);
    expect(regressions).toEqual([]);
  });
});
