import { makeConstraint } from '../../constraints/ids.js';
import type { Language, NamingStyle, NamingTarget } from '../../constraints/schema.js';
import { confidenceOf, groupBy, inferredProvenance, type Observation } from './evidence.js';
import type { ConcernBuilder, ExtractedFile } from './types.js';

/** Patterns a name must match to follow a style; leading/trailing underscores are allowed. */
export const STYLE_PATTERNS: Record<NamingStyle, string> = {
  camelCase: '^_*[a-z][a-zA-Z0-9]*_*$',
  PascalCase: '^_*[A-Z][a-zA-Z0-9]*_*$',
  snake_case: '^_*[a-z][a-z0-9]*(_[a-z0-9]+)*_*$',
  SCREAMING_SNAKE_CASE: '^_*[A-Z][A-Z0-9]*(_[A-Z0-9]+)*_*$',
  'kebab-case': '^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
  lowercase: '^[a-z][a-z0-9]*$',
  MixedCaps: '^_*[A-Za-z][a-zA-Z0-9]*_*$',
};

const STYLE_REGEXES = Object.fromEntries(
  Object.entries(STYLE_PATTERNS).map(([style, pattern]) => [style, new RegExp(pattern)]),
) as Record<NamingStyle, RegExp>;

/** The styles considered per language, preferred first when several fit all names equally (one-word names fit many). */
const PREFERENCE: Record<Language, NamingStyle[]> = {
  typescript: ['camelCase', 'PascalCase', 'SCREAMING_SNAKE_CASE', 'kebab-case', 'snake_case', 'lowercase'],
  tsx: ['camelCase', 'PascalCase', 'SCREAMING_SNAKE_CASE', 'kebab-case', 'snake_case', 'lowercase'],
  javascript: ['camelCase', 'PascalCase', 'SCREAMING_SNAKE_CASE', 'kebab-case', 'snake_case', 'lowercase'],
  python: ['snake_case', 'PascalCase', 'SCREAMING_SNAKE_CASE', 'camelCase', 'lowercase', 'kebab-case'],
  go: ['camelCase', 'PascalCase', 'MixedCaps', 'snake_case', 'lowercase', 'SCREAMING_SNAKE_CASE', 'kebab-case'],
  rust: ['snake_case', 'PascalCase', 'SCREAMING_SNAKE_CASE', 'camelCase', 'lowercase', 'kebab-case'],
  java: ['camelCase', 'PascalCase', 'SCREAMING_SNAKE_CASE', 'snake_case', 'lowercase', 'kebab-case'],
};

export function matchesStyle(name: string, style: NamingStyle): boolean {
  return STYLE_REGEXES[style].test(name);
}

/** Styles a target conventionally has in every language, tried before the language's own order on a tie. */
const TARGET_PREFERENCE: Partial<Record<NamingTarget, NamingStyle[]>> = {
  constant: ['SCREAMING_SNAKE_CASE'],
  class: ['PascalCase'],
  type: ['PascalCase'],
};

/** The style most names conform to; ties go to the target's, then the language's, conventional preference. */
export function dominantStyle(names: readonly string[], language: Language, target?: NamingTarget): NamingStyle {
  const first = (target && TARGET_PREFERENCE[target]) ?? [];
  const preference = [...first.filter((style) => PREFERENCE[language].includes(style)), ...PREFERENCE[language].filter((style) => !first.includes(style))];
  const scored = preference.map((style, rank) => ({ style, rank, count: names.filter((name) => matchesStyle(name, style)).length }));
  scored.sort((a, b) => b.count - a.count || a.rank - b.rank);
  return scored[0]!.style;
}

/** Only identifiers have a style; test names written as sentences ("returns 404 when ...") do not. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/u;

interface NamedObservation extends Observation {
  name: string;
  target: NamingTarget;
  language: Language;
}

/** The name part of a file that carries its style: "orders.controller.ts" -> "orders", "test_api.py" -> "api". */
function fileStem(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.split('.')[0]!.replace(/^test_|_test$/, '');
}

const IGNORED_FILE_STEMS = new Set(['index', 'main', 'mod', 'lib', '__init__', '__main__', 'conftest', 'setup', 'input']);

function fileObservation(file: ExtractedFile): NamedObservation[] {
  const name = fileStem(file.path);
  if (IGNORED_FILE_STEMS.has(name) || !/^[A-Za-z]/.test(name)) return [];
  const range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  return [{ name, target: 'file', language: file.language, file: file.path, range, rule: 'path', conforming: true }];
}

function observations(file: ExtractedFile): NamedObservation[] {
  const declared = file.facts.declarations
    .filter((fact) => IDENTIFIER.test(fact.name))
    .map((fact) => ({ ...fact, language: file.language, file: file.path, conforming: true }));
  return [...declared, ...fileObservation(file)];
}

/** One `naming` constraint per language and identifier category, with share of conforming names. */
export const buildNaming: ConcernBuilder = (files) => {
  const groups = groupBy(files.flatMap(observations), (item) => `${item.language}\u0000${item.target}`);
  return {
    constraints: [...groups.values()].map((group) => {
      const { language, target } = group[0]!;
      const style = dominantStyle(group.map((item) => item.name), language, target);
      const scored = group.map((item) => ({ ...item, conforming: matchesStyle(item.name, style) }));
      const provenance = inferredProvenance(scored);
      const confidence = confidenceOf(provenance.evidence!);
      return makeConstraint('naming', { language, target, style, pattern: STYLE_PATTERNS[style] }, {
        kind: 'syntactic',
        severity: 'warning',
        priority: 40 + Math.round(confidence * 20),
        confidence,
        description: `${language} ${target} names are ${style} (${provenance.evidence!.conforming} of ${group.length})`,
        provenance,
      });
    }),
  };
};
