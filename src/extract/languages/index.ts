import type { Language } from '../../constraints/schema.js';
import type { LanguageExtractor } from '../facts.js';
import { goExtractor } from './go.js';
import { javaExtractor } from './java.js';
import { javascriptExtractor, typescriptExtractor } from './typescript.js';
import { pythonExtractor } from './python.js';
import { rustExtractor } from './rust.js';

const EXTRACTORS: readonly LanguageExtractor[] = [typescriptExtractor, javascriptExtractor, pythonExtractor, goExtractor, rustExtractor, javaExtractor];

const BY_LANGUAGE = new Map<Language, LanguageExtractor>(EXTRACTORS.flatMap((extractor) => extractor.languages.map((language) => [language, extractor] as const)));

export function extractorFor(language: Language): LanguageExtractor | undefined {
  return BY_LANGUAGE.get(language);
}
