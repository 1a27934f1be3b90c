/**
 * The contract every ProviderV1 keeps, run against each engine with its recorded responses:
 * generate and stream agree with the fixture, the body the engine received is the one reported
 * in raw_request_body, secrets stay out of bodies and endpoints, and an abort stops the call.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderRequest, ProviderV1, StreamPart, TokenUsage, FinishReason } from '../../src/providers/types.js';

export interface ProviderHarness {
  provider: ProviderV1;
  /** The next call gets the recorded non-streaming answer. */
  answerGenerate(): void;
  /** The next call gets the recorded stream (or, for an engine that cannot stream, the plain answer). */
  answerStream(): void;
  /** The next call never gets an answer. */
  answerNever(): void;
  /** Bodies the engine received so far, parsed. */
  receivedBodies(): unknown[];
  /** A secret configured for the provider, which must appear nowhere but in headers. */
  secret: string | undefined;
  close(): Promise<void>;
}

export interface Outcome {
  text: string;
  usage: TokenUsage;
  finish_reason: FinishReason;
}

export interface ContractCase {
  name: string;
  setup(): Promise<ProviderHarness>;
  request: ProviderRequest;
  id: string;
  model: string;
  generated: Outcome;
  streamed: Outcome;
}

export async function collect(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

export function runProviderContract(contract: ContractCase): void {
  describe(`${contract.name}: provider contract`, () => {
    let harness: ProviderHarness;
    beforeEach(async () => {
      harness = await contract.setup();
    });
    afterEach(async () => {
      await harness.close();
    });

    it('is a v1 provider that names its engine, model and a secret-free endpoint', () => {
      expect(harness.provider.specificationVersion).toBe('v1');
      expect(harness.provider.id).toBe(contract.id);
      expect(harness.provider.model).toBe(contract.model);
      if (harness.secret !== undefined) expect(harness.provider.endpoint).not.toContain(harness.secret);
    });

    it('generates the recorded text, usage and finish reason, and reports the body it sent', async () => {
      harness.answerGenerate();
      const result = await harness.provider.generate(contract.request);
      expect({ text: result.text, usage: result.usage, finish_reason: result.finish_reason }).toEqual(contract.generated);
      expect(harness.receivedBodies()).toEqual([result.raw_request_body]);
      if (harness.secret !== undefined) expect(JSON.stringify(result.raw_request_body)).not.toContain(harness.secret);
    });

    it('streams a start part, text deltas that add up to the recorded text, and a finish part', async () => {
      harness.answerStream();
      const parts = await collect(harness.provider.stream(contract.request));
      const first = parts[0];
      const last = parts.at(-1);
      expect(first?.type).toBe('start');
      if (first?.type === 'start') expect(harness.receivedBodies()).toEqual([first.raw_request_body]);
      const middle = parts.slice(1, -1);
      expect(middle.every((part) => part.type === 'text-delta')).toBe(true);
      const text = middle.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
      expect(last?.type).toBe('finish');
      const finish = last?.type === 'finish' ? { usage: last.usage, finish_reason: last.finish_reason } : undefined;
      expect({ text, ...finish }).toEqual(contract.streamed);
    });

    it('stops when the caller aborts, with the caller\'s reason', async () => {
      harness.answerNever();
      const controller = new AbortController();
      const reason = new Error('caller gave up');
      const pending = harness.provider.generate(contract.request, { signal: controller.signal });
      setTimeout(() => controller.abort(reason), 20);
      await expect(pending).rejects.toBe(reason);
    });
  });
}
