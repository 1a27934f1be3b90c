import type { Constraint, ConstraintOf } from '../../constraints/schema.js';
import { violated, type Check } from './types.js';

function allowedModules(all: readonly Constraint[], language: string): Set<string> {
  return new Set(
    all
      .filter((c): c is ConstraintOf<'import'> => c.type === 'import' && c.payload.mode !== 'forbid' && (c.payload.language ?? language) === language)
      .map((c) => c.payload.module),
  );
}

/**
 * `allow`: the output imports only modules some allow/require constraint names (checked once, on
 * the first allow constraint, so a stray import is one violation, not one per constraint);
 * `require`: the module is imported; `forbid`: it is not.
 */
export const checkImport: Check<ConstraintOf<'import'>> = (constraint, candidate, all) => {
  if (!candidate.facts) return { status: 'not_checked', reason: 'imports are checked on code shapes only' };
  const { module, mode } = constraint.payload;
  const imports = candidate.facts.imports;
  if (mode === 'require') {
    return imports.some((fact) => fact.module === module) ? { status: 'satisfied' } : violated({ message: `does not import "${module}"`, hint: `import it: it is required` });
  }
  if (mode === 'forbid') {
    return violated(...imports.filter((fact) => fact.module === module).map((fact) => ({ message: `imports "${module}", which is forbidden`, location: fact.range.start, hint: 'remove the import' })));
  }
  const firstAllow = all.find((c) => c.type === 'import' && c.payload.mode === 'allow' && (c.payload.language ?? candidate.language) === candidate.language);
  if (firstAllow?.id !== constraint.id) return { status: 'satisfied' };
  const allowed = allowedModules(all, candidate.language);
  return violated(
    ...imports
      .filter((fact) => !allowed.has(fact.module))
      .map((fact) => ({ message: `imports "${fact.module}", which the codebase does not use`, location: fact.range.start, hint: `use one of the allowed modules: ${[...allowed].slice(0, 12).join(', ')}` })),
  );
};
