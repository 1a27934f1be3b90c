/**
 * Rewrites test/validate/json-schema-suite.baseline.json from a fresh run of the
 * JSON-Schema-Test-Suite. The baseline only moves forward: if a case it lists now fails, this
 * script refuses (fix the validator) unless `--allow-regressions` is given on purpose.
 *
 *   npx tsx scripts/update-json-schema-baseline.ts
 */
import { writeFileSync } from 'node:fs';
import {
  BASELINE_PATH, baselineFrom, readBaseline, runSuite, summaryTable,
} from '../test/validate/json-schema-suite-runner.js';

function readPreviousBaseline(): ReturnType<typeof readBaseline> | undefined {
  try {
    return readBaseline();
  } catch {
    return undefined;
  }
}

const results = runSuite();
const next = baselineFrom(results);
const previous = readPreviousBaseline();
const regressions = Object.entries(previous?.passing ?? {}).flatMap(([file, ids]) =>
  ids.filter((id) => !(next.passing[file] ?? []).includes(id)).map((id) => `${file}: ${id}`));

console.log(summaryTable(results));
if (regressions.length > 0 && !process.argv.includes('--allow-regressions')) {
  console.error(`\n${regressions.length} case(s) in the baseline now fail:\n  ${regressions.join('\n  ')}`);
  console.error('Fix the validator, or pass --allow-regressions if dropping them is intended.');
  process.exit(1);
}
writeFileSync(BASELINE_PATH, `${JSON.stringify(next, null, 2)}\n`);
console.log(`\nwrote ${BASELINE_PATH}`);
