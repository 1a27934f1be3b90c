/**
 * Every input budget, in one place, with why it has the value it has.
 */
export const LIMITS = {
  /** Largest request body. Workers accept 100 MB, but parsing must stay inside 128 MB of isolate memory with trees alive. */
  maxBodyBytes: 5 * 1024 * 1024,
  /** Most files in one extract request: keeps one request's CPU under the Workers limit (about 5 ms per 500-line file). */
  maxFiles: 500,
  /** Largest single file: generated or vendored files beyond this say nothing about conventions and cost the most to parse. */
  maxFileBytes: 1024 * 1024,
  /** Parse errors reported per file: past this a file is not the language it claims, and more entries add nothing. */
  maxParseErrorsPerFile: 50,
  /** Findings and holes reported per file, for the same reason. */
  maxFindingsPerFile: 200,
} as const;
