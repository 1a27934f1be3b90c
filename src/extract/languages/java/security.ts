import type { Node } from 'web-tree-sitter';
import type { FileContext, SecurityFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { looksLikeHardcodedSecret } from '../../secrets.js';
import { firstLine, ruleMatches, unquote, type RuleMatch } from '../common.js';

const RULE_OF_CAPTURE: Record<string, string> = {
  runtime_exec: 'java_runtime_exec',
  process_builder_shell: 'java_runtime_exec',
  object_input_stream: 'java_deserialization',
  read_object: 'java_deserialization',
};
const SQL = /^\s*(SELECT|INSERT|UPDATE|DELETE)\b/i;

function finding(id: string, node: Node, rule: string): SecurityFact {
  return { id, snippet: firstLine(node), range: rangeOf(node), rule };
}

/** `"SELECT ... " + id`: a + concatenation whose leftmost string starts with SQL. */
function isConcatenatedSql(expression: Node): boolean {
  if (expression.childForFieldName('operator')?.text !== '+') return false;
  const literal = expression.descendantsOfType('string_literal')[0];
  return literal !== undefined && SQL.test(unquote(literal.text));
}

function securityFact(match: RuleMatch): SecurityFact | undefined {
  const id = RULE_OF_CAPTURE[match.capture];
  if (id) return finding(id, match.node, match.rule);
  if (match.capture === 'sql_concat') return isConcatenatedSql(match.parts.get('_query')!) ? finding('sql_concat', match.node, match.rule) : undefined;
  const secret = looksLikeHardcodedSecret(match.parts.get('_name')!.text, unquote(match.parts.get('_value')!.text));
  return secret ? finding('hardcoded_secret', match.node, match.rule) : undefined;
}

export function javaSecurity(context: FileContext): SecurityFact[] {
  return ruleMatches(context, 'java/security').flatMap((match) => securityFact(match) ?? []);
}
