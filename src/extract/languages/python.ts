import { emptyFacts, type LanguageExtractor } from '../facts.js';

// Placeholder until the python query pack lands.
export const pythonExtractor: LanguageExtractor = { languages: ['python'], extract: () => emptyFacts() };
