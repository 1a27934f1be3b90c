/**
 * The repair loop: a violation of a check no grammar enforces (here a `require` substring) is sent
 * back to the model with the violations listed, at most max_attempts times in all, and the best
 * attempt comes back with its own report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GenerateResponse } from '../../src/constraints/generate-api.js';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { typescriptFunctionSet } from '../helpers/constraint-sets.js';
import { engineEnv, generateApp, post, requireText } from './harness.js';

let engine: ReferenceEngine;

beforeAll(async () => {
  engine = await startReferenceEngine({ port: 0 });
});

afterAll(async () => {
  await engine.close();
});

function setRequiring(pattern: string) {
  const set = typescriptFunctionSet();
  set.constraints.push(requireText(pattern));
  return set;
}

type Message = { role: string; content: string };

describe('repair loop', () => {
  it('retries with the violations, stops at max_attempts, and returns the attempt with the fewest violations', async () => {
    const { app } = generateApp();
    const set = setRequiring('Number.isFinite');
    const requireId = set.constraints.at(-1)!.id;
    const start = engine.requests.length;
    const answer = await post(app, engineEnv(engine.url), { intent: 'sum the prices', constraints: set, seed: 11, max_attempts: 3 });
    expect(answer.status).toBe(200);
    const response = GenerateResponse.parse(answer.body);
    const sent = engine.requests.slice(start).map((request) => (request.body as { messages: Message[] }).messages);
    expect(sent).toHaveLength(3);
    expect(response.attempts.map((attempt) => attempt.attempt)).toEqual([1, 2, 3]);
    expect(sent[0]!.map((message) => message.role)).toEqual(['system', 'user']);
    for (const index of [1, 2]) {
      const messages = sent[index]!;
      expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
      expect(messages.slice(0, 2)).toEqual(sent[0]);
      expect(messages[2]!.content).toBe(response.attempts[index - 1]!.code);
      expect(messages[3]!.content).toContain('Your answer breaks these rules:');
      expect(messages[3]!.content).toContain('- require: does not contain "Number.isFinite". the codebase always uses Number.isFinite');
      expect(messages[3]!.content).toContain('Write the whole function again with these fixed.');
    }
    for (const attempt of response.attempts) {
      expect(attempt.validation!.all_satisfied).toBe(false);
      expect(attempt.validation!.violations).toContainEqual({ constraint_id: requireId, check: 'require', message: 'does not contain "Number.isFinite"' });
      expect(attempt.engine_failure).toBeUndefined();
    }
    const fewest = Math.min(...response.attempts.map((attempt) => attempt.validation!.violated));
    expect(response.chosen_attempt).toBe(response.attempts.find((attempt) => attempt.validation!.violated === fewest)!.attempt);
    expect(response.code).toBe(response.attempts[response.chosen_attempt - 1]!.code);
    expect(response.validation.violated).toHaveLength(fewest);
    expect(response.validation.all_satisfied).toBe(false);
    expect(response.usage.completion_tokens).toBe(response.attempts.reduce((sum, attempt) => sum + attempt.usage.completion_tokens!, 0));
  });

  it('an attempt that holds ends the loop; over 30 seeds, some first attempts fail the requirement and their repair holds', async () => {
    const { app } = generateApp();
    const outcomes: string[] = [];
    for (let seed = 1; seed <= 30; seed += 1) {
      const answer = await post(app, engineEnv(engine.url), { intent: 'sum the prices', constraints: setRequiring('"'), seed, max_attempts: 2, temperature: 1 });
      const response = GenerateResponse.parse(answer.body);
      const [first, second] = response.attempts;
      if (first!.validation!.all_satisfied) {
        expect(response.attempts).toHaveLength(1);
        outcomes.push('first');
        continue;
      }
      expect(response.attempts).toHaveLength(2);
      if (second!.validation!.all_satisfied) {
        expect(response.chosen_attempt).toBe(2);
        expect(response.validation.all_satisfied).toBe(true);
        outcomes.push('repaired');
      } else {
        outcomes.push('failed');
      }
    }
    expect(outcomes).toHaveLength(30);
    expect(outcomes.filter((outcome) => outcome === 'repaired').length).toBeGreaterThan(0);
    expect(outcomes.filter((outcome) => outcome === 'first').length).toBeGreaterThan(0);
  });

  it('max_attempts is bounded by the wire schema', async () => {
    const { app } = generateApp();
    const answer = await post(app, engineEnv(engine.url), { intent: 'x', constraints: typescriptFunctionSet(), max_attempts: 6 });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_request', details: { path: 'max_attempts' } });
  });
});
