import type { Node } from 'web-tree-sitter';
import type { SecurityFact } from '../../facts.js';
import { LIMITS } from '../../../limits.js';
import { rangeOf } from '../../ranges.js';
import { looksLikeHardcodedSecret } from '../../secrets.js';
import { capturesOf, firstLine, unquote } from '../common.js';
import type { Found, PythonFile } from './file.js';

/** Security rule id (security-catalog.ts) for each main capture of security.scm. */
const RULE_IDS: Record<string, string> = {
  eval: 'eval', exec: 'exec_python', pickle_loads: 'pickle_loads', subprocess_shell: 'subprocess_shell',
  os_system: 'subprocess_shell', yaml_load: 'yaml_unsafe_load', yaml_unsafe_load: 'yaml_unsafe_load',
  sql_fstring: 'sql_concat', sql_percent: 'sql_concat', sql_format: 'sql_concat', sql_concat: 'sql_concat',
  sql_execute: 'sql_concat', hardcoded_secret: 'hardcoded_secret',
};

const SQL_START = /^\s*(SELECT|INSERT|UPDATE|DELETE)\b/i;

function isSqlText(node: Node | null | undefined): boolean {
  return node?.type === 'string' && SQL_START.test(unquote(node.text));
}

function isPlainString(node: Node): boolean {
  return node.type === 'string' && !node.namedChildren.some((child) => child?.type === 'interpolation');
}

function isPlus(node: Node | null | undefined): node is Node {
  return node?.type === 'binary_operator' && node.childForFieldName('operator')?.text === '+';
}

/** Operands of a chain a + b + c, left to right. */
function plusOperands(node: Node): Node[] {
  if (!isPlus(node)) return [node];
  return [node.childForFieldName('left'), node.childForFieldName('right')].flatMap((operand) => (operand ? plusOperands(operand) : []));
}

/** "SELECT ..." + x: the outermost + of a chain that starts with SQL text and adds something that is not a literal. */
function isSqlConcatenation(node: Node): boolean {
  if (isPlus(node.parent)) return false;
  const operands = plusOperands(node);
  return isSqlText(operands[0]) && operands.some((operand) => !isPlainString(operand));
}

/** The argument of cursor.execute(...) when it is built from pieces rather than passed parameters. */
function dynamicQuery(found: Found): Node | undefined {
  const query = capturesOf(found.match).get('sql.query');
  if (!query) return undefined;
  const built = (query.type === 'string' && !isPlainString(query))
    || (query.type === 'binary_operator' && ['%', '+'].includes(query.childForFieldName('operator')?.text ?? ''))
    || (query.type === 'call' && query.childForFieldName('function')?.childForFieldName('attribute')?.text === 'format');
  return built ? query : undefined;
}

function isSecret(found: Found): boolean {
  const captures = capturesOf(found.match);
  const name = captures.get('secret.name');
  const value = captures.get('secret.value');
  if (!name || !value || !isPlainString(value)) return false;
  const nameText = name.type === 'string' ? unquote(name.text) : name.text;
  return looksLikeHardcodedSecret(nameText, unquote(value.text));
}

/** The node a finding points at, or undefined when the match is not a finding after all. */
function offendingNode(found: Found): Node | undefined {
  switch (found.capture) {
    case 'sql_fstring': return isSqlText(found.node) ? found.node : undefined;
    case 'sql_percent': return isSqlText(found.node.childForFieldName('left')) ? found.node : undefined;
    case 'sql_format': return isSqlText(found.node.childForFieldName('function')?.childForFieldName('object')) ? found.node : undefined;
    case 'sql_concat': return isSqlConcatenation(found.node) ? found.node : undefined;
    case 'sql_execute': return dynamicQuery(found);
    case 'hardcoded_secret': return isSecret(found) ? found.node : undefined;
    default: return found.node;
  }
}

/** One finding per offending node, in source order, at most LIMITS.maxFindingsPerFile. */
export function securityFacts(file: PythonFile): SecurityFact[] {
  const seen = new Set<string>();
  const facts = file.found('security').flatMap((found) => {
    const node = offendingNode(found);
    const id = RULE_IDS[found.capture];
    const key = `${id}:${node?.id}`;
    if (!node || !id || seen.has(key)) return [];
    seen.add(key);
    return [{ node, fact: { range: rangeOf(node), rule: found.rule, id, snippet: firstLine(node) } }];
  });
  facts.sort((a, b) => a.node.startIndex - b.node.startIndex || a.node.endIndex - b.node.endIndex);
  return facts.slice(0, LIMITS.maxFindingsPerFile).map((item) => item.fact);
}
