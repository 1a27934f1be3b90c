/**
 * The constrained code shapes the compiler asks for: a function body under a fixed header, a
 * whole module, and a hole between fixed text. Each returns the grammar with the warnings
 * (approximations) and the constraints the grammar cannot enforce.
 */
import type { Language, SignaturePayload } from '../../../constraints/schema.js';
import { AnankeError } from '../../../errors.js';
import { GrammarBuilder, chars, lit, ref, seq, star, type Expr } from '../ast.js';
import { addCodeRules, resolveDepth, type CodeLanguage } from './code.js';
import { familyOf, planConstraints, type CodeConstraints, type ConstraintPlan, type GrammarResult, type LexicalFamily } from './constraints.js';
import { goLanguage } from './go.js';
import { javaLanguage } from './java.js';
import { pythonBodyPieces, pythonLanguage } from './python.js';
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

const LEXICONS: Record<LexicalFamily, (plan: ConstraintPlan) => CodeLanguage> = {
  typescript: typescriptLanguage,
  python: pythonLanguage,
  go: goLanguage,
  rust: rustLanguage,
  java: javaLanguage,
};

const lexicons = new Map<string, CodeLanguage>();
const MAX_CACHED_LEXICONS = 200;

/** What a plan's lexicon depends on, as text: equal plans share one lexicon, so its regexes (and the automata cached by them) are reused. */
function planKey(plan: ConstraintPlan): string {
  const naming = [...plan.naming.entries()].map(([target, regex]) => `${target}=${regexKey(regex)}`).sort();
  return JSON.stringify([plan.family, plan.bannedWords, plan.bannedSubstrings, plan.bannedModules, plan.allowedModules, naming]);
}

function lexicon(plan: ConstraintPlan): CodeLanguage {
  const key = planKey(plan);
  let code = lexicons.get(key);
  if (!code) {
    code = LEXICONS[plan.family](plan);
    if (lexicons.size >= MAX_CACHED_LEXICONS) lexicons.delete(lexicons.keys().next().value!);
    lexicons.set(key, code);
  }
  return code;
}

function prepare(language: Language, constraints: CodeConstraints): { plan: ConstraintPlan; code: CodeLanguage; depth: number; warnings: string[] } {
  const plan = planConstraints(requireFamily(language), constraints);
  const warnings = [...plan.warnings];
  if (language === 'tsx') warnings.push('tsx: JSX text is lexed as code, so quotes or braces in JSX text must be balanced');
  return { plan, code: lexicon(plan), depth: resolveDepth(constraints.maxDepth), warnings };
}

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

const whitespace: Expr = star(chars(' \\t\\r\\n'));

/**
 * A function body under its signature's header, emitted as a literal. TypeScript, Go, Rust and
 * Java: the header, then `{ body }` (TypeScript: or an expression for an arrow header, `=>`).
 * Python: the header (a `:` is added when the header has none), then an indented body.
 */
export function functionBody(language: Language, constraints: CodeConstraints & { readonly signature: SignaturePayload }): GrammarResult {
  const { plan, code, depth, warnings } = prepare(language, constraints);
  const header = constraints.signature.header;
  warnings.push(...fixedTextWarnings(plan, header, 'the header'));
  const builder = new GrammarBuilder('root');
  if (plan.family !== 'python') {
    if (plan.family === 'typescript' && header.trimEnd().endsWith('=>')) {
      builder.rule('root', seq(lit(header), whitespace, ref(addCodeRules(builder, code, 0, depth)), whitespace));
    } else {
      builder.rule('root', seq(lit(header), whitespace, lit('{'), ref(addCodeRules(builder, code, 1, depth)), lit('}'), whitespace));
    }
  } else {
    const colon = header.trimEnd().endsWith(':') ? lit('') : seq(whitespace, lit(':'));
    const body = addCodeRules(builder, code, 0, depth, { firstPieces: pythonBodyPieces(plan) });
    builder.rule('root', seq(lit(header), colon, ref(body)));
  }
  return result(builder, warnings, plan);
}

/** A whole source file: top-level declarations and statements, brackets balanced. */
export function moduleGrammar(language: Language, constraints: CodeConstraints = {}): GrammarResult {
  const { plan, code, depth, warnings } = prepare(language, constraints);
  const builder = new GrammarBuilder('root');
  builder.rule('root', ref(addCodeRules(builder, code, 0, depth)));
  return result(builder, warnings, plan);
}

/**
 * The fill of a hole: balanced code under the constraints, and nothing else. The prefix and suffix
 * are context in the prompt, not output: an engine writes only the fill (as FIM models do), and the
 * validator checks prefix + fill + suffix together.
 */
export function hole(language: Language, prefix: string, suffix: string, constraints: CodeConstraints = {}): GrammarResult {
  const { plan, code, depth, warnings } = prepare(language, constraints);
  warnings.push(...fixedTextWarnings(plan, prefix + suffix, 'the text around the hole'));
  warnings.push('hole: forbidden patterns are checked inside the fill, not across its edges with the text around it (the validator checks the whole)');
  const builder = new GrammarBuilder('root');
  builder.rule('root', ref(addCodeRules(builder, code, 0, depth)));
  return result(builder, warnings, plan);
}
