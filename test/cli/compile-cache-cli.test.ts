/**
 * The CLI stops recompiling: `ananke compile` and `ananke generate` read compiled IR from the disk
 * cache, `ananke generate --ir` uses an IR file without compiling, and both say what they do on
 * stderr. Run as a user runs them, against the reference engine. Times are printed, never asserted.
 */
import { readdir, readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILER_VERSION } from '../../src/compile/compile.js';
import { GenerateResponse } from '../../src/constraints/generate-api.js';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { ananke as runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/extract.js';

let directory: string;
let engine: ReferenceEngine;

function environment(): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('INFERENCE_') && !name.startsWith('ANANKE_')));
  return { ...clean, INFERENCE_RETRIES: '0' };
}

function ananke(args: string[]) {
  return runCli(args, { cwd: directory, env: environment() });
}

/** Every entry file under a cache folder (temp files included). */
async function entriesIn(cacheDir: string): Promise<string[]> {
  const root = join(cacheDir, 'v1');
  const shards = await readdir(root).catch(() => [] as string[]);
  const files = await Promise.all(shards.map(async (shard) => (await readdir(join(root, shard)).catch(() => [] as string[])).map((name) => join(root, shard, name))));
  return files.flat();
}

const GENERATE = ['generate', 'load the order or raise', '--constraints', 'constraints.json', '--target', 'load_order', '--seed', '3', '--attempts', '1', '--max-tokens', '64', '--json'];

async function generate(extra: string[]): Promise<{ code: number; stderr: string; response: GenerateResponse }> {
  const result = await ananke([...GENERATE, '--engine-url', engine.url, ...extra]);
  expect([0, 3], result.stderr).toContain(result.code);
  return { code: result.code, stderr: result.stderr, response: GenerateResponse.parse(JSON.parse(result.stdout)) };
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ananke-compile-cache-'));
  engine = await startReferenceEngine({ port: 0 });
  const extracted = await ananke(['extract', join(FIXTURES, 'python', 'orders_api.py'), '-o', 'constraints.json', '-q']);
  expect(extracted.code, extracted.stderr).toBe(0);
});

