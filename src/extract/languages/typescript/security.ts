import type { Node } from 'web-tree-sitter';
import { LIMITS } from '../../../limits.js';
import type { SecurityFact } from '../../facts.js';
import { looksLikeHardcodedSecret } from '../../secrets.js';
import { byPosition, firstLine, unquote } from '../common.js';
import { bindingsFrom } from './imports.js';
import { located, type FileScan, type RuleMatch } from './scan.js';
import { stringValue } from './syntax.js';

/** Security rule id (src/extract/security-catalog.ts) of each pattern in security.scm. */
const RULE_OF_PATTERN: Record<string, string> = {
  eval: 'eval',
  new_function: 'new_function',
  child_process_import: 'child_process',
  child_process_require: 'child_process',
  child_process_call: 'child_process',
  inner_html: 'inner_html',
  document_write: 'inner_html',
  dangerously_set_inner_html: 'inner_html',
  sql_template: 'sql_concat',
  sql_concat: 'sql_concat',
  secret_variable: 'hardcoded_secret',
  secret_property: 'hardcoded_secret',
  secret_field: 'hardcoded_secret',
  secret_assignment: 'hardcoded_secret',
};

/** SQL statements written in upper or in lower case (mixed case is prose: "Select a user from ..."). */
const SQL_STATEMENTS = [
  /^\s*(SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\b[\s\S]*\bSET|DELETE\s+FROM)\b/,
  /^\s*(select\b[\s\S]*\bfrom|insert\s+into|update\b[\s\S]*\bset|delete\s+from)\b/,
];

function readsAsSql(text: string): boolean {
  return SQL_STATEMENTS.some((statement) => statement.test(text));
}

function isChildProcess(module: string): boolean {
  return module === 'child_process' || module === 'node:child_process';
}

/** `exec(...)` bound by `{ exec } = require('child_process')`, or `cp.exec(...)` on the module itself. */
function callsChildProcess(scan: FileScan, call: Node): boolean {
  const callee = call.childForFieldName('function');
  const bindings = bindingsFrom(scan, isChildProcess);
  if (callee?.type === 'identifier') return bindings.some((binding) => binding.local === callee.text && binding.imported !== '*' && binding.imported !== 'default');
  const owner = callee?.childForFieldName('object');
  return owner?.type === 'identifier' && bindings.some((binding) => binding.local === owner.text && (binding.imported === '*' || binding.imported === 'default'));
}

/** A template literal with substitutions that reads as SQL; tagged templates (sql`...`) bind their values. */
function isSqlTemplate(template: Node): boolean {
  if (template.parent?.type === 'call_expression') return false;
  return readsAsSql(unquote(template.text));
}

function isStaticString(node: Node): boolean {
  return stringValue(node) !== undefined;
}

function isConcatenation(node: Node | null): node is Node {
  return node?.type === 'binary_expression' && node.childForFieldName('operator')?.text === '+';
}

/** The whole `"SELECT ..." + a + "..."` chain when it reads as SQL and joins in a non-literal part. */
function sqlConcatenation(innermost: Node, text: Node): Node | undefined {
  const sql = stringValue(text);
  if (sql === undefined || !readsAsSql(sql)) return undefined;
  let root = innermost;
  const joined = [innermost.childForFieldName('right')];
  for (let parent = root.parent; isConcatenation(parent) && parent.childForFieldName('left')?.id === root.id; parent = root.parent) {
    root = parent;
    joined.push(root.childForFieldName('right'));
  }
  return joined.some((part) => part && !isStaticString(part)) ? root : undefined;
}

function secretLiteral(match: RuleMatch): boolean {
  const nameNode = match.parts.get('_name');
  const valueNode = match.parts.get('_value');
  const value = valueNode ? stringValue(valueNode) : undefined;
  if (!nameNode || value === undefined) return false;
  return looksLikeHardcodedSecret(stringValue(nameNode) ?? nameNode.text, value);
}

/** The node a finding points at, or undefined when code rules the match out. */
function offendingNode(scan: FileScan, match: RuleMatch): Node | undefined {
  switch (match.capture) {
    case 'child_process_call': return callsChildProcess(scan, match.node) ? match.node : undefined;
    case 'sql_template': return isSqlTemplate(match.node) ? match.node : undefined;
    case 'sql_concat': {
      const text = match.parts.get('_text');
      return text ? sqlConcatenation(match.node, text) : undefined;
    }
    case 'secret_variable': case 'secret_property': case 'secret_field': case 'secret_assignment':
      return secretLiteral(match) ? match.node : undefined;
    default:
      return match.node;
  }
}

/** Matches of the shared sinks, the grammar-specific class fields, and the JSX sinks where there is JSX. */
function securityMatches(scan: FileScan): RuleMatch[] {
  return [...scan.matches('security', 'ecmascript'), ...scan.matches('security'), ...scan.jsxMatches('security')];
}

/** Banned sinks found in the file, one fact per offending node. */
export function securityFacts(scan: FileScan): SecurityFact[] {
  const facts = securityMatches(scan).flatMap((match): SecurityFact[] => {
    const id = RULE_OF_PATTERN[match.capture];
    const node = id ? offendingNode(scan, match) : undefined;
    return id && node ? [{ id, snippet: firstLine(node), ...located(match, node) }] : [];
  });
  return byPosition(facts).slice(0, LIMITS.maxFindingsPerFile);
}
