import type { Node } from 'web-tree-sitter';
import type { ErrorFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { capturesOf } from '../common.js';
import { exceptionClassNames } from './classes.js';
import type { Found, PythonFile } from './file.js';
import { BUILTIN_EXCEPTIONS } from './names.js';
import { lastName } from './syntax.js';

const SCOPE_BOUNDARIES = new Set(['function_definition', 'lambda', 'class_definition']);

function hasExceptClause(tryStatement: Node): boolean {
  return tryStatement.namedChildren.some((child) => child?.type === 'except_clause' || child?.type === 'except_group_clause');
}

/** True when the node runs inside the body of a try that has an except clause, in the same function. */
export function isInsideTryBody(node: Node): boolean {
  for (let current = node; current.parent && !SCOPE_BOUNDARIES.has(current.type); current = current.parent) {
    const parent = current.parent;
    if (parent.type === 'try_statement' && parent.childForFieldName('body')?.id === current.id && hasExceptClause(parent)) return true;
  }
  return false;
}

function awaitFact(found: Found): ErrorFact {
  return { range: rangeOf(found.node), rule: found.rule, habit: 'await_in_try', conforming: isInsideTryBody(found.node) };
}

function errorClassFact(found: Found, exceptions: ReadonlySet<string>): ErrorFact[] {
  const name = found.node.childForFieldName('name')?.text ?? '';
  return exceptions.has(name) ? [{ range: rangeOf(found.node), rule: found.rule, habit: 'custom_error_class', conforming: true, name }] : [];
}

/** `raise X(...)` or `raise X` with a class-like X; `raise error` re-raises a variable and is not counted. */
function raiseFact(found: Found): ErrorFact[] {
  const type = capturesOf(found.match).get('raise.type')!;
  const isCall = type.parent?.type === 'call';
  const name = lastName(type) ?? '';
  if (!isCall && !/^[A-Z]/.test(name)) return [];
  const custom = !BUILTIN_EXCEPTIONS.has(name);
  const fact: ErrorFact = { range: rangeOf(found.node), rule: found.rule, habit: 'throw_custom_error', conforming: custom };
  return [custom ? { ...fact, name: type.text.replace(/\s+/g, '') } : fact];
}

export function errorFacts(file: PythonFile): ErrorFact[] {
  const exceptions = exceptionClassNames(file);
  return file.found('errors').flatMap((found) => {
    if (found.capture === 'await') return [awaitFact(found)];
    if (found.capture === 'error_class') return errorClassFact(found, exceptions);
    return raiseFact(found);
  });
}
