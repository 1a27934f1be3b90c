export { rustExtractor } from './rust/index.js';
