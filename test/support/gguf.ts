/**
 * A small GGUF (version 3) writer for tests, written from the format description in the ggml
 * repository (docs/gguf.md): header, typed metadata key/values, tensor infos, then tensor data
 * aligned to `general.alignment` (32 bytes unless set). Little-endian throughout. It writes only
 * what the tests need: scalar and array metadata, and F32 tensors.
 */

/** Metadata value types, numbered as in the GGUF specification. */
const VALUE_TYPE = { uint8: 0, int8: 1, uint16: 2, int16: 3, uint32: 4, int32: 5, float32: 6, bool: 7, string: 8, array: 9, uint64: 10, int64: 11, float64: 12 } as const;

/** Tensor element types (ggml_type), numbered as in ggml. */
const GGML_TYPE_F32 = 0;

const MAGIC = 'GGUF';
const VERSION = 3;
const DEFAULT_ALIGNMENT = 32;

type ScalarType = 'uint32' | 'int32' | 'float32' | 'bool' | 'string' | 'uint64';

export type GgufValue =
  | { type: 'uint32' | 'int32' | 'float32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'uint64'; value: bigint }
  | { type: 'array'; of: 'string'; values: readonly string[] }
  | { type: 'array'; of: 'int32' | 'uint32' | 'float32'; values: ArrayLike<number> };

export interface GgufTensor {
  name: string;
  /** Dimensions in ggml order: the first is the fastest-varying (a row's length). */
  dims: readonly number[];
  data: Float32Array;
}

export interface GgufFile {
  metadata: Record<string, GgufValue>;
  tensors: readonly GgufTensor[];
}

export const gguf = {
  uint32: (value: number): GgufValue => ({ type: 'uint32', value }),
  int32: (value: number): GgufValue => ({ type: 'int32', value }),
  float32: (value: number): GgufValue => ({ type: 'float32', value }),
  bool: (value: boolean): GgufValue => ({ type: 'bool', value }),
  string: (value: string): GgufValue => ({ type: 'string', value }),
  strings: (values: readonly string[]): GgufValue => ({ type: 'array', of: 'string', values }),
  int32s: (values: ArrayLike<number>): GgufValue => ({ type: 'array', of: 'int32', values }),
  float32s: (values: ArrayLike<number>): GgufValue => ({ type: 'array', of: 'float32', values }),
};

/** Appends little-endian values to a growing list of chunks. */
class ByteSink {
  readonly chunks: Uint8Array[] = [];
  length = 0;

  bytes(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.byteLength;
  }

  private fixed(size: number, write: (view: DataView) => void): void {
    const buffer = new Uint8Array(size);
    write(new DataView(buffer.buffer));
    this.bytes(buffer);
  }

  uint32(value: number): void {
    this.fixed(4, (view) => view.setUint32(0, value, true));
  }

  int32(value: number): void {
    this.fixed(4, (view) => view.setInt32(0, value, true));
  }

  float32(value: number): void {
    this.fixed(4, (view) => view.setFloat32(0, value, true));
  }

  uint64(value: bigint | number): void {
    this.fixed(8, (view) => view.setBigUint64(0, BigInt(value), true));
  }

  bool(value: boolean): void {
    this.bytes(Uint8Array.of(value ? 1 : 0));
  }

  /** A GGUF string: uint64 byte length, then UTF-8 bytes, no terminator. */
  string(value: string): void {
    const bytes = new TextEncoder().encode(value);
    this.uint64(bytes.byteLength);
    this.bytes(bytes);
  }

  padTo(alignment: number): void {
    const remainder = this.length % alignment;
    if (remainder !== 0) this.bytes(new Uint8Array(alignment - remainder));
  }

  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }
}

function writeScalar(sink: ByteSink, type: ScalarType, value: number | boolean | string | bigint): void {
  switch (type) {
    case 'uint32':
      return sink.uint32(value as number);
    case 'int32':
      return sink.int32(value as number);
    case 'float32':
      return sink.float32(value as number);
    case 'bool':
      return sink.bool(value as boolean);
    case 'string':
      return sink.string(value as string);
    case 'uint64':
      return sink.uint64(value as bigint);
  }
}

function writeValue(sink: ByteSink, value: GgufValue): void {
  sink.uint32(VALUE_TYPE[value.type]);
  if (value.type !== 'array') {
    writeScalar(sink, value.type, value.value);
    return;
  }
  sink.uint32(VALUE_TYPE[value.of]);
  sink.uint64(value.values.length);
  for (let index = 0; index < value.values.length; index++) writeScalar(sink, value.of, value.values[index]!);
}

function alignmentOf(file: GgufFile): number {
  const value = file.metadata['general.alignment'];
  if (value === undefined) return DEFAULT_ALIGNMENT;
  if (value.type !== 'uint32' || value.value <= 0 || value.value % 8 !== 0) throw new Error('general.alignment must be a uint32 multiple of 8');
  return value.value;
}

function elementCount(tensor: GgufTensor): number {
  return tensor.dims.reduce((product, dim) => product * dim, 1);
}

/** Offsets of each tensor's data from the start of the data section, each aligned. */
function tensorOffsets(tensors: readonly GgufTensor[], alignment: number): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (const tensor of tensors) {
    offsets.push(offset);
    offset += Math.ceil((elementCount(tensor) * 4) / alignment) * alignment;
  }
  return offsets;
}

function checkTensor(tensor: GgufTensor): void {
  if (tensor.data.length !== elementCount(tensor)) throw new Error(`tensor ${tensor.name}: ${tensor.data.length} values for dims ${tensor.dims.join('x')}`);
}

/** Serialises a GGUF file: header, metadata, tensor infos, padding, aligned tensor data. */
export function encodeGguf(file: GgufFile): Uint8Array {
  const alignment = alignmentOf(file);
  const sink = new ByteSink();
  sink.bytes(new TextEncoder().encode(MAGIC));
  sink.uint32(VERSION);
  sink.uint64(file.tensors.length);
  sink.uint64(Object.keys(file.metadata).length);
  for (const [key, value] of Object.entries(file.metadata)) {
    sink.string(key);
    writeValue(sink, value);
  }
  const offsets = tensorOffsets(file.tensors, alignment);
  file.tensors.forEach((tensor, index) => {
    checkTensor(tensor);
    sink.string(tensor.name);
    sink.uint32(tensor.dims.length);
    for (const dim of tensor.dims) sink.uint64(dim);
    sink.uint32(GGML_TYPE_F32);
    sink.uint64(offsets[index]!);
  });
  for (const tensor of file.tensors) {
    sink.padTo(alignment);
    sink.bytes(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
  }
  sink.padTo(alignment);
  return sink.concat();
}
