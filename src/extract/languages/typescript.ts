// The TypeScript/TSX/JavaScript extractor lives in ./typescript/, one file per concern.
export { javascriptExtractor, typescriptExtractor } from './typescript/index.js';
