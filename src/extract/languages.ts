import { LANGUAGES, type Language } from '../constraints/schema.js';

/** The tree-sitter grammar each language is parsed with (TSX has its own; JS has its own). */
export const GRAMMARS = ['typescript', 'tsx', 'javascript', 'python', 'go', 'rust', 'java'] as const;
export type GrammarName = (typeof GRAMMARS)[number];

export const GRAMMAR_OF: Record<Language, GrammarName> = {
  typescript: 'typescript', tsx: 'tsx', javascript: 'javascript', python: 'python', go: 'go', rust: 'rust', java: 'java',
};

const EXTENSIONS: Record<string, Language> = {
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascript',
  '.py': 'python', '.pyi': 'python',
  '.go': 'go',
  '.rs': 'rust',
  '.java': 'java',
};

const ALIASES: Record<string, Language> = {
  ts: 'typescript', typescript: 'typescript', tsx: 'tsx', js: 'javascript', jsx: 'javascript',
  javascript: 'javascript', node: 'javascript', py: 'python', python: 'python', python3: 'python',
  go: 'go', golang: 'go', rs: 'rust', rust: 'rust', java: 'java',
};

export const SUPPORTED_LANGUAGES: readonly Language[] = LANGUAGES;

/** The usual extension of each language, for names given to text that came without a path. */
export const DEFAULT_EXTENSION: Record<Language, string> = { typescript: 'ts', tsx: 'tsx', javascript: 'js', python: 'py', go: 'go', rust: 'rs', java: 'java' };
export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSIONS);

/** Language for a name or common alias ("ts", "golang"), case-insensitive; undefined when unknown. */
export function languageFromName(name: string): Language | undefined {
  return ALIASES[name.trim().toLowerCase()];
}

/** Language detected from a path's extension; undefined when the extension is not supported. */
export function languageFromPath(path: string): Language | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? undefined : EXTENSIONS[base.slice(dot)];
}

/** True for files that are tests by the naming rules of their language. */
export function isTestPath(path: string, language: Language): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  switch (language) {
    case 'typescript': case 'tsx': case 'javascript':
      return /\.(test|spec)\.[cm]?[jt]sx?$/.test(base) || /(^|\/)__tests__\//.test(path);
    case 'python':
      return /^test_.*\.py$/.test(base) || /_test\.py$/.test(base) || base === 'conftest.py';
    case 'go':
      return base.endsWith('_test.go');
    case 'rust':
      return /(^|\/)tests\//.test(path);
    case 'java':
      return /(Test|Tests|IT)\.java$/.test(base) || /(^|\/)src\/test\//.test(path);
  }
}
