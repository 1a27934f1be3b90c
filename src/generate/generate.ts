import type { Attempt, EngineFailure, GenerateRequest, GenerateResponse, GenerateWarning } from '../constraints/generate-api.js';
import type { Language } from '../constraints/schema.js';
import type { Parsers } from '../extract/parser.js';
import { buildMessages, type ChatMessage } from '../providers/index.js';
import { assessOutput, sentConstraint } from './assess.js';
import { callEngine, emptyAnswer, type GenerateListener, type GenerateServices } from './engine-call.js';
import { attemptError, engineError, withReport } from './errors.js';
import { repairMessages } from './repair.js';
import { resolveIr, type ResolvedIr } from './resolve.js';
import { bestOf, capWarnings, compileWarnings, provenanceOf, round, sumUsage, timingsOf, type AttemptRecord, type Timings } from './response.js';
import { summarise } from './validation.js';

export type { GenerateListener, GenerateServices } from './engine-call.js';

/** The language the output is checked as: the IR's, else the request's; JSON values are read as JavaScript literals. */
function outputLanguage(resolved: ResolvedIr, request: GenerateRequest): Language {
  return resolved.ir.language ?? request.language ?? 'javascript';
}

class AttemptLoop {
  readonly records: AttemptRecord[] = [];
  readonly timings: Timings;
  private readonly now: () => number;
  private readonly original: ChatMessage[];

  constructor(
    private readonly request: GenerateRequest,
    private readonly resolved: ResolvedIr,
    private readonly services: GenerateServices,
    private readonly parsers: Parsers,
    private readonly listener: GenerateListener | undefined,
    started: number,
  ) {
    this.now = services.now ?? (() => performance.now());
    this.timings = { started, generate_ms: 0, validate_ms: 0 };
    this.original = buildMessages({ intent: request.intent, ir: resolved.ir, ...(request.prefix !== undefined ? { prefix: request.prefix } : {}), ...(request.suffix !== undefined ? { suffix: request.suffix } : {}) });
  }

  /** Runs attempts until one holds, the engine fails its constraint, or max_attempts is spent; throws only when no attempt completed. */
  async run(): Promise<void> {
    let messages = this.original;
    for (let attempt = 1; attempt <= this.request.max_attempts; attempt += 1) {
      this.listener?.onAttempt(attempt);
      const record = await this.attempt(attempt, messages);
      this.records.push(record);
      const assessment = record.assessment;
      if (!assessment) return;
      if (assessment.engineFailure || assessment.report.all_satisfied) return;
      messages = repairMessages(this.original, { text: record.entry.code, report: assessment.report, truncated: assessment.truncated }, this.resolved.shape, this.request.max_tokens);
    }
  }

  private async attempt(attempt: number, messages: ChatMessage[]): Promise<AttemptRecord> {
    const retries: Attempt['retries'] = [];
    const callStarted = this.now();
    const answer = emptyAnswer();
    try {
      await callEngine({ services: this.services, request: this.request, resolved: this.resolved, messages, attempt, listener: this.listener, retries }, answer);
    } catch (error) {
      const failure = engineError(error);
      const generate_ms = this.now() - callStarted;
      this.timings.generate_ms += generate_ms;
      const entry: Attempt = { attempt, code: answer.text, error: attemptError(failure), retries, usage: answer.usage, generate_ms: round(generate_ms), validate_ms: 0 };
      if (this.records.length === 0) throw withReport(failure, this.report([{ entry, providerWarnings: [] }]));
      return { entry, providerWarnings: [] };
    }
    const generate_ms = this.now() - callStarted;
    const validateStarted = this.now();
    const assessment = assessOutput({
      text: answer.text,
      finishReason: answer.finishReason,
      ir: this.resolved.ir,
      shape: this.resolved.shape,
      language: outputLanguage(this.resolved, this.request),
      ...(this.request.prefix !== undefined ? { prefix: this.request.prefix } : {}),
      ...(this.request.suffix !== undefined ? { suffix: this.request.suffix } : {}),
      sent: sentConstraint(this.resolved.ir, answer.warnings, this.services.provider.dialects),
      parsers: this.parsers,
    });
    const validate_ms = this.now() - validateStarted;
    this.timings.generate_ms += generate_ms;
    this.timings.validate_ms += validate_ms;
    const entry: Attempt = {
      attempt,
      code: answer.text,
      finish_reason: answer.finishReason,
      validation: summarise(assessment.report),
      ...(assessment.engineFailure ? { engine_failure: assessment.engineFailure } : {}),
      retries,
      usage: answer.usage,
      generate_ms: round(generate_ms),
      validate_ms: round(validate_ms),
    };
    return { entry, assessment, providerWarnings: answer.warnings };
  }

