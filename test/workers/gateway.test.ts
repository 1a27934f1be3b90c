import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const gateway = (exports as unknown as { default: { fetch(input: string, init?: RequestInit): Promise<Response> } }).default;

describe('gateway inside workerd', () => {
  it.each([
    ['/v1/extract', 'extract'],
    ['/v1/compile', 'compile'],
    ['/v1/compiled/ir_0123456789abcdef', 'compile'],
    ['/v1/constraint-sets', 'compile'],
    ['/v1/generate', 'generate'],
    ['/v1/validate', 'generate'],
  ])('forwards %s to the %s service binding with method, path and body', async (path, stage) => {
    const response = await gateway.fetch(`https://ananke.test${path}`, { method: 'POST', body: '{"language":"go"}' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ stage, method: 'POST', path, body: '{"language":"go"}' });
  });

  it('reports each stage in /health', async () => {
    const response = await gateway.fetch('https://ananke.test/health');
    const body = (await response.json()) as { services: Record<string, { status: string }> };
    expect(Object.fromEntries(Object.entries(body.services).map(([name, service]) => [name, service.status]))).toEqual({ extract: 'ok', compile: 'ok', generate: 'ok' });
  });

  it('answers unknown routes with the error envelope', async () => {
    const response = await gateway.fetch('https://ananke.test/v2/nothing');
    expect(response.status).toBe(404);
  });
});
