// The test GGUF writer (test/support/gguf.ts) writes files another reader reads back as written:
// node-llama-cpp's own GGUF parser gives the same metadata, tensor shapes and aligned offsets, and
// the tensor data lies where those offsets say.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeGguf, gguf, type GgufFile } from '../support/gguf.js';

const directory = mkdtempSync(join(tmpdir(), 'gguf-test-'));

afterAll(() => rmSync(directory, { recursive: true, force: true }));

const FILE: GgufFile = {
  metadata: {
    'general.architecture': gguf.string('llama'),
    'general.name': gguf.string('naïve – ünïcode'),
    'general.alignment': gguf.uint32(64),
    'test.count': gguf.uint32(4_000_000_000),
    'test.offset': gguf.int32(-7),
    'test.ratio': gguf.float32(0.5),
    'test.flag': gguf.bool(true),
    'test.words': gguf.strings(['a b', '', 'Ġhello']),
    'test.types': gguf.int32s([1, 3, -1]),
  },
  tensors: [
    { name: 'small', dims: [3], data: Float32Array.of(1, 2, 3) },
    { name: 'matrix', dims: [5, 2], data: Float32Array.from({ length: 10 }, (_, index) => index / 4) },
  ],
};

describe('encodeGguf', () => {
  it('writes metadata and tensor infos that node-llama-cpp reads back as written', async () => {
    const path = join(directory, 'round-trip.gguf');
    writeFileSync(path, encodeGguf(FILE));
    const info = await readGgufFileInfo(path, { logWarnings: false });
    expect(info.version).toBe(3);
    const metadata = info.metadata as unknown as Record<string, Record<string, unknown>>;
    expect(metadata.general).toEqual({ architecture: 'llama', name: 'naïve – ünïcode', alignment: 64 });
    expect(metadata.test).toEqual({ count: 4_000_000_000, offset: -7, ratio: 0.5, flag: true, words: ['a b', '', 'Ġhello'], types: [1, 3, -1] });
    expect(info.tensorInfo?.map((tensor) => ({ name: tensor.name, dims: tensor.dimensions.map(Number), offset: Number(tensor.offset) }))).toEqual([
      { name: 'small', dims: [3], offset: 0 },
      { name: 'matrix', dims: [5, 2], offset: 64 },
    ]);
  });

  it('puts each tensor\'s data at its aligned offset after the aligned header', async () => {
    const bytes = encodeGguf(FILE);
    const path = join(directory, 'data.gguf');
    writeFileSync(path, bytes);
    const info = await readGgufFileInfo(path, { logWarnings: false });
    const dataStart = info.infoEndOffset!;
    expect(dataStart % 64).toBe(0);
    const file = readFileSync(path);
    const floatsAt = (offset: number, count: number) => Array.from({ length: count }, (_, index) => file.readFloatLE(dataStart + offset + 4 * index));
    expect(floatsAt(0, 3)).toEqual([1, 2, 3]);
    expect(floatsAt(64, 10)).toEqual(Array.from(FILE.tensors[1]!.data));
    expect(bytes.byteLength % 64).toBe(0);
  });

  it('refuses a tensor whose data does not fill its dimensions', () => {
    expect(() => encodeGguf({ metadata: {}, tensors: [{ name: 'bad', dims: [2, 2], data: Float32Array.of(1, 2, 3) }] })).toThrow('tensor bad: 3 values for dims 2x2');
  });
});
