import type { Node } from 'web-tree-sitter';
import type { TypeShapePayload } from '../../../constraints/schema.js';
import type { FileContext, ShapeFact } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { ruleMatches, saysSomething, type JsonSchema, type RuleMatch } from '../common.js';
import { attributesOf, serdeOptions } from './attributes.js';
import { enumSchema } from './enums.js';
import { bodySchema, docOf, genericsOf } from './fields.js';
import { rustTypeSchema } from './schema.js';
import { isPublic } from './signatures.js';

function structSchema(item: Node): JsonSchema {
  const options = serdeOptions(attributesOf(item));
  return bodySchema(item.childForFieldName('body'), options, genericsOf(item)) ?? { type: 'null' };
}

function schemaOf(match: RuleMatch): [TypeShapePayload['kind'], JsonSchema] | undefined {
  if (match.capture === 'struct') return ['struct', structSchema(match.node)];
  if (match.capture === 'enum') return ['enum', enumSchema(match.node)];
  const alias = rustTypeSchema(match.node.childForFieldName('type')!, genericsOf(match.node));
  return saysSomething(alias) ? ['type_alias', alias] : undefined;
}

/** Structs and enums as serde reads them, and type aliases with a JSON form. */
export function rustShapes(context: FileContext): ShapeFact[] {
  return ruleMatches(context, 'rust/types').flatMap((match) => {
    const shape = schemaOf(match);
    if (!shape) return [];
    const [kind, schema] = shape;
    const description = docOf(match.node);
    const name = match.parts.get('_name')!.text;
    const payload: TypeShapePayload = { name, kind, exported: isPublic(match.node), schema: description ? { ...schema, description } : schema };
    return [{ payload, range: rangeOf(match.node), rule: match.rule }];
  });
}
