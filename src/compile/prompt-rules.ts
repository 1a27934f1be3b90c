import type { Constraint, ConstraintOf } from '../constraints/schema.js';

function importRule(imports: ConstraintOf<'import'>[]): string[] {
  const allowed = imports.filter((c) => c.payload.mode === 'allow').map((c) => c.payload.module);
  const required = imports.filter((c) => c.payload.mode === 'require').map((c) => c.payload.module);
  const forbidden = imports.filter((c) => c.payload.mode === 'forbid').map((c) => c.payload.module);
  return [
    ...(allowed.length ? [`Import only modules the codebase already uses: ${allowed.join(', ')}.`] : []),
    ...(required.length ? [`Import ${required.join(', ')}.`] : []),
    ...(forbidden.length ? [`Never import ${forbidden.join(', ')}.`] : []),
  ];
}

function ruleOf(constraint: Constraint): string | undefined {
  switch (constraint.type) {
    case 'signature':
      return `Keep the signature \`${constraint.payload.header}\`.`;
    case 'naming':
      return constraint.payload.target === 'file' ? undefined : `Name every ${constraint.payload.target} in ${constraint.payload.style}.`;
    case 'forbid':
      return `Never use ${constraint.payload.patterns.map((pattern) => `\`${pattern}\``).join(', ')}: ${constraint.payload.reason}.`;
    case 'require':
      return `Include ${constraint.payload.match === 'regex' ? `text matching /${constraint.payload.pattern}/` : `\`${constraint.payload.pattern}\``}: ${constraint.payload.reason}.`;
    case 'error_handling':
      return `Error handling: ${constraint.payload.description}${constraint.payload.names.length ? ` (${constraint.payload.names.join(', ')})` : ''}.`;
    case 'type_shape':
      return `Use the type ${constraint.payload.name} as declared; do not redefine it.`;
    case 'test_convention':
      return `Tests use ${constraint.payload.framework} with ${constraint.payload.assertion_style} assertions, in files named ${constraint.payload.file_pattern}.`;
    case 'length':
      return `Keep the output under ${[constraint.payload.max_lines && `${constraint.payload.max_lines} lines`, constraint.payload.max_chars && `${constraint.payload.max_chars} characters`].filter(Boolean).join(' and ')}.`;
    default:
      return undefined;
  }
}

/** One instruction per constraint a model can read; the same rules whether or not a grammar enforces them. */
export function promptRules(constraints: readonly Constraint[]): string[] {
  const imports = constraints.filter((c): c is ConstraintOf<'import'> => c.type === 'import');
  const rules = constraints.filter((c) => c.type !== 'import').flatMap((constraint) => ruleOf(constraint) ?? []);
  return [...new Set([...rules, ...importRule(imports)])];
}
