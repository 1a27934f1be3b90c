export { javaExtractor } from './java/index.js';
