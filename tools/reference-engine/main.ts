/**
 * npx tsx tools/reference-engine/main.ts [--port 8000] [--host 127.0.0.1] [--seed 0] [--vocab bytes|llama3] [--fault "status=503 times=2"]
 * Prints the URL it listens on, then serves until interrupted.
 */
import { parseArgs } from 'node:util';
import { VOCABULARY_NAMES, type VocabularyName } from './engine-vocabulary.js';
import { parseFaultHeader } from './faults.js';
import { startReferenceEngine } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8000' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: '0' },
    vocab: { type: 'string', default: 'bytes' },
    fault: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('usage: npx tsx tools/reference-engine/main.ts [--port 8000] [--host 127.0.0.1] [--seed 0] [--vocab bytes|llama3] [--fault "status=503 times=2"]');
  process.exit(0);
}

const engine = await startReferenceEngine({
  port: wholeNumber('--port', values.port),
  host: values.host,
  seed: wholeNumber('--seed', values.seed),
  vocabulary: vocabularyName(values.vocab),
  ...(values.fault ? { faults: parseFaultHeader(values.fault) } : {}),
});
console.log(`reference engine listening on ${engine.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void engine.close().then(() => process.exit(0));
  });
}

function vocabularyName(value: string): VocabularyName {
  if (!(VOCABULARY_NAMES as readonly string[]).includes(value)) {
    console.error(`--vocab is one of ${VOCABULARY_NAMES.join(', ')}, got "${value}"`);
    process.exit(2);
  }
  return value as VocabularyName;
}

function wholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) {
    console.error(`${flag} needs a whole number, got "${value}"`);
    process.exit(2);
  }
  return Number(value);
}
