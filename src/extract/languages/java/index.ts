import type { LanguageExtractor } from '../../facts.js';
import { extractWithPack, type LanguagePack } from '../common.js';
import { javaDeclarations } from './declarations.js';
import { javaErrors } from './errors.js';
import { javaHoles } from './holes.js';
import { javaImports } from './imports.js';
import { javaSecurity } from './security.js';
import { javaShapes } from './shapes.js';
import { javaSignatures } from './signatures.js';
import { javaTests } from './tests.js';

const JAVA: LanguagePack = {
  signatures: javaSignatures,
  shapes: javaShapes,
  imports: javaImports,
  declarations: javaDeclarations,
  errors: javaErrors,
  security: javaSecurity,
  tests: javaTests,
  holes: javaHoles,
};

export const javaExtractor: LanguageExtractor = { languages: ['java'], extract: (context) => extractWithPack(context, JAVA) };
