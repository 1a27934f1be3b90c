// What determines the compiler's output, found from its source: the import closure of
// src/compile/compile.ts (every module it loads at run time, transitively) and the versions of the
// npm packages that closure imports. Hashed into COMPILER_VERSION by scripts/gen-compiler-version.ts.
// Node only (build time): the Workers read the generated module, never the file system.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '..');
/** The compiler's entry: everything it imports at run time is part of the compiler. */
export const COMPILER_ENTRY = 'src/compile/compile.ts';
/** The generated module: imported by the entry, never part of its own hash. */
export const VERSION_MODULE = 'src/compile/compiler-version.generated.ts';

export interface CompilerInputs {
  /** Repository-relative paths, sorted, with the sha256 of each file's text (line endings normalised). */
  files: { path: string; sha256: string }[];
  /** npm packages the closure imports, with their installed versions, sorted. */
  dependencies: { name: string; version: string }[];
  /** package.json's version: the readable part of COMPILER_VERSION. */
  base: string;
  /** `<base>+<first 12 hex of the sha256 over files and dependencies>`. */
  version: string;
}

const toPosix = (path: string): string => path.split(sep).join('/');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Module specifiers a file loads at run time: `import type` / `export type` are erased, so left out. */
function runtimeSpecifiers(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.importClause?.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (!argument || !ts.isStringLiteralLike(argument)) throw new Error(`${path}: a dynamic import() with a computed specifier cannot be followed; use a string literal`);
      found.push(argument.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      if (!node.isTypeOnly) found.push(node.moduleReference.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A relative specifier as the bundler resolves it (`./x.js` is `./x.ts`), repository-relative. */
function resolveRelative(from: string, specifier: string): string {
  const base = resolve(ROOT, dirname(from), specifier);
  const stem = base.replace(/\.(m|c)?js$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, join(base, 'index.ts')];
  const hit = candidates.find((candidate) => existsSync(candidate) && !candidate.endsWith(sep));
  if (!hit) throw new Error(`${from}: cannot resolve "${specifier}"`);
  return toPosix(relative(ROOT, hit));
}

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function installedVersion(name: string): string {
  const manifest = join(ROOT, 'node_modules', name, 'package.json');
  if (!existsSync(manifest)) throw new Error(`the compiler imports "${name}", which is not installed: run npm ci`);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Walks the import closure of the compiler entry and hashes it. */
export function compilerInputs(): CompilerInputs {
  const files = new Map<string, string>();
  const packages = new Set<string>();
  const pending = [COMPILER_ENTRY];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (files.has(path) || path === VERSION_MODULE) continue;
    const text = readFileSync(join(ROOT, path), 'utf8').replace(/\r\n/g, '\n');
    files.set(path, sha256(text));
    if (!/\.(m|c)?tsx?$/.test(path)) continue;
    for (const specifier of runtimeSpecifiers(path, text)) {
      if (specifier.startsWith('node:')) continue;
      if (specifier.startsWith('.')) pending.push(resolveRelative(path, specifier));
      else packages.add(packageName(specifier));
    }
  }
  const sortedFiles = [...files].map(([path, hash]) => ({ path, sha256: hash })).sort((a, b) => (a.path < b.path ? -1 : 1));
  const dependencies = [...packages].sort().map((name) => ({ name, version: installedVersion(name) }));
  const base = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const digest = sha256([...sortedFiles.map((file) => `file ${file.path} ${file.sha256}`), ...dependencies.map((dep) => `dep ${dep.name}@${dep.version}`)].join('\n'));
  return { files: sortedFiles, dependencies, base, version: `${base}+${digest.slice(0, 12)}` };
}

/** The generated module's text for these inputs. */
export function renderVersionModule(inputs: CompilerInputs): string {
  return [
    '// Generated by scripts/gen-compiler-version.ts (`npm run compiler-version:gen`). Do not edit.',
    `// The sha256 of the ${inputs.files.length} source files in the import closure of ${COMPILER_ENTRY}`,
    `// and of the packages it imports (${inputs.dependencies.map((dep) => `${dep.name}@${dep.version}`).join(', ')}).`,
    '/** Part of every IR id: changes whenever anything that can change the compiler\'s output changes. */',
    `export const COMPILER_VERSION = '${inputs.version}';`,
    '',
  ].join('\n');
}
