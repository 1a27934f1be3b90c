/** What a route handler gets for one request, and the step every generation route shares. */
import type { ConstraintCompiler } from './compiler.js';
import type { Constraint, ConstraintFields } from './constraints.js';
import type { EngineVocabulary } from './engine-vocabulary.js';
import { badRequest } from './errors.js';
import type { FaultSpec } from './faults.js';
import { generateText, type GenerationResult, type GenerationSettings } from './generate.js';
import type { Reply } from './reply.js';
import { XGrammarError } from './xgrammar.js';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The parsed JSON body; undefined for GET. */
  body: unknown;
  /** Fields the engine did not act on on purpose, e.g. the legacy `guided_regex`. */
  ignoredFields: string[];
  /** The constraint enforced, and the field it came from; absent for unconstrained requests. */
  constraint?: { kind: Constraint['kind']; source: string };
  /** The injected fault, as `name=value` words. */
  fault?: string;
  /** The HTTP status sent, filled in when the response closes. */
  status?: number;
  /** True when the client went away before the answer was complete (the engine saw the cancellation). */
  cancelled?: boolean;
}

export interface EngineContext {
  compiler: ConstraintCompiler;
  /** What the engine masks, samples and counts tokens in. */
  vocabulary: EngineVocabulary;
  defaultSeed: number;
  nextId(prefix: string): string;
}

export interface Exchange {
  body: Record<string, unknown>;
  reply: Reply;
  record: RecordedRequest;
  fault: FaultSpec | undefined;
  engine: EngineContext;
}

/**
 * Records the constraint fields, compiles the constraint (a grammar XGrammar rejects is a 400
 * carrying XGrammar's message) and returns the generation, ready to be iterated.
 */
export async function openGeneration(
  exchange: Exchange,
  settings: GenerationSettings,
  fields: ConstraintFields,
): Promise<AsyncGenerator<string, GenerationResult>> {
  exchange.record.ignoredFields.push(...fields.ignoredFields);
  if (fields.constraint && fields.source) exchange.record.constraint = { kind: fields.constraint.kind, source: fields.source };
  const constraint = exchange.fault?.ignoreConstraints ? undefined : fields.constraint;
  const lease = constraint ? await openMatcher(exchange.engine.compiler, constraint, fields.source ?? constraint.kind) : undefined;
  return generateText(settings, lease, () => exchange.reply.closed, exchange.engine.vocabulary);
}

async function openMatcher(compiler: ConstraintCompiler, constraint: Constraint, source: string) {
  try {
    return await compiler.openMatcher(constraint);
  } catch (error) {
    if (error instanceof XGrammarError) throw badRequest(`${source} was rejected by XGrammar: ${error.message}`, source);
    throw error;
  }
}
