import type { Node } from 'web-tree-sitter';
import type { ImportPayload } from '../../../constraints/schema.js';
import type { ImportFact } from '../../facts.js';
import { byPosition } from '../common.js';
import { located, perFile, type FileScan, type RuleMatch } from './scan.js';

/** Node's built-in modules (top-level names): imports of these are `stdlib`. */
const NODE_BUILTINS = new Set([
  'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram',
  'diagnostics_channel', 'dns', 'events', 'fs', 'http', 'http2', 'https', 'inspector', 'module', 'net', 'os',
  'path', 'perf_hooks', 'process', 'punycode', 'querystring', 'readline', 'repl', 'stream', 'string_decoder',
  'timers', 'tls', 'trace_events', 'tty', 'url', 'util', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib',
]);

export function originOf(module: string): ImportPayload['origin'] {
  if (module.startsWith('.') || module.startsWith('/')) return 'relative';
  if (module.startsWith('node:') || NODE_BUILTINS.has(module.split('/')[0]!)) return 'stdlib';
  return 'package';
}

/** A local name bound to something a module exports ('default', '*' for the namespace, or a name). */
export interface ImportBinding {
  local: string;
  imported: string;
  module: string;
}

function clauseBindings(clause: Node, module: string): ImportBinding[] {
  return clause.namedChildren.flatMap((part): ImportBinding[] => {
    if (part?.type === 'identifier') return [{ local: part.text, imported: 'default', module }];
    if (part?.type === 'namespace_import') {
      const local = part.namedChildren[0]?.text;
      return local ? [{ local, imported: '*', module }] : [];
    }
    if (part?.type !== 'named_imports') return [];
    return part.namedChildren.flatMap((specifier) => {
      const imported = specifier?.childForFieldName('name')?.text;
      if (!specifier || !imported) return [];
      return [{ local: specifier.childForFieldName('alias')?.text ?? imported, imported, module }];
    });
  });
}

/** Bindings of `const x = require(m)` and `const { a, b: c } = require(m)`. */
function requireBindings(call: Node, module: string): ImportBinding[] {
  const declarator = call.parent?.type === 'variable_declarator' ? call.parent : undefined;
  const target = declarator?.childForFieldName('name');
  if (target?.type === 'identifier') return [{ local: target.text, imported: '*', module }];
  if (target?.type !== 'object_pattern') return [];
  return target.namedChildren.flatMap((property) => {
    if (property?.type === 'shorthand_property_identifier_pattern') return [{ local: property.text, imported: property.text, module }];
    const key = property?.type === 'pair_pattern' ? property.childForFieldName('key')?.text : undefined;
    const value = property?.childForFieldName('value');
    return key && value?.type === 'identifier' ? [{ local: value.text, imported: key, module }] : [];
  });
}

function reexportNames(statement: Node): string[] {
  const clause = statement.namedChildren.find((child) => child?.type === 'export_clause');
  return clause?.namedChildren.flatMap((specifier) => specifier?.childForFieldName('name')?.text ?? []) ?? [];
}

function bindingsOf(match: RuleMatch, module: string): ImportBinding[] {
  if (match.capture === 'import') {
    const clause = match.node.namedChildren.find((child) => child?.type === 'import_clause');
    return clause ? clauseBindings(clause, module) : [];
  }
  return match.capture === 'require' ? requireBindings(match.node, module) : [];
}

/** The name a binding is listed under: the exported name, or the local one for default and namespace imports. */
function listedName(binding: ImportBinding): string {
  return binding.imported === 'default' || binding.imported === '*' ? binding.local : binding.imported;
}

export interface FileImports {
  facts: ImportFact[];
  bindings: ImportBinding[];
}

export const importsOf = perFile((scan: FileScan): FileImports => {
  const facts: ImportFact[] = [];
  const bindings: ImportBinding[] = [];
  for (const match of scan.matches('imports')) {
    const module = match.parts.get('_module')?.text;
    if (module === undefined) continue;
    const bound = bindingsOf(match, module);
    bindings.push(...bound);
    const names = match.capture === 'reexport' ? reexportNames(match.node) : bound.map(listedName);
    facts.push({ module, origin: originOf(module), names, ...located(match) });
  }
  return { facts: byPosition(facts), bindings };
});

/** Local names bound to the given modules. */
export function bindingsFrom(scan: FileScan, accept: (module: string) => boolean): ImportBinding[] {
  return importsOf(scan).bindings.filter((binding) => accept(binding.module));
}
