import { emptyFacts, type LanguageExtractor } from '../facts.js';

// Placeholder until the go query pack lands.
export const goExtractor: LanguageExtractor = { languages: ['go'], extract: () => emptyFacts() };
