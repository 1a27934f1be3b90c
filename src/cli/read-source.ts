import { readFile } from 'node:fs/promises';
import { AnankeError } from '../errors.js';
import { assertTextContent } from '../extract/input.js';
import { LIMITS } from '../limits.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads a source file as UTF-8 text, or throws the AnankeError that says why it is not one. */
export async function readSource(path: string, absolutePath: string): Promise<string> {
  const bytes = await readFile(absolutePath);
  if (bytes.byteLength > LIMITS.maxFileBytes) {
    throw new AnankeError('payload_too_large', `"${path}" is ${bytes.byteLength} bytes, over the ${LIMITS.maxFileBytes} limit per file`, 'leave generated or vendored files out', { file: path });
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new AnankeError('binary_content', `"${path}" contains NUL bytes: it looks binary`, 'pass only source text files', { file: path });
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new AnankeError('invalid_encoding', `"${path}" is not valid UTF-8`, 're-encode it as UTF-8', { file: path });
  }
  assertTextContent(path, text);
  return text;
}
