import type { Node } from 'web-tree-sitter';

const ANNOTATIONS = new Set(['marker_annotation', 'annotation']);
export const TYPE_DECLARATIONS = new Set(['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration', 'annotation_type_declaration']);

export function compactText(node: Node | null | undefined): string | undefined {
  return node ? node.text.replace(/\s+/g, ' ').trim() : undefined;
}

function modifiersOf(node: Node): Node | undefined {
  return node.namedChildren.find((child) => child.type === 'modifiers');
}

/** Keyword modifiers: "public", "static", "final", ... */
export function hasModifier(node: Node, keyword: string): boolean {
  return modifiersOf(node)?.children.some((child) => child.type === keyword) ?? false;
}

export function annotationsOf(node: Node): Node[] {
  return modifiersOf(node)?.namedChildren.filter((child) => ANNOTATIONS.has(child.type)) ?? [];
}

/** The annotation called `name` (simple or qualified), if present. */
export function annotationNamed(node: Node, name: string): Node | undefined {
  return annotationsOf(node).find((annotation) => annotation.childForFieldName('name')?.text.split('.').at(-1) === name);
}

/** The single string value of an annotation: @JsonProperty("id") or @JsonProperty(value = "id"). */
export function annotationString(annotation: Node | undefined): string | undefined {
  const argument = annotation?.childForFieldName('arguments')?.text;
  const value = argument ? /^\(\s*(?:value\s*=\s*)?"([^"]*)"/.exec(argument) : null;
  return value?.[1];
}

/** The class, interface, enum or record a member is declared in. */
export function enclosingType(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (TYPE_DECLARATIONS.has(current.type)) return current;
  return undefined;
}

/** The simple name of a type: `List<String>` gives "List", `java.util.Date` gives "Date". */
export function simpleTypeName(type: Node): string {
  if (type.type === 'generic_type') return simpleTypeName(type.namedChildren.find((child) => child.type !== 'type_arguments')!);
  return type.text.split('.').at(-1)!.trim();
}
