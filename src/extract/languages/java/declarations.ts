import type { Node } from 'web-tree-sitter';
import type { NamingTarget } from '../../../constraints/schema.js';
import type { DeclarationFact, FileContext } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { ruleMatches } from '../common.js';
import { annotationsOf, hasModifier } from './syntax.js';
import { TEST_ANNOTATIONS } from './tests.js';

const TARGET_OF_RULE: Record<string, NamingTarget> = {
  class: 'class', interface: 'class', enum: 'class', record: 'class', annotation_type: 'class', interface_constant: 'constant',
  enum_constant: 'constant', local_variable: 'variable', parameter: 'parameter', spread_parameter: 'parameter', catch_parameter: 'parameter',
};

function isTestMethod(method: Node): boolean {
  return annotationsOf(method).some((annotation) => TEST_ANNOTATIONS.has(annotation.childForFieldName('name')?.text ?? ''));
}

function targetOf(capture: string, node: Node): NamingTarget | undefined {
  if (capture === 'method') return isTestMethod(node) ? 'test' : 'method';
  // static final fields are constants; instance fields and mutable statics are variables.
  if (capture === 'field') return hasModifier(node, 'static') && hasModifier(node, 'final') ? 'constant' : 'variable';
  return TARGET_OF_RULE[capture];
}

/** Every declared name with its naming target; constructors (named by their class) and `_` are left out. */
export function javaDeclarations(context: FileContext): DeclarationFact[] {
  return ruleMatches(context, 'java/declarations').flatMap(({ rule, capture, node, parts }) => {
    const name = parts.get('_name')!;
    const target = targetOf(capture, node);
    if (!target || name.text === '_') return [];
    return [{ name: name.text, target, range: rangeOf(name), rule }];
  });
}
