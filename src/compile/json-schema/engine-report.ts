import { appendPointer } from '../../validate/json-schema/pointer.js';
import { forEachSubschema } from '../../validate/json-schema/vocabulary.js';
import { ENGINE_FACTS, ENGINE_SUPPORT, type EngineFact, type KeywordSite } from './engines.js';
import { isAssertion, isObjectSchema } from './schema-facts.js';
import type { EngineFamily, JsonSchema, SchemaObject, SchemaWarning } from './types.js';

interface Visit {
  schema: SchemaObject;
  pointer: string;
  isRoot: boolean;
  objectDepth: number;
}

function warningFrom(fact: EngineFact, site: KeywordSite, pointer: string): SchemaWarning {
  const message = typeof fact.message === 'function' ? fact.message(site) : fact.message;
  return { engine: fact.engine, keyword: site.keyword, path: appendPointer(pointer, site.keyword), action: fact.action, message };
}

function factsFor(engine: EngineFamily, site: KeywordSite, on: 'keyword' | 'schema'): EngineFact[] {
  return ENGINE_FACTS.filter((fact) => fact.engine === engine
    && (fact.on ?? 'keyword') === on
    && (fact.keyword === site.keyword || (fact.keyword === '*' && on === 'keyword'))
    && (fact.applies?.(site) ?? true));
}

function keywordWarnings(engine: EngineFamily, visit: Visit): SchemaWarning[] {
  const warnings: SchemaWarning[] = [];
  const support = ENGINE_SUPPORT[engine];
  for (const [keyword, value] of Object.entries(visit.schema)) {
    const site: KeywordSite = { schema: visit.schema, keyword, value, isRoot: visit.isRoot, objectDepth: visit.objectDepth };
    const facts = factsFor(engine, site, 'keyword');
    warnings.push(...facts.map((fact) => warningFrom(fact, site, visit.pointer)));
    if (facts.length === 0 && isAssertion(keyword) && !support.supported.has(keyword)) {
      const { action, message } = support.otherwise;
      warnings.push({ engine, keyword, path: appendPointer(visit.pointer, keyword), action, message });
    }
  }
  return warnings;
}

function schemaWarnings(engine: EngineFamily, visit: Visit): SchemaWarning[] {
  const keywords = [...new Set(ENGINE_FACTS.filter((fact) => fact.engine === engine && fact.on === 'schema').map((fact) => fact.keyword))];
  return keywords.flatMap((keyword) => {
    const site: KeywordSite = { schema: visit.schema, keyword, value: visit.schema[keyword], isRoot: visit.isRoot, objectDepth: visit.objectDepth };
    return factsFor(engine, site, 'schema').map((fact) => warningFrom(fact, site, visit.pointer));
  });
}

/** Reports one engine on `schema` and below, skipping what lies under a keyword the engine drops or refuses. */
function walkEngine(engine: EngineFamily, schema: JsonSchema, pointer: string, objectDepth: number, warnings: SchemaWarning[]): void {
  if (typeof schema === 'boolean') return;
  const depth = objectDepth + (isObjectSchema(schema) ? 1 : 0);
  const visit: Visit = { schema, pointer, isRoot: pointer === '#', objectDepth: depth };
  const found = [...schemaWarnings(engine, visit), ...keywordWarnings(engine, visit)];
  warnings.push(...found);
  const lost = new Set(found.filter((warning) => warning.action !== 'rewritten').map((warning) => warning.keyword));
  forEachSubschema(schema, (subschema, segments) => {
    if (!lost.has(String(segments[0]))) walkEngine(engine, subschema, appendPointer(pointer, ...segments), depth, warnings);
  });
}

/** What each engine would drop, refuse or read differently in `schema`, in engine order, then schema order. */
export function engineWarnings(schema: JsonSchema, engines: readonly EngineFamily[]): SchemaWarning[] {
  const warnings: SchemaWarning[] = [];
  for (const engine of engines) walkEngine(engine, schema, '#', 0, warnings);
  return warnings;
}
