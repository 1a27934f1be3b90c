import { emptyFacts, type LanguageExtractor } from '../facts.js';

// Placeholder until the rust query pack lands.
export const rustExtractor: LanguageExtractor = { languages: ['rust'], extract: () => emptyFacts() };
