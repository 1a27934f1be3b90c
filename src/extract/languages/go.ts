export { goExtractor } from './go/index.js';
