import type { Shape } from '../constraints/compile-api.js';
import { GENERATE_LIMITS } from '../constraints/generate-api.js';
import type { ValidationReport, Violation } from '../constraints/validate-api.js';
import type { ChatMessage } from '../providers/index.js';

export interface PreviousAttempt {
  /** What the engine wrote. */
  text: string;
  report: ValidationReport;
  truncated: boolean;
}

const AGAIN: Record<Shape, string> = {
  function: 'Write the whole function again with these fixed.',
  module: 'Write the whole module again with these fixed.',
  json: 'Answer again with one JSON value that fixes them.',
  hole: 'Write the code for the hole again with these fixed.',
};

function where(violation: Violation): string {
  return violation.location ? ` (line ${violation.location.line}, column ${violation.location.column})` : '';
}

function bullet(violation: Violation): string {
  return `- ${violation.check}${where(violation)}: ${violation.message}. ${violation.hint}`;
}

/** The user message that asks for a repair: every violation (up to a limit) with where and how to fix it. */
export function repairInstruction(previous: PreviousAttempt, shape: Shape, maxTokens: number): string {
  const listed = previous.report.violated.slice(0, GENERATE_LIMITS.maxViolationsInRepair);
  const more = previous.report.violated.length - listed.length;
  return [
    'Your answer breaks these rules:',
    ...listed.map(bullet),
    ...(more > 0 ? [`- and ${more} more like these`] : []),
    ...(previous.truncated ? [`It was also cut off at ${maxTokens} tokens: make it shorter.`] : []),
    '',
    `${AGAIN[shape]} Output only the code, with no explanation and no Markdown fences.`,
  ].join('\n');
}

/**
 * The conversation for the next attempt: the original messages, the previous answer, and the
 * repair instruction. Only the latest answer is kept, so the prompt does not grow with attempts.
 */
export function repairMessages(original: readonly ChatMessage[], previous: PreviousAttempt, shape: Shape, maxTokens: number): ChatMessage[] {
  return [...original, { role: 'assistant', content: previous.text }, { role: 'user', content: repairInstruction(previous, shape, maxTokens) }];
}
