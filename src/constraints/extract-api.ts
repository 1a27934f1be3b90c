import { z } from 'zod';
import { ConstraintSet, Language } from './schema.js';

export const CONCERNS = ['signatures', 'types', 'imports', 'naming', 'errors', 'security', 'tests', 'holes'] as const;
export const Concern = z.enum(CONCERNS);
export type Concern = z.infer<typeof Concern>;

export const SourceFile = z.object({
  path: z.string().min(1).max(1024),
  content: z.string(),
  language: Language.optional().describe('overrides detection from the path'),
});
export type SourceFile = z.infer<typeof SourceFile>;

export const ExtractRequest = z
  .object({
    language: z.string().optional().describe('language of `source`, or of every file when set'),
    source: z.string().optional().describe('one source text; needs `language` or `path`'),
    path: z.string().min(1).max(1024).optional().describe('name for `source`, used for detection and provenance'),
    files: z.array(SourceFile).optional(),
    concerns: z.array(Concern).min(1).optional().describe('limit extraction to these concerns (default: all)'),
  })
  .strict()
  .refine((body) => (body.source === undefined) !== (body.files === undefined), {
    message: 'give exactly one of `source` (with `language` or `path`) or `files`',
  });
export type ExtractRequest = z.infer<typeof ExtractRequest>;

export const ExtractResponse = ConstraintSet.extend({
  timings: z.object({ parse_ms: z.number(), extract_ms: z.number() }).optional(),
});
export type ExtractResponse = z.infer<typeof ExtractResponse>;
