import type { Node } from 'web-tree-sitter';
import type { NamingTarget } from '../../../constraints/schema.js';
import type { DeclarationFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { classesOf } from './classes.js';
import type { Found, PythonFile } from './file.js';
import { FORCED_NAMES, isDunder } from './names.js';
import { enclosingScope, lastName, owningClass } from './syntax.js';
import { testFunctionsOf } from './tests.js';

const TYPE_FACTORIES = new Set(['TypeVar', 'NewType', 'ParamSpec', 'TypeVarTuple']);

function functionTarget(definition: Node, file: PythonFile): NamingTarget {
  if (testFunctionsOf(file).has(definition.id)) return 'test';
  return owningClass(definition) ? 'method' : 'function';
}

function enumClassIds(file: PythonFile): Set<number> {
  return file.derived('enumClassIds', () => new Set(classesOf(file).filter((info) => info.category === 'enum').map((info) => info.node.id)));
}

/** Module and class level: Final annotations, UPPER_CASE names and enum members are constants. */
function variableTarget(name: Node, scope: Node | undefined, file: PythonFile): NamingTarget {
  const assignment = name.parent?.type === 'assignment' ? name.parent : name.parent?.parent;
  const annotation = assignment?.childForFieldName('type');
  const right = assignment?.childForFieldName('right');
  if (annotation && lastName(annotation) === 'TypeAlias') return 'type';
  if (right?.type === 'call' && TYPE_FACTORIES.has(lastName(right) ?? '')) return 'type';
  if (scope?.type === 'function_definition' || scope?.type === 'lambda') return 'variable';
  if (annotation && lastName(annotation) === 'Final') return 'constant';
  if (scope && enumClassIds(file).has(scope.id)) return 'constant';
  return /^_*[A-Z][A-Z0-9_]*$/.test(name.text) ? 'constant' : 'variable';
}

function targetOf(found: Found, file: PythonFile): NamingTarget {
  switch (found.capture) {
    case 'function': return functionTarget(found.node.parent!, file);
    case 'class': return 'class';
    case 'type_alias': return 'type';
    default: return 'parameter';
  }
}

/** Each declared name once (variables once per scope); names Python or a framework imposes are left out. */
export function declarationFacts(file: PythonFile): DeclarationFact[] {
  const seen = new Set<string>();
  return file.found('declarations').flatMap((found) => {
    const name = found.node.text;
    if (FORCED_NAMES.has(name) || isDunder(name)) return [];
    const fact = { range: rangeOf(found.node), rule: found.rule, name };
    if (found.capture !== 'variable') return [{ ...fact, target: targetOf(found, file) }];
    const scope = enclosingScope(found.node);
    const target = variableTarget(found.node, scope, file);
    const key = `${scope?.id ?? 0}:${target}:${name}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ ...fact, target }];
  });
}
