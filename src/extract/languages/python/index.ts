import type { Concern } from '../../../constraints/extract-api.js';
import { emptyFacts, type FileContext, type FileFacts, type LanguageExtractor } from '../../facts.js';
import { declarationFacts } from './declarations.js';
import { errorFacts } from './errors.js';
import { PythonFile } from './file.js';
import { holeFacts } from './holes.js';
import { importFacts } from './imports.js';
import { securityFacts } from './security.js';
import { shapeFacts } from './shapes.js';
import { signatureFacts } from './signatures.js';
import { testFacts } from './tests.js';

function extractPython(context: FileContext): FileFacts {
  const file = new PythonFile(context);
  const wants = (concern: Concern) => context.concerns.has(concern);
  const facts = emptyFacts();
  if (wants('signatures')) facts.signatures = signatureFacts(file);
  if (wants('types')) facts.shapes = shapeFacts(file);
  if (wants('imports')) facts.imports = importFacts(file);
  if (wants('naming')) facts.declarations = declarationFacts(file);
  if (wants('errors')) facts.errors = errorFacts(file);
  if (wants('security')) facts.security = securityFacts(file);
  if (wants('tests')) facts.tests = testFacts(file);
  if (wants('holes')) facts.holes = holeFacts(file);
  return facts;
}

/** Python (.py, .pyi): queries in src/extract/queries/python/, one module per concern beside this one. */
export const pythonExtractor: LanguageExtractor = { languages: ['python'], extract: extractPython };
