/**
 * The constrained code shapes the compiler asks for: a function body under a fixed header, a
 * whole module, and a hole between fixed text. Each returns the grammar with the warnings
 * (approximations) and the constraints the grammar cannot enforce.
 */
import type { Language, SignaturePayload } from '../../../constraints/schema.js';
import { AnankeError } from '../../../errors.js';
import { GrammarBuilder } from '../ast.js';
import * as R from '../regular.js';
import { addAutomatonRules, flatCode, type CodeLanguage } from './code.js';
import { familyOf, planConstraints, type CodeConstraints, type ConstraintPlan, type GrammarResult, type LexicalFamily } from './constraints.js';
import { goLanguage } from './go.js';
import { javaLanguage } from './java.js';
import { pythonBodyLanguage, pythonLanguage } from './python.js';
import { rustLanguage } from './rust.js';
import { typescriptLanguage } from './typescript.js';
import { regexKey } from '../automaton.js';

export type { CodeConstraints, GrammarResult, Unenforced } from './constraints.js';

function requireFamily(language: Language): LexicalFamily {
  const family = familyOf(language);
  if (!family) {
    throw new AnankeError('unprocessable', `there is no lexical grammar for ${language} yet`, 'use typescript, tsx, javascript, python, go, rust or java, or constrain this language with JSON Schema and the validator');
  }
  return family;
}

const LEXICONS: Record<LexicalFamily | 'python-body', (plan: ConstraintPlan) => CodeLanguage> = {
  typescript: typescriptLanguage,
  python: pythonLanguage,
  'python-body': pythonBodyLanguage,
  go: goLanguage,
  rust: rustLanguage,
  java: javaLanguage,
};

const lexicons = new Map<string, CodeLanguage>();
const MAX_CACHED_LEXICONS = 200;

/** What a plan's lexicon depends on, as text: equal plans share one lexicon, so its regexes (and the automata cached by them) are reused. */
function planKey(plan: ConstraintPlan): string {
  const naming = [...plan.naming.entries()].map(([target, regex]) => `${target}=${regexKey(regex)}`).sort();
  return JSON.stringify([plan.family, plan.bannedWords, plan.bannedWordShapes, plan.bannedModules, plan.allowedModules, naming]);
}

/** The plan's lexicon; `variant` 'python-body' is Python's for function bodies (lines indented). */
function lexicon(plan: ConstraintPlan, variant: LexicalFamily | 'python-body' = plan.family): CodeLanguage {
  const key = `${variant}\u0000${planKey(plan)}`;
  let code = lexicons.get(key);
  if (!code) {
    code = LEXICONS[variant](plan);
    if (lexicons.size >= MAX_CACHED_LEXICONS) lexicons.delete(lexicons.keys().next().value!);
    lexicons.set(key, code);
  }
  return code;
}

/** Said of every code grammar: what the flat automaton does not check, which the validator does. */
const BRACKETS_WARNING = 'brackets are not matched in pairs by the grammar (nesting costs an engine milliseconds per token); the validator parses the result';

function prepare(language: Language, constraints: CodeConstraints): { plan: ConstraintPlan; code: CodeLanguage; warnings: string[] } {
  const plan = planConstraints(requireFamily(language), constraints);
  const warnings = [...plan.warnings, BRACKETS_WARNING];
  const codeInText = CODE_IN_TEXT_WARNINGS[plan.family];
  if (codeInText && (plan.bannedWords.length > 0 || plan.bannedWordShapes.length > 0)) warnings.push(codeInText);
  if (language === 'tsx') warnings.push('tsx: JSX text is lexed as code, so quotes in JSX text must pair up');
  return { plan, code: lexicon(plan), warnings };
}

/** Text tokens that hold code, whose code the grammar does not parse. */
const CODE_IN_TEXT_WARNINGS: Partial<Record<LexicalFamily, string>> = {
  typescript: 'typescript: a template literal is one token: its ${ } parts are not parsed as code, so a banned identifier is rejected anywhere inside it (stricter) and a forbidden substring there is checked by the validator only',
  python: 'python: f-strings are strings to the grammar: banned identifiers and forbidden substrings inside their { } parts are checked by the validator only',
};

function fixedTextWarnings(plan: ConstraintPlan, text: string, what: string): string[] {
  const found = [
    ...plan.bannedSubstrings.filter((pattern) => text.includes(pattern)),
    ...plan.bannedWords.filter((name) => new RegExp(`(^|[^A-Za-z0-9_$])${name.replace(/\$/g, '\\$')}($|[^A-Za-z0-9_$])`).test(text)),
  ];
  return found.map((pattern) => `${what} contains the forbidden "${pattern}"; fixed text is emitted as it is`);
}

function result(builder: GrammarBuilder, warnings: string[], plan: ConstraintPlan): GrammarResult {
  return { grammar: builder.build(), warnings: [...new Set(warnings)], unenforced: plan.unenforced };
}

const whitespace = R.many(R.cls(' \\t\\r\\n'));

/**
 * A function body under its signature's header, emitted as a literal. TypeScript, Go, Rust and
 * Java: the header, then `{ body }` (TypeScript: or an expression for an arrow header, `=>`).
 * Python: the header (a `:` is added when the header has none), then an indented body.
 */
export function functionBody(language: Language, constraints: CodeConstraints & { readonly signature: SignaturePayload }): GrammarResult {
  const { plan, code, warnings } = prepare(language, constraints);
  const header = constraints.signature.header;
  warnings.push(...fixedTextWarnings(plan, header, 'the header'));
  const builder = new GrammarBuilder('root');
  if (plan.family === 'python') {
    warnings.push('python: in a function body every line must be indented, continuation lines inside brackets included (stricter)');
    const colon = header.trimEnd().endsWith(':') ? R.epsilon : R.cat(whitespace, R.text(':'));
    addAutomatonRules(builder, R.cat(colon, flatCode(lexicon(plan, 'python-body'))), header);
  } else if (plan.family === 'typescript' && header.trimEnd().endsWith('=>')) {
    addAutomatonRules(builder, R.cat(whitespace, flatCode(code), whitespace), header);
  } else {
    addAutomatonRules(builder, R.cat(whitespace, R.text('{'), flatCode(code), R.text('}'), whitespace), header);
  }
  return result(builder, warnings, plan);
}

/** A whole source file: declarations and statements, ending where a statement may start (after a line break, say). */
export function moduleGrammar(language: Language, constraints: CodeConstraints = {}): GrammarResult {
  const { plan, code, warnings } = prepare(language, constraints);
  warnings.push('module: the file must end where a statement may start (after a line break, `;` or `}`), not inside a word');
  const builder = new GrammarBuilder('root');
  addAutomatonRules(builder, flatCode(code, 'start'));
  return result(builder, warnings, plan);
}

/**
 * The fill of a hole: code under the constraints, and nothing else. The prefix and suffix are
 * context in the prompt, not output: an engine writes only the fill (as FIM models do), and the
 * validator checks prefix + fill + suffix together.
 */
export function hole(language: Language, prefix: string, suffix: string, constraints: CodeConstraints = {}): GrammarResult {
  const { plan, code, warnings } = prepare(language, constraints);
  warnings.push(...fixedTextWarnings(plan, prefix + suffix, 'the text around the hole'));
  warnings.push('hole: forbidden patterns are checked inside the fill, not across its edges with the text around it (the validator checks the whole)');
  const builder = new GrammarBuilder('root');
  addAutomatonRules(builder, flatCode(code));
  return result(builder, warnings, plan);
}
