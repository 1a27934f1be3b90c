import type { ForbidPayload, Language } from '../constraints/schema.js';

export interface SecurityRule {
  id: string;
  languages: readonly Language[];
  message: string;
  forbid: Pick<ForbidPayload, 'match' | 'patterns'>;
}

const JS_FAMILY = ['typescript', 'tsx', 'javascript'] as const;

/**
 * Sinks generated code must not introduce. Language extractors report findings with these ids;
 * the security concern turns every rule of a language present in the input into a `forbid`.
 */
export const SECURITY_RULES: readonly SecurityRule[] = [
  { id: 'eval', languages: [...JS_FAMILY, 'python'], message: 'eval() runs arbitrary code', forbid: { match: 'call', patterns: ['eval'] } },
  { id: 'new_function', languages: JS_FAMILY, message: 'new Function() compiles arbitrary code', forbid: { match: 'substring', patterns: ['new Function('] } },
  { id: 'child_process', languages: JS_FAMILY, message: 'child_process runs shell commands', forbid: { match: 'import', patterns: ['child_process', 'node:child_process'] } },
  { id: 'inner_html', languages: JS_FAMILY, message: 'innerHTML / dangerouslySetInnerHTML inject unescaped HTML', forbid: { match: 'substring', patterns: ['innerHTML', 'outerHTML', 'dangerouslySetInnerHTML', 'document.write('] } },
  { id: 'sql_concat', languages: [...JS_FAMILY, 'python', 'go', 'java'], message: 'SQL built by string concatenation or interpolation is injectable', forbid: { match: 'regex', patterns: ['(SELECT|INSERT|UPDATE|DELETE)\\b[^;]*(\\$\\{|"\\s*\\+|\'\\s*\\+|%s|\\{[a-z_]*\\})'] } },
  { id: 'exec_python', languages: ['python'], message: 'exec() runs arbitrary code', forbid: { match: 'call', patterns: ['exec'] } },
  { id: 'pickle_loads', languages: ['python'], message: 'pickle.load(s) deserialises arbitrary objects', forbid: { match: 'substring', patterns: ['pickle.loads', 'pickle.load', 'cPickle.load'] } },
  { id: 'subprocess_shell', languages: ['python'], message: 'subprocess with shell=True and os.system run shell commands', forbid: { match: 'substring', patterns: ['shell=True', 'os.system(', 'os.popen('] } },
  { id: 'yaml_unsafe_load', languages: ['python'], message: 'yaml.load without SafeLoader constructs arbitrary objects', forbid: { match: 'regex', patterns: ['yaml\\.(unsafe_)?load\\((?![^)]*SafeLoader)'] } },
  { id: 'go_exec_command', languages: ['go'], message: 'exec.Command with a shell runs arbitrary commands', forbid: { match: 'substring', patterns: ['exec.Command("sh"', 'exec.Command("bash"', 'exec.Command("/bin/sh"'] } },
  { id: 'rust_unsafe', languages: ['rust'], message: 'unsafe blocks opt out of memory safety', forbid: { match: 'substring', patterns: ['unsafe {', 'unsafe fn'] } },
  { id: 'rust_command_shell', languages: ['rust'], message: 'Command::new("sh") runs shell commands', forbid: { match: 'substring', patterns: ['Command::new("sh")', 'Command::new("bash")'] } },
  { id: 'java_runtime_exec', languages: ['java'], message: 'Runtime.exec runs shell commands', forbid: { match: 'substring', patterns: ['Runtime.getRuntime().exec(', 'ProcessBuilder("sh"', 'ProcessBuilder("bash"'] } },
  { id: 'java_deserialization', languages: ['java'], message: 'ObjectInputStream.readObject deserialises arbitrary objects', forbid: { match: 'substring', patterns: ['ObjectInputStream', 'readObject('] } },
  { id: 'hardcoded_secret', languages: [...JS_FAMILY, 'python', 'go', 'rust', 'java'], message: 'credentials must come from configuration, not literals', forbid: { match: 'regex', patterns: ['(AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|sk-[A-Za-z0-9_-]{20,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)'] } },
];

const BY_ID = new Map(SECURITY_RULES.map((rule) => [rule.id, rule]));

export function securityRule(id: string): SecurityRule {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`unknown security rule "${id}"`);
  return rule;
}

export function securityRulesFor(language: Language): SecurityRule[] {
  return SECURITY_RULES.filter((rule) => rule.languages.includes(language));
}
