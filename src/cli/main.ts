import { AnankeError } from '../errors.js';
import { COMPILE_USAGE, runCompile } from './compile-command.js';
import { EXTRACT_USAGE, runExtract } from './extract-command.js';
import { GENERATE_USAGE, runGenerate } from './generate-command.js';
import { VALIDATE_USAGE, runValidate } from './validate-command.js';

const COMMANDS: Record<string, { usage: string; run: (argv: string[]) => Promise<number> }> = {
  extract: { usage: EXTRACT_USAGE, run: runExtract },
  compile: { usage: COMPILE_USAGE, run: runCompile },
  generate: { usage: GENERATE_USAGE, run: runGenerate },
  validate: { usage: VALIDATE_USAGE, run: runValidate },
};

const HELP = `ananke: constraints from real code, for code models that must fit it

Commands:
${Object.values(COMMANDS).map((command) => `  ${command.usage.split('\n')[0]}`).join('\n')}

Run \`ananke <command> --help\` for details. Exit codes: 0 ok, 1 error, 2 bad usage, 3 constraints violated (generate, validate).`;

/** Runs the CLI; returns the exit code. Errors are printed as "error [code]: message" plus a hint. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`error [unknown_command]: no command "${name}"\n${HELP}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof AnankeError) {
      process.stderr.write(`error [${error.code}]: ${error.message}\nhint: ${error.hint}\n`);
      return error.code === 'invalid_request' ? 2 : 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error [bad_usage]: ${error.message}\n${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`error [internal]: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/src/cli/main.ts')) {
  process.exitCode = await main(process.argv.slice(2));
}
