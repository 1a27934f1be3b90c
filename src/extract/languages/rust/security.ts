import type { Node } from 'web-tree-sitter';
import type { FileContext, SecurityFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { looksLikeHardcodedSecret } from '../../secrets.js';
import { firstLine, ruleMatches, type RuleMatch } from '../common.js';

const RULE_OF_CAPTURE: Record<string, string> = { unsafe_block: 'rust_unsafe', unsafe_fn: 'rust_unsafe', shell_command: 'rust_command_shell' };

/** Content of "..." or r#"..."#. */
function stringValue(literal: Node): string {
  return literal.namedChildren.find((child) => child.type === 'string_content')?.text ?? '';
}

function finding(id: string, node: Node, rule: string): SecurityFact {
  return { id, snippet: firstLine(node), range: rangeOf(node), rule };
}

function securityFact(match: RuleMatch): SecurityFact | undefined {
  const id = RULE_OF_CAPTURE[match.capture];
  if (id) return finding(id, match.node, match.rule);
  const name = match.parts.get('_name')!.text;
  return looksLikeHardcodedSecret(name, stringValue(match.parts.get('_value')!)) ? finding('hardcoded_secret', match.node, match.rule) : undefined;
}

export function rustSecurity(context: FileContext): SecurityFact[] {
  return ruleMatches(context, 'rust/security').flatMap((match) => securityFact(match) ?? []);
}
