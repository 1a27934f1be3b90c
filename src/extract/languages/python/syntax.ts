import type { Node } from 'web-tree-sitter';

/** Named children without the null holes web-tree-sitter may leave, comments excluded. */
export function statementsOf(block: Node | null | undefined): Node[] {
  if (!block) return [];
  return block.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}

/** The last identifier of a name: `x` for x, `Item` for models.Item, `List` for typing.List[int]. */
export function lastName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier': return node.text;
    case 'attribute': return node.childForFieldName('attribute')?.text;
    case 'subscript': return lastName(node.childForFieldName('value'));
    case 'generic_type': return node.namedChildren.find((child) => child?.type === 'identifier')?.text;
    case 'call': return lastName(node.childForFieldName('function'));
    case 'type': return lastName(node.namedChildren[0]);
    default: return undefined;
  }
}

/** The decorated_definition around a function or class, when it has decorators. */
function decoratedParent(definition: Node): Node | undefined {
  const parent = definition.parent;
  return parent?.type === 'decorated_definition' ? parent : undefined;
}

/** The node that stands for the definition in its block: the decorated_definition if any. */
export function outerDefinition(definition: Node): Node {
  return decoratedParent(definition) ?? definition;
}

export function decoratorsOf(definition: Node): Node[] {
  const decorated = decoratedParent(definition);
  return decorated ? decorated.namedChildren.filter((child): child is Node => child?.type === 'decorator') : [];
}

/** Decorator text without the `@`, on one line: `router.get("/x")`. */
export function decoratorText(decorator: Node): string {
  return oneLine(decorator.text.replace(/^@\s*/, ''));
}

export function decoratorNames(definition: Node): string[] {
  return decoratorsOf(definition).map((decorator) => lastName(decorator.namedChildren[0]) ?? '');
}

/** The class whose body directly holds this definition (a method's class). */
export function owningClass(definition: Node): Node | undefined {
  const block = outerDefinition(definition).parent;
  const owner = block?.type === 'block' ? block.parent : undefined;
  return owner?.type === 'class_definition' ? owner : undefined;
}

/** True when the definition is a top-level statement of the module. */
export function isModuleLevel(definition: Node): boolean {
  return outerDefinition(definition).parent?.type === 'module';
}

const SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);

/** The function, class or lambda a node belongs to; undefined at module scope. */
export function enclosingScope(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (SCOPES.has(current.type)) return current;
  return undefined;
}

export function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'function_definition') return current;
  return undefined;
}

/** Base classes of a class as their last names (`pydantic.BaseModel` -> BaseModel), keywords left out. */
export function baseNames(classNode: Node): string[] {
  const bases = classNode.childForFieldName('superclasses');
  if (!bases) return [];
  return bases.namedChildren.flatMap((child) => {
    const name = child && child.type !== 'keyword_argument' ? lastName(child) : undefined;
    return name ? [name] : [];
  });
}

/** `value` of a keyword argument `name=value` in an argument list. */
export function keywordArgument(argumentList: Node | null | undefined, name: string): Node | undefined {
  for (const child of argumentList?.namedChildren ?? []) {
    if (child?.type === 'keyword_argument' && child.childForFieldName('name')?.text === name) {
      return child.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

export function positionalArguments(argumentList: Node | null | undefined): Node[] {
  return (argumentList?.namedChildren ?? []).filter(
    (child): child is Node => child !== null && child.type !== 'keyword_argument' && child.type !== 'comment',
  );
}

/** The docstring of a function or class body, whitespace collapsed; undefined when there is none. */
export function docstringOf(body: Node | null | undefined): string | undefined {
  const first = statementsOf(body)[0];
  const literal = first?.type === 'expression_statement' ? first.namedChildren[0] : undefined;
  if (literal?.type !== 'string') return undefined;
  const content = literal.namedChildren.filter((child) => child?.type === 'string_content').map((child) => child!.text).join('');
  const text = content.replace(/\s+/g, ' ').trim();
  return text || undefined;
}

/** `# ...` comment lines directly above a definition (and its decorators), joined. */
export function commentAbove(definition: Node): string | undefined {
  const lines: string[] = [];
  let expectedRow = outerDefinition(definition).startPosition.row - 1;
  for (let sibling = outerDefinition(definition).previousSibling; sibling?.type === 'comment'; sibling = sibling.previousSibling) {
    if (sibling.startPosition.row !== expectedRow) break;
    lines.unshift(sibling.text.replace(/^#+\s?/, '').trim());
    expectedRow -= 1;
  }
  const text = lines.join(' ').trim();
  return text || undefined;
}

/** Source text on one line, without the spaces a multi-line bracketed list leaves inside its brackets. */
export function oneLine(text: string): string {
  return tidyBrackets(text.replace(/\s+/g, ' ').trim());
}

export function tidyBrackets(text: string): string {
  return text.replace(/([([]) /g, '$1').replace(/ ([)\]])/g, '$1');
}
