import { emptyFacts, type LanguageExtractor } from '../facts.js';

// Placeholder until the java query pack lands.
export const javaExtractor: LanguageExtractor = { languages: ['java'], extract: () => emptyFacts() };
