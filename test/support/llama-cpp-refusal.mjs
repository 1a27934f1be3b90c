// Run as a child process by llama-cpp.ts: parses the GBNF on stdin with llama.cpp and lets llama.cpp
// print why it refuses it. llama.cpp writes the parser's reason to stderr with fprintf, which the
// parent process cannot capture in-process; its log lines are written to stderr here too.
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const grammar = Buffer.concat(chunks).toString('utf8');
const llama = await getLlama({
  gpu: false,
  build: 'never',
  logLevel: LlamaLogLevel.warn,
  logger: (level, message) => process.stderr.write(`\n[llama.cpp ${level}] ${message}\n`),
});
try {
  await llama.createGrammar({ grammar });
  process.exitCode = 0;
} catch {
  await new Promise((resolve) => setTimeout(resolve, 50)); // let the thread-safe log callback deliver
  process.exitCode = 3;
}
