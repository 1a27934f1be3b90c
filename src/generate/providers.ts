import type { CacheBindings } from '../cache/index.js';
import type { Dialect, Engine } from '../constraints/compile-api.js';
import { ProviderName } from '../constraints/generate-api.js';
import { AnankeError } from '../errors.js';
import { PROVIDER_IDS, providerFromConfig, type ProviderBindings, type ProviderId, type ProviderV1 } from '../providers/index.js';

/**
 * The generate Worker's bindings: the cache, the default provider (INFERENCE_*), and optionally
 * more named providers a request may pick by name. Nothing a request sends becomes a URL.
 */
export interface GenerateBindings extends CacheBindings, ProviderBindings {
  /**
   * JSON object of extra providers by name, each with the INFERENCE_* settings of one engine:
   * `{"gpu-b": {"INFERENCE_PROVIDER": "llama-cpp", "INFERENCE_BASE_URL": "http://gpu-b:8080"}}`.
   * A key travels as a secret whose name the entry gives in INFERENCE_API_KEY_SECRET.
   */
  INFERENCE_PROVIDERS?: string;
}

export interface ConfiguredProvider {
  /** What a request names it by: the key in INFERENCE_PROVIDERS, or the default's provider id. */
  name: string;
  id: ProviderId;
  provider: ProviderV1;
  /** The IR dialects this engine reads: generate compiles only these. */
  dialects: Dialect[];
  /** Whose structured-output rules it follows, to pick the compile warnings that concern it. */
  engine: Engine | undefined;
}

const ENTRY_SETTINGS = ['INFERENCE_PROVIDER', 'INFERENCE_BASE_URL', 'INFERENCE_MODEL', 'INFERENCE_BACKEND', 'INFERENCE_ROUTE', 'INFERENCE_API_KEY_SECRET'] as const;
type EntrySetting = (typeof ENTRY_SETTINGS)[number];
type ProviderEntry = Partial<Record<EntrySetting, string>>;

const FIX_ENTRIES = 'Set INFERENCE_PROVIDERS under [vars] in wrangler.toml to a JSON object like {"gpu-b": {"INFERENCE_PROVIDER": "llama-cpp", "INFERENCE_BASE_URL": "http://gpu-b:8080"}}.';

