import type { Node } from 'web-tree-sitter';
import type { PythonFile } from './file.js';
import { BUILTIN_EXCEPTIONS } from './names.js';
import { baseNames } from './syntax.js';

export type ClassCategory = 'dataclass' | 'pydantic' | 'typeddict' | 'enum' | 'record' | 'protocol' | 'class';

const PRIORITY: readonly ClassCategory[] = ['dataclass', 'pydantic', 'typeddict', 'enum', 'record', 'protocol', 'class'];
/** Subclasses of these in the same file are the same kind of class without naming its base. */
const INHERITED: ReadonlySet<ClassCategory> = new Set(['pydantic', 'typeddict']);

export interface ClassInfo {
  node: Node;
  name: string;
  category: ClassCategory;
  rule: string;
  bases: string[];
}

function rank(category: ClassCategory): number {
  return PRIORITY.indexOf(category);
}

/** Inherits pydantic/TypedDict-ness from bases defined in the file, until nothing changes. */
function inheritCategories(classes: ClassInfo[]): void {
  const byName = new Map(classes.map((info) => [info.name, info]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const info of classes.filter((candidate) => candidate.category === 'class')) {
      const base = info.bases.map((name) => byName.get(name)).find((candidate) => candidate && INHERITED.has(candidate.category));
      if (base) {
        info.category = base.category;
        changed = true;
      }
    }
  }
}

/** Every class of the file with its kind, in source order. */
export function classesOf(file: PythonFile): ClassInfo[] {
  return file.derived('classes', () => {
    const best = new Map<number, ClassInfo>();
    for (const found of file.found('types')) {
      const category = found.capture as ClassCategory;
      const kept = best.get(found.node.id);
      if (kept && rank(kept.category) <= rank(category)) continue;
      const name = found.node.childForFieldName('name')?.text ?? '';
      best.set(found.node.id, { node: found.node, name, category, rule: found.rule, bases: baseNames(found.node) });
    }
    const classes = [...best.values()].sort((a, b) => a.node.startIndex - b.node.startIndex);
    inheritCategories(classes);
    return classes;
  });
}

function looksLikeException(base: string, known: ReadonlySet<string>): boolean {
  return BUILTIN_EXCEPTIONS.has(base) || known.has(base) || /(Error|Exception)$/.test(base);
}

/**
 * Names of the exception classes defined in the file: classes deriving from a built-in exception,
 * from another exception class of the file, or from an imported class named *Error/*Exception.
 */
export function exceptionClassNames(file: PythonFile): ReadonlySet<string> {
  return file.derived('exceptionClasses', () => {
    const candidates = file.found('errors').filter((found) => found.capture === 'error_class')
      .map((found) => ({ name: found.node.childForFieldName('name')?.text ?? '', bases: baseNames(found.node) }));
    const names = new Set<string>();
    let changed = true;
    while (changed) {
      changed = false;
      for (const candidate of candidates) {
        if (!names.has(candidate.name) && candidate.bases.some((base) => looksLikeException(base, names))) {
          names.add(candidate.name);
          changed = true;
        }
      }
    }
    return names;
  });
}
