import type { ErrorFact, FileContext } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { ruleMatches, type RuleMatch } from '../common.js';

/** Exceptions and errors in java.lang, which throw_custom_error counts as built-in. */
const BUILT_IN = new Set([
  'Throwable', 'Exception', 'RuntimeException', 'Error', 'IllegalArgumentException', 'IllegalStateException',
  'NullPointerException', 'UnsupportedOperationException', 'IndexOutOfBoundsException', 'ArrayIndexOutOfBoundsException',
  'StringIndexOutOfBoundsException', 'ArithmeticException', 'ClassCastException', 'NumberFormatException',
  'SecurityException', 'InterruptedException', 'CloneNotSupportedException', 'ReflectiveOperationException',
  'ClassNotFoundException', 'NegativeArraySizeException', 'ArrayStoreException', 'AssertionError', 'IllegalMonitorStateException',
]);

/**
 * custom_error_class: classes extending an exception type. throw_custom_error: each `throw new X`,
 * following it when X is not a java.lang exception. checked_exceptions: each method or constructor
 * with a `throws` clause.
 */
function errorFact(match: RuleMatch): ErrorFact | undefined {
  const located = { range: rangeOf(match.node), rule: match.rule };
  switch (match.capture) {
    case 'custom_exception':
      return { habit: 'custom_error_class', conforming: true, name: match.parts.get('_name')!.text, ...located };
    case 'throw_new': {
      const name = match.parts.get('_type')!.text.replace(/^java\.lang\./, '').replace(/<.*$/, '');
      const custom = !BUILT_IN.has(name);
      return { habit: 'throw_custom_error', conforming: custom, ...(custom ? { name } : {}), ...located };
    }
    case 'throws_clause':
      return { habit: 'checked_exceptions', conforming: true, ...located };
    default:
      return undefined;
  }
}

export function javaErrors(context: FileContext): ErrorFact[] {
  return ruleMatches(context, 'java/errors').flatMap((match) => errorFact(match) ?? []);
}