function configError(message: string, hint: string = FIX_ENTRIES): AnankeError {
  return new AnankeError('unavailable', message, hint, { reason: 'provider_not_configured', setting: 'INFERENCE_PROVIDERS' });
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * Which IR dialects an engine reads (see docs/providers.md). Compiling only these keeps cold
 * compiles fast and, for engines without a grammar field, keeps a grammar out of the prompt.
 */
export function dialectsFor(id: ProviderId, backend: string | undefined): Dialect[] {
  const lark = backend === 'guidance' || backend === 'llguidance';
  switch (id) {
    case 'vllm':
    case 'sglang':
      return ['json_schema', lark ? 'lark' : 'ebnf', 'regex'];
    case 'llama-cpp':
      return ['json_schema', 'gbnf'];
    case 'seed':
      return ['json_schema', 'lark', 'regex'];
    case 'openai':
    case 'workers-ai':
      return ['json_schema'];
  }
}

/** The grammar engine behind a provider, as compile names it in its warnings. */
export function engineFor(id: ProviderId, backend: string | undefined): Engine | undefined {
  if (backend === 'guidance' || backend === 'llguidance' || id === 'seed') return 'llguidance';
  if (id === 'vllm' || id === 'sglang') return 'xgrammar';
  if (id === 'llama-cpp') return 'llama_cpp';
  return id === 'openai' ? 'openai_strict' : undefined;
}

function checkEntry(name: string, value: unknown): ProviderEntry {
  if (!ProviderName.safeParse(name).success) throw configError(`INFERENCE_PROVIDERS names a provider "${name}", which is not a valid name.`, 'Use lowercase letters, digits, "-" and "_" (at most 64) for provider names.');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw configError(`INFERENCE_PROVIDERS.${name} is not an object of settings.`);
  const entry: ProviderEntry = {};
  for (const [key, setting] of Object.entries(value)) {
    if (key === 'INFERENCE_API_KEY') {
      throw configError(`INFERENCE_PROVIDERS.${name} holds an API key in a var.`, `Keys are secrets: run \`wrangler secret put ${name.toUpperCase().replace(/-/g, '_')}_API_KEY\` and set "INFERENCE_API_KEY_SECRET": "${name.toUpperCase().replace(/-/g, '_')}_API_KEY" in the entry instead.`);
    }
    if (!(ENTRY_SETTINGS as readonly string[]).includes(key) || typeof setting !== 'string') {
      throw configError(`INFERENCE_PROVIDERS.${name}.${key} is not a setting a provider entry takes.`, `Each entry takes string values for ${ENTRY_SETTINGS.join(', ')}.`);
    }
    entry[key as EntrySetting] = setting;
  }
  return entry;
}

const parsedEntries = new Map<string, Map<string, ProviderEntry>>();

function extraEntries(text: string | undefined): Map<string, ProviderEntry> {
  const source = nonEmpty(text);
  if (source === undefined) return new Map();
  const known = parsedEntries.get(source);
  if (known) return known;
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    throw configError(`INFERENCE_PROVIDERS is not JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw configError('INFERENCE_PROVIDERS is not a JSON object of providers by name.');
  const entries = new Map(Object.entries(json).map(([name, value]) => [name, checkEntry(name, value)] as const));
  parsedEntries.set(source, entries);
  return entries;
}

function primaryName(env: GenerateBindings): string | undefined {
  return nonEmpty(env.INFERENCE_PROVIDER)?.toLowerCase();
}

/** Every provider name a request may ask for. */
export function providerNames(env: GenerateBindings): string[] {
  const primary = primaryName(env);
  return [...(primary === undefined ? [] : [primary]), ...extraEntries(env.INFERENCE_PROVIDERS).keys()];
}

function configured(name: string, bindings: ProviderBindings): ConfiguredProvider {
  const provider = providerFromConfig(bindings);
  const id = PROVIDER_IDS.find((candidate) => candidate === provider.id)!;
  const backend = nonEmpty(bindings.INFERENCE_BACKEND)?.toLowerCase();
  return { name, id, provider, dialects: dialectsFor(id, backend), engine: engineFor(id, backend) };
}

function entryBindings(env: GenerateBindings, entry: ProviderEntry): ProviderBindings {
  const secretName = nonEmpty(entry.INFERENCE_API_KEY_SECRET);
  const secret = secretName === undefined ? undefined : (env as Record<string, unknown>)[secretName];
  if (secretName !== undefined && typeof secret !== 'string') {
    throw configError(`INFERENCE_API_KEY_SECRET names the secret ${secretName}, which is not set.`, `Run \`wrangler secret put ${secretName}\` and paste the key.`);
  }
  return {
    INFERENCE_PROVIDER: entry.INFERENCE_PROVIDER,
    INFERENCE_BASE_URL: entry.INFERENCE_BASE_URL,
    INFERENCE_MODEL: entry.INFERENCE_MODEL,
    INFERENCE_BACKEND: entry.INFERENCE_BACKEND,
    INFERENCE_ROUTE: entry.INFERENCE_ROUTE,
    INFERENCE_API_KEY: typeof secret === 'string' ? secret : undefined,
    AI: env.AI,
  };
}

/**
 * The provider a request asked for (by name), or the default one: INFERENCE_PROVIDER, else the
 * first entry of INFERENCE_PROVIDERS. An unknown name is the caller's mistake (400); a missing
 * configuration is the operator's (503, with the exact fix).
 */
export function chooseProvider(env: GenerateBindings, requested?: string): ConfiguredProvider {
  const extras = extraEntries(env.INFERENCE_PROVIDERS);
  const primary = primaryName(env);
  if (requested === undefined) {
    const first = extras.entries().next();
    if (primary === undefined && !first.done) return configured(first.value[0], entryBindings(env, first.value[1]));
    return configured(primary ?? 'default', env);
  }
  const entry = extras.get(requested);
  if (entry) return configured(requested, entryBindings(env, entry));
  if (requested === primary) return configured(primary, env);
  const names = providerNames(env);
  throw new AnankeError(
    'invalid_request',
    `provider "${requested}" is not configured on this Worker`,
    names.length > 0 ? `use one of: ${names.join(', ')} (or leave "provider" out for the default)` : 'leave "provider" out; the operator configures providers with INFERENCE_PROVIDER and INFERENCE_PROVIDERS',
    { configured: names },
  );
}
