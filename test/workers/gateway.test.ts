import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const gateway = (exports as unknown as { default: { fetch(input: string, init?: RequestInit): Promise<Response> } }).default;

describe('gateway inside workerd', () => {
  it('forwards /v1/extract to the EXTRACT service binding with method, path and body', async () => {
    const response = await gateway.fetch('https://ananke.test/v1/extract', { method: 'POST', body: '{"language":"go","source":"package main"}' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ stage: 'extract', method: 'POST', path: '/v1/extract', body: '{"language":"go","source":"package main"}' });
  });

  it('answers 503 with the fix when a stage is not bound', async () => {
    const response = await gateway.fetch('https://ananke.test/v1/generate', { method: 'POST', body: '{}' });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; hint: string } };
    expect(body.error.code).toBe('unavailable');
    expect(body.error.hint).toContain('service = "ananke-generate"');
  });

  it('reports each stage in /health', async () => {
    const response = await gateway.fetch('https://ananke.test/health');
    const body = (await response.json()) as { services: Record<string, { status: string }> };
    expect(body.services.extract?.status).toBe('ok');
    expect(body.services.compile?.status).toBe('unbound');
  });
});