  /** What the request did so far, for an error envelope. */
  report(extra: readonly AttemptRecord[] = []): Record<string, unknown> {
    return { attempts: [...this.records, ...extra].map((record) => record.entry), provenance: provenanceOf(this.resolved), timings: timingsOf(this.resolved, this.timings, this.now()) };
  }

  response(): GenerateResponse {
    const best = bestOf(this.records);
    const { assessment } = best;
    const engineFailure: EngineFailure | undefined = assessment.engineFailure ?? this.records.find((record) => record.assessment?.engineFailure)?.assessment?.engineFailure;
    const failedLater = this.records.filter((record) => record.entry.error);
    const warnings: GenerateWarning[] = [
      ...this.resolved.warnings,
      ...assessment.warnings,
      ...best.providerWarnings.map((warning) => ({ source: 'provider' as const, code: warning.code, message: warning.message, setting: warning.setting })),
      ...failedLater.map((record) => ({ source: 'generate' as const, code: 'repair_failed', message: `attempt ${record.entry.attempt} failed (${record.entry.error!.message}); the best earlier attempt is returned` })),
      ...compileWarnings(this.resolved, this.services.provider),
    ];
    return {
      code: assessment.code,
      ...(assessment.document !== undefined ? { document: assessment.document } : {}),
      validation: assessment.report,
      ...(engineFailure ? { engine_failure: engineFailure } : {}),
      provenance: provenanceOf(this.resolved),
      usage: sumUsage(this.records),
      timings: timingsOf(this.resolved, this.timings, this.now()),
      provider: this.services.provider.name,
      model: this.services.provider.provider.model,
      warnings: capWarnings(warnings),
      chosen_attempt: best.entry.attempt,
      attempts: this.records.map((record) => record.entry),
    };
  }
}

/** A request whose IR is resolved: what can fail as a plain HTTP error has, and the engine has not been called. */
export interface Generation {
  resolved: ResolvedIr;
  run(listener?: GenerateListener): Promise<GenerateResponse>;
}

/**
 * Resolves the IR of a request (inline constraints, an IR from the cache by id, or context files
 * extracted and compiled, all through the cache). Errors here are the request's (4xx) or the
 * cache's, before any engine call.
 */
export async function startGeneration(request: GenerateRequest, services: GenerateServices): Promise<Generation> {
  const now = services.now ?? (() => performance.now());
  const started = now();
  const resolved = await resolveIr(request, { store: services.store, parsers: services.parsers, dialects: services.provider.dialects, now });
  const parsers = await services.parsers();
  return {
    resolved,
    async run(listener) {
      const loop = new AttemptLoop(request, resolved, services, parsers, listener, started);
      await loop.run();
      return loop.response();
    },
  };
}

/**
 * Generates code for one request: calls the engine through retries and the circuit breaker,
 * validates every output, repairs what the grammar could not enforce, and returns the best
 * attempt with its report. Engine errors throw the shared envelope with the attempts so far
 * in `details`.
 */
export async function generateCode(request: GenerateRequest, services: GenerateServices, listener?: GenerateListener): Promise<GenerateResponse> {
  return (await startGeneration(request, services)).run(listener);
}
