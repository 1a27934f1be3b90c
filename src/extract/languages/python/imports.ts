import type { Node } from 'web-tree-sitter';
import type { ImportFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import type { Found, PythonFile } from './file.js';
import { STDLIB_MODULES } from './names.js';
import { capturesOf } from '../common.js';

export function originOf(module: string): ImportFact['origin'] {
  if (module.startsWith('.')) return 'relative';
  return STDLIB_MODULES.has(module.split('.')[0]!) ? 'stdlib' : 'package';
}

/** Imported names of `from m import a, b as c, *`: the names as the module spells them. */
function importedNames(statement: Node): string[] {
  return statement.namedChildren.flatMap((child) => {
    if (child?.type === 'wildcard_import') return ['*'];
    const isName = child && statement.childForFieldName('module_name')?.id !== child.id;
    if (!isName) return [];
    if (child.type === 'aliased_import') return [child.childForFieldName('name')?.text ?? ''];
    return child.type === 'dotted_name' ? [child.text] : [];
  });
}

function factOf(found: Found): ImportFact {
  const range = rangeOf(found.node);
  if (found.capture === 'future_import') return { range, rule: found.rule, module: '__future__', origin: 'stdlib', names: importedNames(found.node) };
  const module = capturesOf(found.match).get(`${found.capture}.module`)!.text.replace(/\s+/g, '');
  const names = found.capture === 'import_from' ? importedNames(found.node) : [];
  return { range, rule: found.rule, module, origin: originOf(module), names };
}

export function importFacts(file: PythonFile): ImportFact[] {
  return file.found('imports').map(factOf);
}

/** True when the file imports one of these modules (or a submodule of one). */
export function importsAny(file: PythonFile, modules: readonly string[]): boolean {
  return file.derived(`imports:${modules.join(',')}`, () =>
    file.found('imports').some((found) => {
      const module = factOf(found).module.split('.')[0]!;
      return modules.includes(module);
    }),
  );
}
