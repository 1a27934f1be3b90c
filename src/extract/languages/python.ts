export { pythonExtractor } from './python/index.js';
