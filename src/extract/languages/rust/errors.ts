import type { Node } from 'web-tree-sitter';
import type { ErrorFact, FileContext } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { ruleMatches, type RuleMatch } from '../common.js';
import { isTestCode, itemAfter } from './attributes.js';
import { typeName } from './signatures.js';

/** The struct or enum a #[derive(Error)] sits on, with its name. */
function derivedError(attribute: Node): { item: Node; name: string } | undefined {
  const item = itemAfter(attribute);
  const name = item?.childForFieldName('name')?.text;
  return item && name && (item.type === 'struct_item' || item.type === 'enum_item') ? { item, name } : undefined;
}

function customError(match: RuleMatch): ErrorFact | undefined {
  if (match.capture === 'derive_error') {
    const derived = derivedError(match.node);
    return derived ? { habit: 'custom_error_class', conforming: true, name: derived.name, range: rangeOf(derived.item), rule: match.rule } : undefined;
  }
  const name = typeName(match.parts.get('_type')!);
  return name ? { habit: 'custom_error_class', conforming: true, name, range: rangeOf(match.node), rule: match.rule } : undefined;
}

/**
 * result_return: each fn returning Result. question_mark_propagation: each `?` follows it, each
 * .unwrap() / .expect() does not; test code is left out, where unwrap is the idiom.
 * custom_error_class: types deriving Error or implementing std::error::Error.
 */
function errorFact(match: RuleMatch, context: FileContext): ErrorFact | undefined {
  const located = { range: rangeOf(match.node), rule: match.rule };
  switch (match.capture) {
    case 'result_return':
      return { habit: 'result_return', conforming: true, ...located };
    case 'question_mark':
    case 'unwrap':
      if (isTestCode(match.node, context)) return undefined;
      return { habit: 'question_mark_propagation', conforming: match.capture === 'question_mark', ...located };
    default:
      return customError(match);
  }
}

export function rustErrors(context: FileContext): ErrorFact[] {
  return ruleMatches(context, 'rust/errors').flatMap((match) => errorFact(match, context) ?? []);
}
