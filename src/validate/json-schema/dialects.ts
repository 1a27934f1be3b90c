import type { KeywordHandler } from './evaluator.js';
import {
  arrayBoundKeywords, legacyArrayKeywords, legacyContainsKeywords, modernArrayKeywords,
} from './keywords/array.js';
import { combinatorKeywords, conditionalKeywords } from './keywords/combinators.js';
import { constKeywords, referenceKeywords, typeKeywords } from './keywords/generic.js';
import { numericKeywords } from './keywords/numeric.js';
import {
  dependentKeywords, legacyDependencyKeywords, objectKeywords, propertyNamesKeywords,
} from './keywords/object.js';
import { stringKeywords } from './keywords/string.js';
import type { Dialect } from './types.js';

export interface DialectDefinition {
  readonly keywords: ReadonlyMap<string, KeywordHandler>;
  /** Draft-04 to 07: a schema with `$ref` is replaced by its target and its other keywords are ignored. */
  readonly referenceHidesSiblings: boolean;
}

const common = {
  ...typeKeywords, ...numericKeywords, ...stringKeywords, ...arrayBoundKeywords, ...objectKeywords,
  ...combinatorKeywords, ...referenceKeywords,
};

const draft04 = { ...common, ...legacyArrayKeywords, ...legacyDependencyKeywords };
const draft07 = { ...draft04, ...constKeywords, ...legacyContainsKeywords, ...propertyNamesKeywords, ...conditionalKeywords };
const draft2020 = {
  ...common, ...constKeywords, ...modernArrayKeywords, ...propertyNamesKeywords, ...conditionalKeywords, ...dependentKeywords,
};

const DEFINITIONS: Record<Dialect, DialectDefinition> = {
  'draft-04': { keywords: new Map(Object.entries(draft04)), referenceHidesSiblings: true },
  'draft-07': { keywords: new Map(Object.entries(draft07)), referenceHidesSiblings: true },
  '2020-12': { keywords: new Map(Object.entries(draft2020)), referenceHidesSiblings: false },
};

export function dialectDefinition(dialect: Dialect): DialectDefinition {
  return DEFINITIONS[dialect];
}

/** The dialect a `$schema` URI names, if it is one we know. */
export function dialectOfSchemaUri(uri: unknown): Dialect | undefined {
  if (typeof uri !== 'string') return undefined;
  if (uri.includes('draft-04')) return 'draft-04';
  if (uri.includes('draft-06') || uri.includes('draft-07')) return 'draft-07';
  if (uri.includes('2019-09') || uri.includes('2020-12')) return '2020-12';
  return undefined;
}
