import type { LanguageExtractor } from '../../facts.js';
import { extractWithPack, type LanguagePack } from '../common.js';
import { rustDeclarations } from './declarations.js';
import { rustErrors } from './errors.js';
import { rustHoles } from './holes.js';
import { rustImports } from './imports.js';
import { rustSecurity } from './security.js';
import { rustShapes } from './shapes.js';
import { rustSignatures } from './signatures.js';
import { rustTests } from './tests.js';

const RUST: LanguagePack = {
  signatures: rustSignatures,
  shapes: rustShapes,
  imports: rustImports,
  declarations: rustDeclarations,
  errors: rustErrors,
  security: rustSecurity,
  tests: rustTests,
  holes: rustHoles,
};

export const rustExtractor: LanguageExtractor = { languages: ['rust'], extract: (context) => extractWithPack(context, RUST) };
