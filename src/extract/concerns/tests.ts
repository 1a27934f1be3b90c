import { makeConstraint } from '../../constraints/ids.js';
import type { Language } from '../../constraints/schema.js';
import { groupBy, inferredProvenance, mostCommon } from './evidence.js';
import type { ConcernBuilder, ExtractedFile } from './types.js';

/** The glob a test file's name follows, e.g. "*.test.ts", "test_*.py", "*_test.go". */
export function testFilePattern(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const suffix = /^.+?((\.|_)(test|spec|tests)(\.[A-Za-z.]+))$/.exec(base);
  if (suffix) return `*${suffix[1]}`;
  const prefix = /^(test_).+(\.[A-Za-z]+)$/.exec(base);
  if (prefix) return `${prefix[1]}*${prefix[2]}`;
  const java = /^.+((Test|Tests|IT)\.java)$/.exec(base);
  if (java) return `*${java[1]}`;
  const inDir = /(^|\/)(tests|__tests__)\/[^/]+(\.[A-Za-z]+)$/.exec(path);
  if (inDir) return `${inDir[2]}/*${inDir[3]}`;
  return base;
}

/** One `test_convention` per language with test files: framework, assertion style, file naming. */
export const buildTestConventions: ConcernBuilder = (files) => {
  const testFiles = files.filter((file) => file.isTest || file.facts.tests.length > 0);
  const groups = groupBy(testFiles, (file) => file.language);
  const constraints = [...groups.entries()].flatMap(([language, group]) => {
    const facts = group.flatMap((file) => file.facts.tests.map((fact) => ({ ...fact, file: file.path })));
    const framework = mostCommon(facts.map((fact) => fact.framework));
    if (!framework) return [];
    const assertion = mostCommon(facts.flatMap((fact) => (fact.assertion_style ? [fact.assertion_style] : []))) ?? 'unknown';
    const pattern = mostCommon(group.filter((file: ExtractedFile) => file.isTest).map((file) => testFilePattern(file.path))) ?? testFilePattern(group[0]!.path);
    const observations = facts.map((fact) => ({ ...fact, conforming: fact.framework === framework }));
    const provenance = inferredProvenance(observations);
    return [
      makeConstraint('test_convention', { language: language as Language, framework, assertion_style: assertion, file_pattern: pattern }, {
        kind: 'operational',
        severity: 'warning',
        priority: 40,
        confidence: provenance.evidence!.count ? provenance.evidence!.conforming / provenance.evidence!.count : 0,
        description: `${language} tests use ${framework} with ${assertion} assertions in files named ${pattern}`,
        provenance,
      }),
    ];
  });
  return { constraints };
};
