import type { Node } from 'web-tree-sitter';
import type { ErrorFact } from '../../facts.js';
import { byPosition } from '../common.js';
import { located, type FileScan, type RuleMatch } from './scan.js';
import { exportWrapper, FUNCTION_NODES } from './syntax.js';

const BUILTIN_ERRORS = new Set([
  'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError', 'DOMException',
]);

/** Whether an `await` sits in the `try` block of a try statement that catches, within its own function. */
function awaitIsCaught(node: Node): boolean {
  let child = node;
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (FUNCTION_NODES.has(parent.type)) return false;
    if (parent.type === 'try_statement' && parent.childForFieldName('body')?.id === child.id && parent.childForFieldName('handler')) return true;
    child = parent;
  }
  return false;
}

/** Classes that extend a built-in error, or (transitively) another such class in the file. */
function customErrorClasses(matches: RuleMatch[]): Set<string> {
  const classes = matches.filter((match) => match.capture === 'error_class');
  const custom = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const match of classes) {
      const name = match.parts.get('_name')?.text;
      const base = match.parts.get('_base')?.text;
      if (!name || !base || custom.has(name)) continue;
      if (BUILTIN_ERRORS.has(base) || custom.has(base)) {
        custom.add(name);
        grew = true;
      }
    }
  }
  return custom;
}

function errorFact(match: RuleMatch, customErrors: ReadonlySet<string>): ErrorFact | undefined {
  switch (match.capture) {
    case 'await':
      return { habit: 'await_in_try', conforming: awaitIsCaught(match.node), ...located(match) };
    case 'error_class': {
      const name = match.parts.get('_name')?.text;
      return name && customErrors.has(name) ? { habit: 'custom_error_class', conforming: true, name, ...located(match, exportWrapper(match.node) ?? match.node) } : undefined;
    }
    case 'throw_new': {
      const name = match.parts.get('_constructor')?.text;
      if (!name) return undefined;
      const custom = !BUILTIN_ERRORS.has(name);
      return { habit: 'throw_custom_error', conforming: custom, ...(custom ? { name } : {}), ...located(match) };
    }
    default:
      return undefined;
  }
}

/** Observations of await_in_try, custom_error_class and throw_custom_error. */
export function errorFacts(scan: FileScan): ErrorFact[] {
  const matches = scan.matches('errors');
  const customErrors = customErrorClasses(matches);
  return byPosition(matches.flatMap((match) => errorFact(match, customErrors) ?? []));
}
