import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CONCERNS, Concern } from '../constraints/extract-api.js';
import { AnankeError } from '../errors.js';
import { extractResolved } from '../extract/extract.js';
import { resolveLanguageName } from '../extract/input.js';
import { languageFromPath, SUPPORTED_LANGUAGES } from '../extract/languages.js';
import type { ResolvedFile } from '../extract/input.js';
import { progressReporter } from './progress.js';
import { readSource } from './read-source.js';
import { expandPaths } from './walk.js';
import { nodeParsers } from './wasm-node.js';

export const EXTRACT_USAGE = `ananke extract <paths or dirs...> [--language <lang>] [--concerns a,b] [-o <file>]

Extracts constraints from source files and prints the constraint set as JSON.
Directories are walked; node_modules, build output and .gitignore'd paths are skipped.

  -l, --language   treat every file as this language (${SUPPORTED_LANGUAGES.join(', ')})
  -c, --concerns   only these concerns (${CONCERNS.join(', ')})
  -o, --output     write the JSON to a file instead of stdout
  -q, --quiet      no progress or warnings on stderr`;

function parseConcerns(text: string | undefined): Concern[] | undefined {
  if (!text) return undefined;
  return text.split(',').map((name) => {
    const parsed = Concern.safeParse(name.trim());
    if (!parsed.success) throw new AnankeError('invalid_request', `unknown concern "${name}"`, `use any of: ${CONCERNS.join(', ')}`);
    return parsed.data;
  });
}

async function loadFiles(paths: string[], language: string | undefined, warn: (message: string) => void): Promise<ResolvedFile[]> {
  const forced = language ? resolveLanguageName(language) : undefined;
  const explicit = new Set(paths);
  const files: ResolvedFile[] = [];
  for (const file of await expandPaths(paths)) {
    const detected = forced ?? languageFromPath(file.path);
    if (!detected) {
      throw new AnankeError('unsupported_language', `cannot tell the language of "${file.path}"`, `pass --language (${SUPPORTED_LANGUAGES.join(', ')})`, { file: file.path });
    }
    try {
      files.push({ path: file.path, language: detected, content: await readSource(file.path, file.absolutePath) });
    } catch (error) {
      if (explicit.has(file.absolutePath) || !(error instanceof AnankeError)) throw error;
      warn(`skipped ${file.path}: ${error.message}`);
    }
  }
  return files;
}

export async function runExtract(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      language: { type: 'string', short: 'l' },
      concerns: { type: 'string', short: 'c' },
      output: { type: 'string', short: 'o' },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
  });
  if (positionals.length === 0) throw new AnankeError('invalid_request', 'no paths given', `usage: ${EXTRACT_USAGE.split('\n')[0]}`);
  const warn = (message: string) => values.quiet || process.stderr.write(`warning: ${message}\n`);
  const files = await loadFiles(positionals, values.language, warn);
  if (files.length === 0) throw new AnankeError('invalid_request', 'no source files found', `supported languages: ${SUPPORTED_LANGUAGES.join(', ')}`);
  const concerns = parseConcerns(values.concerns);
  const progress = progressReporter(values.quiet ? undefined : process.stderr);
  const set = extractResolved(await nodeParsers(), files, { ...(concerns ? { concerns } : {}), onProgress: progress.update });
  progress.done();
  const json = `${JSON.stringify(set, null, 2)}\n`;
  if (values.output) await writeFile(values.output, json);
  else process.stdout.write(json);
  if (!values.quiet) process.stderr.write(`${set.constraints.length} constraints from ${files.length} files (${set.parse_errors.length} parse errors, ${set.findings.length} findings)\n`);
  return 0;
}
