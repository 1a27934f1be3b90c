import type { Node } from 'web-tree-sitter';
import type { FileContext, SecurityFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { looksLikeHardcodedSecret } from '../../secrets.js';
import { distinctMatches, firstLine, ruleMatches, unquote, type RuleMatch } from '../common.js';

const SQL = /^\s*(SELECT|INSERT|UPDATE|DELETE)\b/i;
const STRING_TYPES = new Set(['interpreted_string_literal', 'raw_string_literal']);

function finding(id: string, node: Node, rule: string): SecurityFact {
  return { id, snippet: firstLine(node), range: rangeOf(node), rule };
}

function startsWithSql(node: Node | null | undefined): boolean {
  return node !== null && node !== undefined && STRING_TYPES.has(node.type) && SQL.test(unquote(node.text));
}

/** SQL text glued with `+` or formatted with fmt.Sprintf. */
function isBuiltSql(argument: Node): boolean {
  if (argument.type === 'binary_expression' && argument.childForFieldName('operator')?.text === '+') {
    return argument.descendantsOfType([...STRING_TYPES]).some(startsWithSql);
  }
  if (argument.type === 'call_expression' && argument.childForFieldName('function')?.text === 'fmt.Sprintf') {
    return startsWithSql(argument.childForFieldName('arguments')?.namedChildren[0]);
  }
  return false;
}

/** Name/value pairs of a spec or assignment whose values include string literals. */
function boundStrings(node: Node): [Node, Node][] {
  const names = node.type === 'const_spec' || node.type === 'var_spec'
    ? node.childrenForFieldName('name')
    : node.childForFieldName('left')?.namedChildren ?? [];
  const values = (node.childForFieldName(node.type.endsWith('_spec') ? 'value' : 'right')?.namedChildren ?? []);
  return names.flatMap((name, index) => {
    const value = values[index];
    return value && STRING_TYPES.has(value.type) ? [[name, value] as [Node, Node]] : [];
  });
}

/** The last identifier of a name: `cfg.APIKey` gives "APIKey". */
function bareName(name: Node): string {
  return name.type === 'selector_expression' ? name.childForFieldName('field')?.text ?? name.text : name.text;
}

function secretFindings(match: RuleMatch): SecurityFact[] {
  const pairs: [Node, Node][] = match.capture === 'secret_field' ? [[match.parts.get('_name')!, match.parts.get('_value')!]] : boundStrings(match.node);
  const secret = pairs.some(([name, value]) => looksLikeHardcodedSecret(bareName(name), unquote(value.text)));
  return secret ? [finding('hardcoded_secret', match.node, match.rule)] : [];
}

function securityFindings(match: RuleMatch): SecurityFact[] {
  if (match.capture === 'shell_command') return [finding('go_exec_command', match.node, match.rule)];
  if (match.capture === 'sql_call') {
    const built = match.node.childForFieldName('arguments')?.namedChildren.some(isBuiltSql) ?? false;
    return built ? [finding('sql_concat', match.node, match.rule)] : [];
  }
  return secretFindings(match);
}

export function goSecurity(context: FileContext): SecurityFact[] {
  return distinctMatches(ruleMatches(context, 'go/security')).flatMap(securityFindings);
}
