import type { Constraint, Finding, Language } from '../../constraints/schema.js';
import type { FileFacts } from '../facts.js';

/** The facts of one file with what the concerns need to know about it. */
export interface ExtractedFile {
  path: string;
  language: Language;
  isTest: boolean;
  facts: FileFacts;
}

export interface ConcernOutput {
  constraints: Constraint[];
  findings?: Finding[];
}

export type ConcernBuilder = (files: readonly ExtractedFile[]) => ConcernOutput;
