import type { LanguageExtractor } from '../../facts.js';
import { extractWithPack, type LanguagePack } from '../common.js';
import { goDeclarations } from './declarations.js';
import { goErrors } from './errors.js';
import { goHoles } from './holes.js';
import { goImports } from './imports.js';
import { goSecurity } from './security.js';
import { goShapes } from './shapes.js';
import { goSignatures } from './signatures.js';
import { goTests } from './tests.js';

const GO: LanguagePack = {
  signatures: goSignatures,
  shapes: goShapes,
  imports: goImports,
  declarations: goDeclarations,
  errors: goErrors,
  security: goSecurity,
  tests: goTests,
  holes: goHoles,
};

export const goExtractor: LanguageExtractor = { languages: ['go'], extract: (context) => extractWithPack(context, GO) };
