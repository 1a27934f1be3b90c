import type { Node } from 'web-tree-sitter';
import type { HoleFact } from '../../facts.js';
import { LIMITS } from '../../../limits.js';
import { rangeOf } from '../../ranges.js';
import { commentMarker, firstLine } from '../common.js';
import { classesOf } from './classes.js';
import type { Found, PythonFile } from './file.js';
import { functionsOf } from './signatures.js';
import { decoratorNames, docstringOf, enclosingFunction, owningClass, statementsOf } from './syntax.js';

/** Decorators that make a body-less function a declaration rather than a hole. */
const DECLARING_DECORATORS = new Set(['abstractmethod', 'overload', 'abstractproperty']);

/**
 * `...`, `pass` and `raise NotImplementedError` are declarations, not holes, in .pyi stubs, in
 * Protocol classes, and in @abstractmethod / @overload functions: those bodies are never filled in.
 */
function isDeclarationOnly(file: PythonFile, definition: Node): boolean {
  if (file.isStub) return true;
  if (decoratorNames(definition).some((name) => DECLARING_DECORATORS.has(name))) return true;
  const owner = owningClass(definition);
  return !!owner && classesOf(file).some((info) => info.node.id === owner.id && info.category === 'protocol');
}

/** The statement is the whole body, a docstring aside. */
function isWholeBody(statement: Node, definition: Node): boolean {
  const body = definition.childForFieldName('body');
  const statements = statementsOf(body);
  const rest = docstringOf(body) !== undefined ? statements.slice(1) : statements;
  return rest.length === 1 && rest[0]!.id === statement.id;
}

function markerOf(found: Found, definition: Node | undefined, file: PythonFile): HoleFact['marker'] | undefined {
  if (found.capture === 'comment') return commentMarker(found.node.text);
  if (!definition || isDeclarationOnly(file, definition)) return undefined;
  if (found.capture === 'not_implemented') return 'not_implemented';
  return isWholeBody(found.node, definition) ? (found.capture as HoleFact['marker']) : undefined;
}

export function holeFacts(file: PythonFile): HoleFact[] {
  const functions = functionsOf(file);
  const holes = file.found('holes').flatMap((found): HoleFact[] => {
    const definition = enclosingFunction(found.node);
    const marker = markerOf(found, definition, file);
    if (!marker) return [];
    const enclosing = definition ? functions.get(definition.id)?.payload : undefined;
    return [{ range: rangeOf(found.node), rule: found.rule, marker, text: firstLine(found.node), ...(enclosing ? { enclosing } : {}) }];
  });
  return holes.slice(0, LIMITS.maxFindingsPerFile);
}
