import type { CompiledIR } from '../constraints/compile-api.js';
import type { ChatMessage } from './types.js';

/**
 * The prompt every provider sends: a system message with what to write and the IR's prompt rules,
 * and a user message with the intent (and, for a hole, the code around it). Same input, same
 * text: nothing here reads a clock or a random source.
 */
export interface PromptInput {
  intent: string;
  ir: CompiledIR;
  /** Hole shape: the code before the hole. */
  prefix?: string;
  /** Hole shape: the code after the hole. */
  suffix?: string;
}

const OUTPUT_ONLY = 'Output only the code, with no explanation and no Markdown fences.';

function task(ir: CompiledIR): string {
  const language = ir.language ?? 'source';
  const target = ir.target === undefined ? '' : ` for \`${ir.target}\``;
  switch (ir.shape) {
    case 'function':
      return `Write one ${language} function${target}. ${OUTPUT_ONLY}`;
    case 'module':
      return `Write one ${language} module${target}. ${OUTPUT_ONLY}`;
    case 'json':
      return `Answer with one JSON value${target} and nothing else: no explanation and no Markdown fences.`;
    case 'hole':
      return `Write the ${language} code that fills the hole between the prefix and the suffix you are given. Output only that code, with no explanation and no Markdown fences; do not repeat the prefix or the suffix.`;
  }
}

export function systemPrompt(ir: CompiledIR, extraRules: readonly string[] = []): string {
  const rules = [...new Set([...ir.prompt_rules, ...extraRules])];
  if (rules.length === 0) return task(ir);
  return `${task(ir)}\n\nRules:\n${rules.map((rule) => `- ${rule}`).join('\n')}`;
}

function userPrompt(input: PromptInput): string {
  if (input.ir.shape !== 'hole') return input.intent;
  return [input.intent, '', '<prefix>', input.prefix ?? '', '</prefix>', '<suffix>', input.suffix ?? '', '</suffix>'].join('\n');
}

export function buildMessages(input: PromptInput): ChatMessage[] {
  return [
    { role: 'system', content: systemPrompt(input.ir) },
    { role: 'user', content: userPrompt(input) },
  ];
}

/** Adds rules to the system message (first one, or a new one in front), each once. */
export function withPromptRules(messages: readonly ChatMessage[], rules: readonly string[]): ChatMessage[] {
  if (rules.length === 0) return [...messages];
  const bullets = rules.map((rule) => `- ${rule}`).join('\n');
  const index = messages.findIndex((message) => message.role === 'system');
  if (index === -1) return [{ role: 'system', content: `Rules:\n${bullets}` }, ...messages];
  return messages.map((message, position) => (position === index ? { role: 'system', content: `${message.content}\n\nEngine constraints:\n${bullets}` } : message));
}

/**
 * One text for engines that take a raw prompt (SGLang /generate, llama.cpp /completion, the seed
 * service). No chat template is applied: give a `prompt` already templated for the model when
 * it matters.
 */
export function flattenMessages(messages: readonly ChatMessage[]): string {
  return messages.map((message) => `### ${message.role}\n${message.content}`).join('\n\n') + '\n\n### assistant\n';
}
