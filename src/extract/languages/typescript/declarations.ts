import type { Node } from 'web-tree-sitter';
import type { NamingTarget } from '../../../constraints/schema.js';
import type { DeclarationFact } from '../../facts.js';
import { byPosition } from '../common.js';
import { located, perFile, type FileScan, type RuleMatch } from './scan.js';
import { signaturesOf } from './signatures.js';
import { isLiteralExpression, isModuleLevel } from './syntax.js';
import { testCases } from './tests.js';
import { zodShapes } from './zod.js';

/** Names the language forces or that say nothing about a convention. */
const FORCED_NAMES = new Set(['constructor', '_', 'this']);

const componentFunctions = perFile((scan: FileScan): ReadonlySet<number> =>
  new Set(signaturesOf(scan).filter((item) => item.payload.kind === 'component').map((item) => item.fn.id)),
);

const zodDeclarators = perFile((scan: FileScan): ReadonlySet<number> => new Set(zodShapes(scan).map((shape) => shape.declarator.id)));

const UPPER_CASE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/**
 * What a variable declares: a function (arrow or function expression), a type (a zod schema),
 * a constant (module-level `const` written as a literal, or named in upper case) or a plain
 * variable. Components are skipped: JSX forces their names to start with a capital.
 */
function variableTarget(scan: FileScan, declarator: Node): NamingTarget | undefined {
  const value = declarator.childForFieldName('value');
  if (value?.type === 'arrow_function' || value?.type === 'function_expression') {
    return componentFunctions(scan).has(value.id) ? undefined : 'function';
  }
  if (zodDeclarators(scan).has(declarator.id)) return 'type';
  const statement = declarator.parent;
  const isConst = statement?.type === 'lexical_declaration' && statement.childForFieldName('kind')?.text === 'const';
  if (!isConst || !isModuleLevel(statement)) return 'variable';
  const name = declarator.childForFieldName('name')?.text ?? '';
  return (value && isLiteralExpression(value)) || UPPER_CASE.test(name) ? 'constant' : 'variable';
}

function targetOf(scan: FileScan, match: RuleMatch): NamingTarget | undefined {
  switch (match.capture) {
    case 'function': return componentFunctions(scan).has(match.node.id) ? undefined : 'function';
    case 'variable': return variableTarget(scan, match.node);
    case 'method': case 'class': case 'type': case 'parameter': return match.capture;
    default: return undefined;
  }
}

function declarationOf(scan: FileScan, match: RuleMatch): DeclarationFact | undefined {
  const nameNode = match.parts.get('_name');
  const name = nameNode?.text.replace(/^#/, '');
  if (!nameNode || !name || FORCED_NAMES.has(name)) return undefined;
  const target = targetOf(scan, match);
  return target ? { name, target, ...located(match, nameNode) } : undefined;
}

/** Every declared name with its naming target, test names included. */
export function declarationFacts(scan: FileScan): DeclarationFact[] {
  const declared = scan.matches('declarations').flatMap((match) => declarationOf(scan, match) ?? []);
  const tests = testCases(scan).map((test): DeclarationFact => ({ name: test.name, target: 'test', range: test.nameRange, rule: test.fact.rule }));
  return byPosition([...declared, ...tests]);
}
