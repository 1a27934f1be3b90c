/**
 * Loads @mlc-ai/web-xgrammar in Node and turns its failures into messages.
 *
 * The package is a UMD bundle inside a `"type": "module"` package: imported as ESM it exports
 * nothing and sets `globalThis.xgrammar` instead, and its Emscripten glue calls `require` and
 * `__filename`. So those two globals are lent for the import and the WASM start-up, then removed.
 * (Evaluating the bundle with `new Function` instead fails under vitest: its `import('module')`
 * has no loader there.) A grammar XGrammar cannot parse throws only `Aborted()`; the message
 * worth reading goes to the module's `printErr`, which is `console.error` bound when the WASM
 * instance starts. A forwarding function is in place at that moment, so `captureErrors` collects
 * those lines later without touching `console.error` again.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export type XGrammar = typeof import('@mlc-ai/web-xgrammar');
export type CompiledGrammar = import('@mlc-ai/web-xgrammar').CompiledGrammar;
export type GrammarMatcher = import('@mlc-ai/web-xgrammar').GrammarMatcher;
export type Grammar = import('@mlc-ai/web-xgrammar').Grammar;

/** XGrammar refused a grammar, schema or regex; `message` is XGrammar's own reason. */
export class XGrammarError extends Error {
  override readonly name = 'XGrammarError';
}

let loading: Promise<XGrammar> | undefined;
let errorSink: string[] | undefined;
let captureQueue: Promise<unknown> = Promise.resolve();

export function loadXGrammar(): Promise<XGrammar> {
  loading ??= startXGrammar();
  return loading;
}

async function startXGrammar(): Promise<XGrammar> {
  const requireFromHere = createRequire(import.meta.url);
  const entryPath = requireFromHere.resolve('@mlc-ai/web-xgrammar');
  const globals = globalThis as Record<string, unknown>;
  const originalConsoleError = console.error;
  globals.require = requireFromHere;
  globals.__filename = entryPath;
  console.error = (...parts: unknown[]) => {
    if (errorSink) errorSink.push(parts.map(String).join(' '));
    else originalConsoleError.apply(console, parts);
  };
  try {
    await import(pathToFileURL(entryPath).href);
    const xgrammar = globals.xgrammar as XGrammar | undefined;
    if (!xgrammar) throw new Error('@mlc-ai/web-xgrammar was imported elsewhere first: load it through tools/reference-engine/xgrammar.ts only');
    delete globals.xgrammar;
    const emptyVocabulary = await xgrammar.TokenizerInfo.createTokenizerInfo([]);
    emptyVocabulary.dispose();
    return xgrammar;
  } finally {
    console.error = originalConsoleError;
    delete globals.require;
    delete globals.__filename;
  }
}

/**
 * Runs one XGrammar call with its error output collected; calls are queued so that two requests
 * compiling at once cannot mix their messages. A failure becomes an XGrammarError carrying the
 * `EBNF parser error at line L, column C: ...` style text when XGrammar printed one.
 */
export function captureErrors<T>(action: () => Promise<T>): Promise<T> {
  const run = captureQueue.then(() => runCapturing(action));
  captureQueue = run.catch(() => undefined);
  return run;
}

async function runCapturing<T>(action: () => Promise<T>): Promise<T> {
  const lines: string[] = [];
  errorSink = lines;
  try {
    return await action();
  } catch (error) {
    throw new XGrammarError(readableMessage(lines, error));
  } finally {
    errorSink = undefined;
  }
}

function readableMessage(lines: readonly string[], error: unknown): string {
  const reasons = lines.filter((line) => !line.startsWith('Aborted(')).map(stripSourceLocation);
  if (reasons.length > 0) return reasons.join('; ');
  if (error instanceof Error && !error.message.startsWith('Aborted(')) return error.message;
  return 'XGrammar rejected the input without saying why';
}

/** `[FATAL] /path/grammar_parser.cc:552: EBNF parser error ...` -> `EBNF parser error ...` */
function stripSourceLocation(line: string): string {
  return line.replace(/^\[[A-Z]+\]\s+\S+:\d+:\s*/, '').trim();
}
