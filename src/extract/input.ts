import { AnankeError } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { ExtractRequest } from '../constraints/extract-api.js';
import type { Language } from '../constraints/schema.js';
import { DEFAULT_EXTENSION, languageFromName, languageFromPath, SUPPORTED_EXTENSIONS, SUPPORTED_LANGUAGES } from './languages.js';

export interface ResolvedFile {
  path: string;
  language: Language;
  content: string;
}

function unsupportedLanguage(name: string): AnankeError {
  return new AnankeError(
    'unsupported_language',
    `language "${name}" is not supported`,
    `use one of: ${SUPPORTED_LANGUAGES.join(', ')}`,
    { supported: [...SUPPORTED_LANGUAGES] },
  );
}

export function resolveLanguageName(name: string): Language {
  const language = languageFromName(name);
  if (!language) throw unsupportedLanguage(name);
  return language;
}

function detectLanguage(path: string, explicit: Language | undefined): Language {
  if (explicit) return explicit;
  const detected = languageFromPath(path);
  if (detected) return detected;
  throw new AnankeError(
    'unsupported_language',
    `cannot tell the language of "${path}" from its extension`,
    `give "language" for it, or use a supported extension: ${SUPPORTED_EXTENSIONS.join(' ')}`,
    { file: path, supported: [...SUPPORTED_LANGUAGES] },
  );
}

/** Text that decoded from bytes that were not UTF-8, or that is binary, cannot be source code. */
export function assertTextContent(path: string, content: string): void {
  if (content.includes('\u0000')) {
    throw new AnankeError('binary_content', `"${path}" contains NUL bytes: it looks binary`, 'send only source text files', { file: path });
  }
  if (content.includes('\uFFFD') || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(content)) {
    throw new AnankeError('invalid_encoding', `"${path}" is not valid UTF-8 text`, 're-encode the file as UTF-8 before sending it', { file: path });
  }
}

function assertFileSize(path: string, content: string): void {
  if (content.length > LIMITS.maxFileBytes) {
    throw new AnankeError(
      'payload_too_large',
      `"${path}" is ${content.length} characters, over the ${LIMITS.maxFileBytes} limit per file`,
      'leave generated or vendored files out, or split the request',
      { file: path, limit: LIMITS.maxFileBytes },
    );
  }
}

function defaultPath(language: Language): string {
  return `input.${DEFAULT_EXTENSION[language]}`;
}

/** Turns a schema-valid request into files with a known language, or throws a clear AnankeError. */
export function resolveFiles(request: ExtractRequest): ResolvedFile[] {
  const explicit = request.language === undefined ? undefined : resolveLanguageName(request.language);
  const files = request.files ?? [];
  if (request.source !== undefined) {
    if (!explicit && !request.path) {
      throw new AnankeError('language_required', 'a single `source` needs a `language` or a `path`', `add "language": one of ${SUPPORTED_LANGUAGES.join(', ')}`);
    }
    files.push({ path: request.path ?? defaultPath(explicit!), content: request.source });
  }
  if (files.length > LIMITS.maxFiles) {
    throw new AnankeError('too_many_files', `${files.length} files sent, over the limit of ${LIMITS.maxFiles}`, 'split the files over several requests and merge the constraint sets', { limit: LIMITS.maxFiles });
  }
  const seen = new Set<string>();
  return files.map((file) => {
    if (seen.has(file.path)) {
      throw new AnankeError('invalid_request', `"${file.path}" is sent twice`, 'send each path once', { file: file.path });
    }
    seen.add(file.path);
    assertFileSize(file.path, file.content);
    assertTextContent(file.path, file.content);
    return { path: file.path, language: detectLanguage(file.path, file.language ?? explicit), content: file.content };
  });
}