afterAll(async () => {
  await engine?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('ananke generate through the disk compile cache', () => {
  it('compiles once: the second run on the same constraints is a compile cache hit', async () => {
    const cacheDir = join(directory, 'cache-twice');
    const first = await generate(['--cache-dir', cacheDir, '--progress']);
    const second = await generate(['--cache-dir', cacheDir, '--progress']);
    console.log(`ananke generate compile_ms: first run ${first.response.timings.compile_ms} ms (cache ${first.response.provenance.cache}), second run ${second.response.timings.compile_ms} ms (cache ${second.response.provenance.cache})`);
    expect(first.response.provenance).toMatchObject({ cache: 'miss', compiler_version: COMPILER_VERSION, source: 'constraints' });
    expect(first.stderr).toContain(`compiling ${first.response.provenance.ir_id} (cache miss)...`);
    expect(first.stderr).toMatch(new RegExp(`compiled ${first.response.provenance.ir_id} in [\\d.]+ ms \\(cache miss, stored in ${cacheDir}\\)`));
    expect(second.response.provenance).toMatchObject({ cache: 'hit', ir_id: first.response.provenance.ir_id });
    expect(second.stderr).toMatch(new RegExp(`compile cache hit: ${second.response.provenance.ir_id} \\([\\d.]+ ms\\)`));
    expect(second.stderr).not.toContain('compiling');
    expect(second.stderr).toMatch(/generating with vllm \(default\)\.\.\.\ngenerated \d+ tokens in [\d.]+ ms \(1 attempt\), validated in [\d.]+ ms/);
    expect(await entriesIn(cacheDir)).toHaveLength(1);
  });

  it('ignores a corrupt entry with a warning, compiles again and overwrites it', async () => {
    const cacheDir = join(directory, 'cache-corrupt');
    await generate(['--cache-dir', cacheDir]);
    const [entry] = await entriesIn(cacheDir);
    const whole = await readFile(entry!);
    await writeFile(entry!, whole.subarray(0, whole.byteLength >> 1));
    const again = await generate(['--cache-dir', cacheDir]);
    expect(again.stderr).toContain(`warning: ignored the compile cache entry ${entry}: `);
    expect(again.stderr).toContain('it is compiled again and overwritten');
    expect(again.response.provenance.cache).toBe('miss');
    // Rewritten whole: the same value after a new header (its expiry moved on).
    const body = (bytes: Buffer) => bytes.subarray(bytes.indexOf(0x0a) + 1);
    expect(body(await readFile(entry!)).equals(body(whole))).toBe(true);
    const third = await generate(['--cache-dir', cacheDir]);
    expect(third.response.provenance.cache).toBe('hit');
    expect(third.stderr).not.toContain('warning:');
  });

  it('takes the folder from ANANKE_CACHE_DIR, and --no-cache writes nothing', async () => {
    const cacheDir = join(directory, 'cache-env');
    const viaEnv = await runCli([...GENERATE, '--engine-url', engine.url], { cwd: directory, env: { ...environment(), ANANKE_CACHE_DIR: cacheDir } });
    expect([0, 3]).toContain(viaEnv.code);
    expect(await entriesIn(cacheDir)).toHaveLength(1);
    const off = join(directory, 'cache-off');
    const result = await generate(['--cache-dir', off, '--no-cache', '--progress']);
    expect(result.response.provenance.cache).toBe('miss');
    expect(result.stderr).toContain('(cache off)');
    expect(await entriesIn(off)).toEqual([]);
  });

  it('reports no progress when stderr is not a terminal, unless --progress', async () => {
    const result = await generate(['--cache-dir', join(directory, 'cache-quiet')]);
    expect(result.stderr).not.toMatch(/compiling|compiled|generating/);
  });
});

describe('ananke compile through the disk compile cache', () => {
  it('says miss then hit, and prints the same IR both times', async () => {
    const cacheDir = join(directory, 'cache-compile');
    const args = ['compile', 'constraints.json', '--target', 'load_order', '--cache-dir', cacheDir];
    const first = await ananke(args);
    const second = await ananke([...args, '--progress']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^ir_[0-9a-f]{16}: \d+ checks, \d+ warnings, \d+ conflicts resolved, compile cache miss\n$/);
    expect(second.stderr).toMatch(/^compile cache hit: ir_[0-9a-f]{16} \([\d.]+ ms\)\nir_[0-9a-f]{16}: .*, compile cache hit\n$/);
    expect(second.stdout).toBe(first.stdout);
  });
});

describe('ananke generate --ir', () => {
  beforeAll(async () => {
    const compiled = await ananke(['compile', 'constraints.json', '--target', 'load_order', '-o', 'ir.json', '--no-cache']);
    expect(compiled.code, compiled.stderr).toBe(0);
    const gbnf = await ananke(['compile', 'constraints.json', '--target', 'load_order', '--dialect', 'gbnf', '-o', 'load-order.gbnf', '--no-cache']);
    expect(gbnf.code, gbnf.stderr).toBe(0);
    const ir = JSON.parse(await readFile(join(directory, 'ir.json'), 'utf8'));
    await writeFile(join(directory, 'old-ir.json'), JSON.stringify({ ...ir, compiler_version: '0.0.1+000000000000' }));
  });

  const IR_ARGS = ['generate', 'load the order', '--seed', '3', '--attempts', '1', '--max-tokens', '64', '--json'];

  it('uses the IR file as it is, with no compile and nothing cached', async () => {
    const cacheDir = join(directory, 'cache-ir');
    const result = await ananke([...IR_ARGS, '--ir', 'ir.json', '--engine-url', engine.url, '--cache-dir', cacheDir, '--progress']);
    expect([0, 3], result.stderr).toContain(result.code);
    const response = GenerateResponse.parse(JSON.parse(result.stdout));
    const ir = JSON.parse(await readFile(join(directory, 'ir.json'), 'utf8'));
    expect(response.provenance).toMatchObject({ ir_id: ir.id, source: 'ir_id', compiler_version: COMPILER_VERSION, shape: 'function', language: 'python' });
    expect(result.stderr).toContain(`using ${ir.id} from ir.json (no compile)`);
    expect(result.stderr).not.toContain('warning:');
    expect(engine.requests.at(-1)!.constraint).toEqual({ kind: 'grammar', source: 'structured_outputs.grammar' });
    expect(await entriesIn(cacheDir)).toEqual([]);
  });

  it('uses an IR of another compiler version with a warning', async () => {
    const result = await ananke([...IR_ARGS, '--ir', 'old-ir.json', '--engine-url', engine.url]);
    expect([0, 3], result.stderr).toContain(result.code);
    expect(result.stderr).toContain(`warning: old-ir.json was compiled by compiler 0.0.1+000000000000, this is ${COMPILER_VERSION}: using it as it is`);
    expect(GenerateResponse.parse(JSON.parse(result.stdout)).provenance.compiler_version).toBe('0.0.1+000000000000');
  });

  it('refuses a file that is not an IR, with a coded error and what to pass instead', async () => {
    const grammar = await ananke([...IR_ARGS, '--ir', 'load-order.gbnf', '--engine-url', engine.url]);
    expect(grammar.code).toBe(1);
    expect(grammar.stderr).toContain('error [invalid_json]: load-order.gbnf is not JSON, so not a compiled IR');
    expect(grammar.stderr).toContain('hint: pass the IR JSON written by `ananke compile <constraints.json> -o ir.json`');
    const set = await ananke([...IR_ARGS, '--ir', 'constraints.json', '--engine-url', engine.url]);
    expect(set.code).toBe(1);
    expect(set.stderr).toContain('error [unprocessable]: constraints.json is not a compiled IR: id:');
    expect(set.stderr).toContain('hint: this looks like a constraint set: pass it with --constraints');
    const missing = await ananke([...IR_ARGS, '--ir', 'nowhere.json', '--engine-url', engine.url]);
    expect(missing.stderr).toContain('error [not_found]: cannot read the IR file nowhere.json');
    const both = await ananke([...IR_ARGS, '--ir', 'ir.json', '--constraints', 'constraints.json', '--engine-url', engine.url]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('error [invalid_request]: give one of --constraints, --context or --ir');
  });

  it('refuses a shape the IR was not compiled for', async () => {
    const result = await ananke([...IR_ARGS, '--ir', 'ir.json', '--shape', 'module', '--engine-url', engine.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error \[unprocessable\]: ir_[0-9a-f]{16} was compiled for the function shape, not module/);
  });
});
