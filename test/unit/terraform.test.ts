// Terraform providers cannot be downloaded here, so the configuration is checked by parsing it:
// every file parses, every variable used is declared, and the route points at the gateway Worker.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const TERRAFORM = join(ROOT, 'terraform');

async function parsedFiles(): Promise<Record<string, Record<string, unknown>>> {
  const files = readdirSync(TERRAFORM).filter((name) => name.endsWith('.tf')).sort();
  const entries = await Promise.all(files.map(async (name) => [name, await parse(name, readFileSync(join(TERRAFORM, name), 'utf8'))] as const));
  return Object.fromEntries(entries);
}

function workerName(config: string): string {
  return /^name\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, config), 'utf8'))![1]!;
}

describe('terraform/', () => {
  it('declares every variable it uses', async () => {
    const files = await parsedFiles();
    const declared = new Set(Object.values(files).flatMap((file) => Object.keys((file.variable as Record<string, unknown>) ?? {})));
    const text = Object.keys(files).map((name) => readFileSync(join(TERRAFORM, name), 'utf8')).join('\n');
    const used = new Set([...text.matchAll(/var\.([a-z_]+)/g)].map((match) => match[1]!));
    expect([...used].filter((name) => !declared.has(name))).toEqual([]);
    expect(declared.size).toBeGreaterThan(0);
  });

  it('routes public traffic to the gateway Worker that wrangler.toml deploys', async () => {
    const files = await parsedFiles();
    const resources = files['main.tf']!.resource as Record<string, Record<string, [{ script?: string }]>>;
    expect(resources.cloudflare_workers_route!.gateway![0].script).toBe(workerName('wrangler.toml'));
  });

  it('creates the KV namespace the cache binds as CONSTRAINT_CACHE and outputs its id', async () => {
    const files = await parsedFiles();
    expect(Object.keys((files['main.tf']!.resource as Record<string, unknown>).cloudflare_workers_kv_namespace as object)).toEqual(['constraint_cache']);
    expect(Object.keys(files['outputs.tf']!.output as object)).toContain('constraint_cache_kv_id');
  });
});
