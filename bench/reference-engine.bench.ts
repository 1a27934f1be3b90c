// Reference engine throughput: tokens per second of constrained decoding in process (XGrammar mask
// + seeded sampler, one byte token per step) and over loopback HTTP, for a small EBNF grammar, a
// JSON Schema and no constraint; plus the cost of a first compile. Writes
// bench/results/reference-engine.json. Run: npx tsx bench/reference-engine.bench.ts (about 20 s)
import type { Constraint } from '../tools/reference-engine/constraints.js';
import { ConstraintCompiler } from '../tools/reference-engine/compiler.js';
import { collectText, generateText } from '../tools/reference-engine/generate.js';
import { startReferenceEngine } from '../tools/reference-engine/server.js';
import { summarise, writeReport } from './lib/report.js';

const SECONDS_PER_CASE = 2.5;

const SIGNATURE_EBNF = `root ::= "fn " name "(" params? ") -> " type
name ::= [a-z] [a-z0-9_]{0,7}
params ::= param (", " param){0,2}
param ::= name ": " type
type ::= "i32" | "bool" | "String" | "Vec<" type ">"
`;

const HANDLER_SCHEMA = JSON.stringify({
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 12 },
    method: { enum: ['GET', 'POST', 'DELETE'] },
    retries: { type: 'integer' },
    tags: { type: 'array', items: { type: 'string', maxLength: 5 }, maxItems: 3 },
    auth: { type: 'boolean' },
  },
  required: ['name', 'method', 'auth'],
  additionalProperties: false,
});

const CASES: Array<{ name: string; constraint: Constraint | undefined }> = [
  { name: 'ebnf: function signature', constraint: { kind: 'grammar', grammar: SIGNATURE_EBNF } },
  { name: 'json schema: handler config', constraint: { kind: 'json_schema', schema: HANDLER_SCHEMA, anyWhitespace: true } },
  { name: 'unconstrained', constraint: undefined },
];

interface Throughput {
  name: string;
  requests: number;
  tokens: number;
  mean_tokens_per_request: number;
  tokens_per_second: number;
  requests_per_second: number;
}

async function inProcess(compiler: ConstraintCompiler, name: string, constraint: Constraint | undefined): Promise<Throughput> {
  let requests = 0;
  let tokens = 0;
  const started = performance.now();
  while (performance.now() - started < SECONDS_PER_CASE * 1000) {
    const lease = constraint ? await compiler.openMatcher(constraint) : undefined;
    const result = await collectText(generateText({ prompt: 'bench', maxTokens: 512, temperature: 1, seed: requests, stop: [] }, lease));
    requests += 1;
    tokens += result.completionTokens;
  }
  return throughput(name, requests, tokens, performance.now() - started);
}

async function overHttp(url: string, name: string, body: Record<string, unknown>, seconds = SECONDS_PER_CASE): Promise<Throughput> {
  let requests = 0;
  let tokens = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    const response = await fetch(`${url}/v1/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'bench', seed: requests, max_tokens: 512, ...body }),
    });
    const answer = (await response.json()) as { usage: { completion_tokens: number } };
    requests += 1;
    tokens += answer.usage.completion_tokens;
  }
  return throughput(name, requests, tokens, performance.now() - started);
}

function throughput(name: string, requests: number, tokens: number, elapsedMs: number): Throughput {
  const seconds = elapsedMs / 1000;
  return {
    name,
    requests,
    tokens,
    mean_tokens_per_request: Math.round((tokens / requests) * 10) / 10,
    tokens_per_second: Math.round(tokens / seconds),
    requests_per_second: Math.round((requests / seconds) * 10) / 10,
  };
}

/** Milliseconds to compile a grammar the cache has not seen (a fresh compiler each time). */
async function firstCompileMs(constraint: Constraint, samples: number): Promise<ReturnType<typeof summarise>> {
  const times: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    const compiler = await ConstraintCompiler.create();
    const started = performance.now();
    (await compiler.openMatcher(constraint)).release();
    times.push(performance.now() - started);
  }
  return summarise(times);
}

const compiler = await ConstraintCompiler.create();
const inProcessResults: Throughput[] = [];
for (const benchCase of CASES) inProcessResults.push(await inProcess(compiler, benchCase.name, benchCase.constraint));

const engine = await startReferenceEngine({ port: 0 });
const httpResults: Throughput[] = [];
try {
  await overHttp(engine.url, 'warm-up', {}, 0.5);
  httpResults.push(await overHttp(engine.url, 'ebnf: function signature', { structured_outputs: { grammar: SIGNATURE_EBNF } }));
  httpResults.push(await overHttp(engine.url, 'json schema: handler config', { response_format: { type: 'json_schema', json_schema: { name: 'handler', schema: JSON.parse(HANDLER_SCHEMA) } } }));
} finally {
  await engine.close();
}

const compileResults = {
  'ebnf: function signature': await firstCompileMs(CASES[0]!.constraint!, 20),
  'json schema: handler config': await firstCompileMs(CASES[1]!.constraint!, 20),
};

const path = await writeReport('reference-engine', {
  notes: [
    'one token per byte: tokens/s is bytes of output per second',
    'in process: compiled grammar cached, a fresh matcher per request (as a server does); over HTTP: sequential requests on loopback',
    'first compile: milliseconds from constraint to a ready matcher with an empty cache, p50/p95 over 20 fresh compilers',
  ],
  in_process: inProcessResults,
  over_http: httpResults,
  first_compile_ms: compileResults,
});
for (const row of [...inProcessResults.map((result) => ({ where: 'in process', ...result })), ...httpResults.map((result) => ({ where: 'http', ...result }))]) {
  console.log(`${row.where.padEnd(10)} ${row.name.padEnd(28)} ${String(row.tokens_per_second).padStart(8)} tokens/s  ${row.requests_per_second} req/s  ${row.mean_tokens_per_request} tokens/req`);
}
for (const [name, summary] of Object.entries(compileResults)) console.log(`first compile ${name}: p50 ${summary.p50} ms, p95 ${summary.p95} ms`);
console.log(`wrote ${path}`);
