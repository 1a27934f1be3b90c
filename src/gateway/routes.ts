import type { Hono } from 'hono';
import { AnankeError } from '../errors.js';
import { createApp } from '../http/app.js';

/** What a service binding offers the gateway. */
export interface ServiceBinding {
  fetch(input: Request | string, init?: RequestInit): Promise<Response>;
}

/** Service bindings to the stage Workers; a missing one answers 503 with the fix. */
export interface GatewayBindings {
  EXTRACT?: ServiceBinding;
  COMPILE?: ServiceBinding;
  GENERATE?: ServiceBinding;
}

type Stage = keyof GatewayBindings;

const ROUTES: [string, Stage][] = [
  ['/v1/extract', 'EXTRACT'],
  ['/v1/compile', 'COMPILE'],
  ['/v1/compiled/*', 'COMPILE'],
  ['/v1/constraint-sets', 'COMPILE'],
  ['/v1/constraint-sets/*', 'COMPILE'],
  ['/v1/generate', 'GENERATE'],
  ['/v1/validate', 'GENERATE'],
];

function binding(env: GatewayBindings, stage: Stage): ServiceBinding {
  const service = env[stage];
  if (!service) {
    throw new AnankeError('unavailable', `the ${stage.toLowerCase()} service is not bound to the gateway`, `add [[services]] binding = "${stage}" service = "ananke-${stage.toLowerCase()}" to wrangler.toml and deploy that Worker`);
  }
  return service;
}

async function stageHealth(env: GatewayBindings, stage: Stage): Promise<{ status: string; detail?: unknown }> {
  const service = env[stage];
  if (!service) return { status: 'unbound' };
  try {
    const response = await service.fetch('https://internal/health');
    return { status: response.ok ? 'ok' : `http_${response.status}`, detail: await response.json().catch(() => undefined) };
  } catch (error) {
    return { status: 'unreachable', detail: String((error as Error).message ?? error).slice(0, 200) };
  }
}

/** The gateway: one public origin that forwards each route to its stage Worker over a service binding. */
export function createGatewayApp(): Hono<{ Bindings: GatewayBindings }> {
  const app = createApp<{ Bindings: GatewayBindings }>('gateway');
  app.get('/health', async (context) => {
    const stages = ['EXTRACT', 'COMPILE', 'GENERATE'] as const;
    const results = await Promise.all(stages.map((stage) => stageHealth(context.env, stage)));
    const services = Object.fromEntries(stages.map((stage, index) => [stage.toLowerCase(), results[index]]));
    return context.json({ status: 'ok', service: 'gateway', services });
  });
  for (const [path, stage] of ROUTES) {
    app.all(path, (context) => binding(context.env, stage).fetch(context.req.raw));
  }
  return app;
}
