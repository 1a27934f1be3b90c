import type { Node } from 'web-tree-sitter';
import type { NamingTarget } from '../../../constraints/schema.js';
import type { DeclarationFact, FileContext } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { ruleMatches } from '../common.js';
import { isTestFunction } from './tests.js';

const TARGET_OF_RULE: Record<string, NamingTarget> = {
  function: 'function', method: 'method', type: 'type', type_alias: 'type', constant: 'constant', variable: 'variable',
  short_variable: 'variable', parameter: 'parameter', variadic_parameter: 'parameter',
};

/** Names the language or toolchain forces. */
const FORCED = new Set(['_', 'main', 'init']);

function isReceiver(parameter: Node): boolean {
  const list = parameter.parent;
  const method = list?.parent;
  return method?.type === 'method_declaration' && method.childForFieldName('receiver')?.equals(list!) === true;
}

function targetOf(capture: string, node: Node): NamingTarget | undefined {
  if (capture === 'function' && isTestFunction(node)) return 'test';
  if (capture === 'parameter' && isReceiver(node)) return undefined;
  return TARGET_OF_RULE[capture];
}

/** Every declared name with its naming target; receivers and forced names are left out. */
export function goDeclarations(context: FileContext): DeclarationFact[] {
  return ruleMatches(context, 'go/declarations').flatMap(({ rule, capture, node, parts }) => {
    const name = parts.get('_name')!;
    const target = targetOf(capture, node);
    if (!target || FORCED.has(name.text)) return [];
    return [{ name: name.text, target, range: rangeOf(name), rule }];
  });
}
