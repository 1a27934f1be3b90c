import type { ImportPayload } from '../../../constraints/schema.js';
import type { FileContext, ImportFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { ruleMatches, unquote } from '../common.js';

/** Top-level directories of the Go standard library (the first element of every std import path). */
const STDLIB = new Set([
  'archive', 'bufio', 'bytes', 'cmp', 'compress', 'container', 'context', 'crypto', 'database', 'debug', 'embed',
  'encoding', 'errors', 'expvar', 'flag', 'fmt', 'go', 'hash', 'html', 'image', 'index', 'io', 'iter', 'log', 'maps',
  'math', 'mime', 'net', 'os', 'path', 'plugin', 'reflect', 'regexp', 'runtime', 'slices', 'sort', 'strconv',
  'strings', 'sync', 'syscall', 'testing', 'text', 'time', 'unicode', 'unique', 'unsafe',
]);

export function goImportOrigin(path: string): ImportPayload['origin'] {
  if (path.startsWith('./') || path.startsWith('../')) return 'relative';
  return STDLIB.has(path.split('/')[0]!) ? 'stdlib' : 'package';
}

/** The name a package is used by: its alias, or the last path element without a major-version suffix. */
function bindingName(path: string, alias: string | undefined): string {
  if (alias) return alias;
  const elements = path.split('/');
  const last = elements.length > 1 && /^v\d+$/.test(elements.at(-1)!) ? elements.at(-2)! : elements.at(-1)!;
  return last.replace(/\.v\d+$/, '').replace(/^go-/, '');
}

export function goImports(context: FileContext): ImportFact[] {
  return ruleMatches(context, 'go/imports').map(({ rule, node, parts }) => {
    const module = unquote(parts.get('_path')!.text);
    const alias = node.childForFieldName('name')?.text;
    return { module, origin: goImportOrigin(module), names: [bindingName(module, alias)], range: rangeOf(node), rule };
  });
}
