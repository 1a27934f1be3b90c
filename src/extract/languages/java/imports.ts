import type { ImportPayload } from '../../../constraints/schema.js';
import type { FileContext, ImportFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { ruleMatches } from '../common.js';

/** Root packages of the JDK. */
const STDLIB = ['java.', 'javax.', 'jdk.'];

/** The file's own package, from `package com.acme.orders;`. */
function packageOf(source: string): string | undefined {
  return /^\s*package\s+([\w.]+)\s*;/m.exec(source)?.[1];
}

/**
 * stdlib for the JDK's packages; relative for the project's own code, which shares the first
 * two segments of the file's package (com.acme.*); package for everything else.
 */
export function javaImportOrigin(module: string, ownPackage: string | undefined): ImportPayload['origin'] {
  if (STDLIB.some((prefix) => module.startsWith(prefix))) return 'stdlib';
  const root = ownPackage?.split('.').slice(0, 2);
  return root?.length === 2 && module.startsWith(`${root.join('.')}.`) ? 'relative' : 'package';
}

/** `import java.util.List;` gives java.util → List; `import java.util.*;` gives java.util → *. */
export function javaImports(context: FileContext): ImportFact[] {
  const ownPackage = packageOf(context.source);
  return ruleMatches(context, 'java/imports').map(({ rule, node, parts }) => {
    const path = parts.get('_path')!.text.replace(/\s+/g, '');
    const wildcard = node.namedChildren.some((child) => child.type === 'asterisk');
    const module = wildcard ? path : path.slice(0, path.lastIndexOf('.'));
    const name = wildcard ? '*' : path.slice(path.lastIndexOf('.') + 1);
    return { module, origin: javaImportOrigin(module, ownPackage), names: [name], range: rangeOf(node), rule };
  });
}
