import { emptyFacts, type LanguageExtractor } from '../facts.js';

// Placeholder until the TypeScript/JavaScript query packs land.
export const typescriptExtractor: LanguageExtractor = { languages: ['typescript', 'tsx'], extract: () => emptyFacts() };
export const javascriptExtractor: LanguageExtractor = { languages: ['javascript'], extract: () => emptyFacts() };
