import type { Node } from 'web-tree-sitter';
import { perFile, type FileScan } from './scan.js';
import { CLASS_NODES, exportWrapper, hasToken, isModuleLevel } from './syntax.js';

function objectExportNames(object: Node): string[] {
  return object.namedChildren.flatMap((member) => {
    if (member?.type === 'shorthand_property_identifier') return [member.text];
    const value = member?.type === 'pair' ? member.childForFieldName('value') : null;
    return value?.type === 'identifier' ? [value.text] : [];
  });
}

/** Export forms are statements of the module, or assignments directly inside one. */
const EXPORT_DEPTH = 2;

function depthOf(node: Node): number {
  let depth = 0;
  for (let current = node.parent; current; current = current.parent) depth += 1;
  return depth;
}

/**
 * Local names the module exports apart from `export` on the declaration itself:
 * `export { a, b as c }`, `export default a`, `module.exports = { a }`, `exports.a = ...`.
 */
export const exportedNames = perFile((scan: FileScan): ReadonlySet<string> => {
  const names = new Set<string>();
  for (const match of scan.matches('exports').filter((found) => depthOf(found.node) <= EXPORT_DEPTH)) {
    const name = match.parts.get('_name');
    if (name) names.add(name.text);
    const object = match.parts.get('_object');
    if (object) for (const member of objectExportNames(object)) names.add(member);
  }
  return names;
});

/** Whether a module-level declaration (function, class, declarator) is exported. */
export function isExported(scan: FileScan, declaration: Node, name: string | undefined): boolean {
  const statement = declaration.type === 'variable_declarator' ? declaration.parent : declaration;
  if (!statement) return false;
  if (exportWrapper(statement)) return true;
  return statement.parent?.type === 'program' && name !== undefined && exportedNames(scan).has(name);
}

/** A class member is public unless `private`/`protected` or a `#name`. */
export function isPublicMember(member: Node): boolean {
  const name = member.childForFieldName('name') ?? member.childForFieldName('property');
  if (name?.type === 'private_property_identifier') return false;
  const modifier = member.namedChildren.find((child) => child?.type === 'accessibility_modifier');
  return modifier === undefined || modifier?.text === 'public';
}

export function isStaticMember(member: Node): boolean {
  return hasToken(member, 'static');
}

/** Whether a class or object member is part of the module's public surface. */
export function isExportedMember(scan: FileScan, member: Node): boolean {
  if (!isPublicMember(member)) return false;
  const owner = member.parent?.parent;
  if (!owner) return false;
  if (CLASS_NODES.has(owner.type)) return isExported(scan, owner, owner.childForFieldName('name')?.text);
  const statement = owner.type === 'variable_declarator' ? owner.parent : null;
  return statement !== null && isModuleLevel(statement) && isExported(scan, owner, owner.childForFieldName('name')?.text);
}
