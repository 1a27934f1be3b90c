import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const worker = (exports as unknown as { default: Fetcher }).default;

function post(body: string | object, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Response> {
  return worker.fetch('http://extract.test/v1/extract', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function errorOf(response: Response): Promise<{ code: string; message: string; hint: string; details?: Record<string, unknown> }> {
  const body = (await response.json()) as { error: { code: string; message: string; hint: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.hint.length).toBeGreaterThan(0);
  return body.error;
}

const TS_SOURCE = `import { readFile } from "node:fs/promises";

export async function loadConfig(path: string, strict = false): Promise<string> {
  // TODO: validate the config
  return readFile(path, "utf8");
}
`;

describe('extract worker inside workerd', () => {
  it('answers /health with the supported languages', async () => {
    const response = await worker.fetch('http://extract.test/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'extract', languages: ['typescript', 'tsx', 'javascript', 'python', 'go', 'rust', 'java'] });
  });

  it('extracts a TypeScript source with the grammars loaded from imported wasm modules', async () => {
    const response = await post({ language: 'typescript', source: TS_SOURCE, path: 'src/config.ts' });
    expect(response.status).toBe(200);
    const set = (await response.json()) as { language: string; files: unknown[]; constraints: { type: string; payload: Record<string, unknown> }[] };
    expect(set.language).toBe('typescript');
    expect(set.files).toEqual([{ path: 'src/config.ts', language: 'typescript', lines: 7, bytes: TS_SOURCE.length, is_test: false }]);
    expect(set.constraints.filter((constraint) => constraint.type === 'forbid').map((constraint) => constraint.payload.rule)).toContain('eval');
  });

  it('reports parse errors with their location instead of failing', async () => {
    const response = await post({ files: [{ path: 'broken.py', content: 'def broken(:\n    return 1\n' }] });
    expect(response.status).toBe(200);
    const set = (await response.json()) as { parse_errors: { file: string; range: { start: { line: number } } }[] };
    expect(set.parse_errors.length).toBeGreaterThan(0);
    expect(set.parse_errors[0]).toMatchObject({ file: 'broken.py', range: { start: { line: 1 } } });
  });

  it('rejects an unsupported language with 400 and the supported list', async () => {
    const response = await post({ language: 'cobol', source: 'DISPLAY "HI".' });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('unsupported_language');
    expect(error.details?.supported).toEqual(['typescript', 'tsx', 'javascript', 'python', 'go', 'rust', 'java']);
  });

  it('rejects a file whose extension says nothing with 400 naming the file', async () => {
    const error = await errorOf(await post({ files: [{ path: 'notes.txt', content: 'hello' }] }));
    expect(error).toMatchObject({ code: 'unsupported_language', details: { file: 'notes.txt' } });
  });

  it('rejects malformed JSON with 400 invalid_json', async () => {
    const response = await post('{"language": "python", ');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('invalid_json');
  });

  it('rejects a body that fails the schema with 400 and the failing path', async () => {
    const response = await post({ files: [{ path: 'a.py', content: 42 }] });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_request');
    expect(error.details?.path).toBe('files[0].content');
  });

  it('rejects a request with neither source nor files', async () => {
    const error = await errorOf(await post({ language: 'python' }));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('exactly one of');
  });

  it('rejects binary content with 400 naming the file', async () => {
    const response = await post({ files: [{ path: 'image.py', content: 'PNG\u0000\u0001\u0002' }] });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'binary_content', details: { file: 'image.py' } });
  });

  it('rejects a body that is not UTF-8 with 400 invalid_encoding', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const response = await worker.fetch('http://extract.test/v1/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('invalid_encoding');
  });

  it('rejects a body over the size limit with 413', async () => {
    const response = await post({ language: 'python', source: 'x = 1\n'.repeat(1_000_000) });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
  });

  it('rejects too many files with 413', async () => {
    const files = Array.from({ length: 501 }, (_, index) => ({ path: `m${index}.py`, content: 'x = 1\n' }));
    const response = await post({ files });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('too_many_files');
  });

  it('answers unknown routes with the error envelope', async () => {
    const response = await worker.fetch('http://extract.test/v2/nothing');
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });
});
