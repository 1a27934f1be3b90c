import { describe, expect, it } from 'vitest';
import { createGatewayApp } from '../../src/gateway/routes.js';

describe('gateway without a stage bound', () => {
  it('answers 503 with the wrangler.toml fix', async () => {
    const response = await createGatewayApp().request('/v1/generate', { method: 'POST', body: '{}' }, {});
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; hint: string } };
    expect(body.error.code).toBe('unavailable');
    expect(body.error.hint).toBe('add [[services]] binding = "GENERATE" service = "ananke-generate" to wrangler.toml and deploy that Worker');
  });

  it('reports the unbound stage in /health', async () => {
    const response = await createGatewayApp().request('/health', {}, {});
    expect(((await response.json()) as { services: Record<string, { status: string }> }).services.generate).toEqual({ status: 'unbound' });
  });
});
