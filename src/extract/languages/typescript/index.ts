import type { Concern } from '../../../constraints/extract-api.js';
import { emptyFacts, type FileContext, type FileFacts, type LanguageExtractor } from '../../facts.js';
import { declarationFacts } from './declarations.js';
import { errorFacts } from './errors.js';
import { holeFacts } from './holes.js';
import { importsOf } from './imports.js';
import { dialectOf, FileScan } from './scan.js';
import { securityFacts } from './security.js';
import { shapeFacts } from './shapes.js';
import { signatureFacts } from './signatures.js';
import { testFacts } from './tests.js';

/**
 * Facts of one TypeScript, TSX or JavaScript file, for the concerns asked for. The three share
 * this code: JavaScript is TypeScript without annotations, and its query pack has the same
 * patterns and capture names.
 */
function extractFile(context: FileContext): FileFacts {
  const scan = new FileScan(context, dialectOf(context.language));
  const wants = (concern: Concern) => context.concerns.has(concern);
  const facts = emptyFacts();
  if (wants('signatures')) facts.signatures = signatureFacts(scan);
  if (wants('types')) facts.shapes = shapeFacts(scan);
  if (wants('imports')) facts.imports = importsOf(scan).facts;
  if (wants('naming')) facts.declarations = declarationFacts(scan);
  if (wants('errors')) facts.errors = errorFacts(scan);
  if (wants('security')) facts.security = securityFacts(scan);
  if (wants('tests')) facts.tests = testFacts(scan);
  if (wants('holes')) facts.holes = holeFacts(scan);
  return facts;
}

export const typescriptExtractor: LanguageExtractor = { languages: ['typescript', 'tsx'], extract: extractFile };
export const javascriptExtractor: LanguageExtractor = { languages: ['javascript'], extract: extractFile };
