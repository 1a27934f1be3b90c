import { describe, expect, it } from 'vitest';
import { NamingPayload } from '../../src/constraints/schema.js';
import { STYLE_PATTERNS } from '../../src/extract/concerns/naming.js';
import { grammarProblems } from '../../src/compile/grammar/ast.js';
import { emitEbnf } from '../../src/compile/grammar/emit-ebnf.js';
import { emitLark } from '../../src/compile/grammar/emit-lark.js';
import { checkLark, larkToGrammar } from '../../src/compile/grammar/lark-check.js';
import { functionBody, hole, moduleGrammar } from '../../src/compile/grammar/lexical/index.js';
import { acceptance } from '../support/xgrammar.js';
import { everyClass, forbid, naming, signature, verdicts } from '../support/grammar-checks.js';
import { PY_BODY, PY_HEADER, TS_BODY, TS_HEADER, TS_MODULE } from '../helpers/lexical-samples.js';


const TS_FORBID = [
  forbid('eval', 'call', ['eval']),
  forbid('inner_html', 'substring', ['innerHTML', 'document.write(']),
  forbid('sql_concat', 'regex', ['(SELECT|INSERT)\\b[^;]*\\$\\{']),
];
const TS_NAMING = [naming('function', 'camelCase'), naming('variable', 'camelCase'), naming('constant', 'SCREAMING_SNAKE_CASE'), naming('class', 'PascalCase')];

describe('TypeScript function body', () => {
  const result = functionBody('typescript', { signature: signature('fetchUser', TS_HEADER), forbid: TS_FORBID, naming: TS_NAMING });

  it('reports what is approximated and what is left to the validator', () => {
    expect(result.warnings).toEqual([
      'forbid eval: every use of the identifier "eval" is rejected, not only calls (stricter; indirect calls are rejected too)',
      'naming: names after function, class, interface, enum, const, let and var are checked (after function, const, let and var a PascalCase name passes too: it may be a React component or a schema); names inside destructuring patterns, methods, parameters and type aliases are left to the validator',
      'brackets are not matched in pairs by the grammar (nesting costs an engine milliseconds per token); the validator parses the result',
      'typescript: a template literal is one token: its ${ } parts are not parsed as code, so a banned identifier is rejected anywhere inside it (stricter) and a forbidden substring there is checked by the validator only',
    ]);
    expect(result.unenforced).toEqual([
      { rule: 'inner_html', match: 'substring', pattern: 'innerHTML', reason: 'in code the grammar rejects any word containing "innerHTML" (stricter); inside strings, comments and declared names the validator checks it' },
      { rule: 'inner_html', match: 'substring', pattern: 'document.write(', reason: 'in code the grammar rejects any word ending in "document" (stricter); inside strings, comments and declared names the validator checks it' },
      { rule: 'sql_concat', match: 'regex', pattern: '(SELECT|INSERT)\\b[^;]*\\$\\{', reason: 'a regex over the output cannot be intersected with the code grammar; the validator checks it' },
    ]);
  });

  it('is a grammar llama.cpp would load: no left recursion, no repeated empty items, ASCII-only classes', () => {
    expect(grammarProblems(result.grammar)).toEqual([]);
    expect(everyClass(result.grammar, (expr) => expr.set.uniformOutsideAscii)).toBe(true);
    expect(result.grammar.rules[0]?.name).toBe('root');
  });

  it('accepts a realistic body and rejects each violation', async () => {
    const body = (text: string) => `${TS_HEADER} {\n${text}\n}\n`;
    const inputs = [
      TS_BODY,
      body('  const result = eval(code);\n  return result;'),
      body('  const run = window.eval;\n  return run("1");'),
      body('  el.innerHTML = html;\n  return el;'),
      body('  document.write(x);'),
      body('  const user_name = id;\n  return user_name;'),
      body('  function Load_user() { return 1; }'),
      body('  class userCard {}'),
      body('  const MAX_RETRIES = 3, evaluate = 1;\n  return MAX_RETRIES;'),
      body('  // eval is only mentioned in this comment and the string\n  return "eval";'),
      body('  return "<b>innerHTML</b>";'),
      TS_BODY.replace('Promise<User>', 'Promise<Account>'),
      body('  return (id;'),
      body('  return `unterminated ${id}'),
    ];
    // Identifiers are banned in code only; substrings too (inside strings and comments the
    // validator checks them), and brackets are the validator's: `return (id;` passes the grammar.
    expect(await verdicts(result.grammar, inputs)).toEqual([true, false, false, false, false, false, false, false, true, true, true, false, true, false]);
  });

  it('the Lark text checks and accepts the same bodies', async () => {
    const lark = emitLark(result.grammar, { llguidanceHeader: true });
    expect(lark.startsWith('%llguidance {}\nstart: "export async function fetchUser(id: string): Promise<User>" c_0\nc_0: /[\\t\\n\\r ]/ c_0 | "{" c_1\n')).toBe(true);
    const back = emitEbnf(larkToGrammar(checkLark(lark)));
    expect(await acceptance(back, [TS_BODY, `${TS_HEADER} { eval(x) }`, `${TS_HEADER} { const bad_name = 1; }`])).toEqual([true, false, false]);
  });

  it('lets a PascalCase function through under a camelCase convention: it may be a React component', async () => {
    expect(await verdicts(result.grammar, [`${TS_HEADER} {\n  function UserCard() { return null; }\n}\n`, `${TS_HEADER} {\n  function user_card() { return null; }\n}\n`])).toEqual([true, false]);
  });

  it('leaves bracket pairs to the validator: any nesting is accepted, unbalanced brackets too', async () => {
    const flat = functionBody('typescript', { signature: signature('f', 'function f()') });
    const deep = `function f() { ${'g('.repeat(40)}1${')'.repeat(40)}; }`;
    expect(await verdicts(flat.grammar, [deep, 'function f() { g(h(i(1))); }', 'function f() { g(1; }', 'function f() { return 1 }\n'])).toEqual([true, true, true, true]);
  });

  it('takes an expression body after an arrow header', async () => {
    const arrow = functionBody('typescript', { signature: signature('double', 'const double = (n: number): number =>'), forbid: TS_FORBID });
    expect(await verdicts(arrow.grammar, ['const double = (n: number): number => n * 2;', 'const double = (n: number): number => { return n * 2; };', 'const double = (n: number): number => eval("n*2");'])).toEqual([true, true, false]);
  });
});

describe('TypeScript module', () => {
  const result = moduleGrammar('typescript', {
    forbid: [forbid('eval', 'call', ['eval']), forbid('child_process', 'import', ['child_process', 'node:child_process'])],
    naming: [naming('function', 'PascalCase'), naming('class', 'PascalCase'), naming('variable', 'camelCase'), naming('constant', 'SCREAMING_SNAKE_CASE')],
    imports: { allowed: ['react', 'zod', './api'] },
  });

  it('accepts allowed imports and rejects imports outside the allowed set', async () => {
    const inputs = [
      TS_MODULE,
      'import { exec } from "child_process";\n',
      "import fs from 'node:fs';\n",
      'const cp = require("react");\n',
      'const lazy = await import("react");\n',
      'export * from "lodash";\n',
      'import "./api/side-effect";\n',
      'import {\n  a,\n  b,\n} from "react";\n',
      'import { x } from "./apiary";\n',
      'const s = "child_process";\n',
    ];
    expect(await verdicts(result.grammar, inputs)).toEqual([true, false, false, false, false, false, true, true, false, false]);
  });

  it('checks declared names against their patterns', async () => {
    expect(await verdicts(result.grammar, ['function renderPage() {}\n', 'export default class extends Base {}\n', 'class store {}\n', 'let page_size = 1;\n', 'obj.class = 1;\n'])).toEqual([false, true, false, false, true]);
  });
});

const PY_FORBID = [forbid('eval', 'call', ['eval']), forbid('exec_python', 'call', ['exec']), forbid('pickle_loads', 'substring', ['pickle.loads', 'pickle.load']), forbid('subprocess_shell', 'substring', ['shell=True', 'os.system('])];
const PY_NAMING = [naming('function', 'snake_case'), naming('class', 'PascalCase'), naming('parameter', 'snake_case')];

describe('Python function body', () => {
  const result = functionBody('python', { signature: signature('load_user', PY_HEADER), forbid: PY_FORBID, naming: PY_NAMING });

  it('reports what is approximated and what is left to the validator', () => {
    expect(result.warnings).toEqual([
      'forbid eval: every use of the identifier "eval" is rejected, not only calls (stricter; indirect calls are rejected too)',
      'forbid exec_python: every use of the identifier "exec" is rejected, not only calls (stricter; indirect calls are rejected too)',
      'naming: names after def and class are checked; variables, parameters and attributes are left to the validator',
      'brackets are not matched in pairs by the grammar (nesting costs an engine milliseconds per token); the validator parses the result',
      'python: f-strings are strings to the grammar: banned identifiers and forbidden substrings inside their { } parts are checked by the validator only',
      'python: in a function body every line must be indented, continuation lines inside brackets included (stricter)',
    ]);
    expect(result.unenforced).toEqual([
      { rule: 'pickle_loads', match: 'substring', pattern: 'pickle.loads', reason: 'in code the grammar rejects any word ending in "pickle" (stricter); inside strings, comments and declared names the validator checks it' },
      { rule: 'pickle_loads', match: 'substring', pattern: 'pickle.load', reason: 'in code the grammar rejects any word ending in "pickle" (stricter); inside strings, comments and declared names the validator checks it' },
      { rule: 'subprocess_shell', match: 'substring', pattern: 'shell=True', reason: 'in code the grammar rejects any word ending in "shell" (stricter); inside strings, comments and declared names the validator checks it' },
      { rule: 'subprocess_shell', match: 'substring', pattern: 'os.system(', reason: 'in code the grammar rejects the word "system" (stricter); inside strings, comments and declared names the validator checks it' },
      { rule: 'naming:parameter', match: 'naming', pattern: STYLE_PATTERNS.snake_case, reason: 'parameter names are not introduced by a declaration keyword the lexical grammar can see; the validator checks them' },
    ]);
    expect(grammarProblems(result.grammar)).toEqual([]);
    expect(everyClass(result.grammar, (expr) => expr.set.uniformOutsideAscii)).toBe(true);
  });

  it('accepts a realistic body and rejects each violation', async () => {
    const body = (text: string) => `${PY_HEADER}\n${text}\n`;
    const inputs = [
      PY_BODY,
      body('    return eval(user_id)'),
      body('    exec("x = 1")'),
      body('    data = pickle.loads(blob)'),
      body('    subprocess.run(cmd, shell=True)'),
      body('    os.system("ls")'),
      body('    def loadData():\n        return 1'),
      body('    class user_record:\n        pass'),
      body('    x = 1\nreturn x'),
      body('    print(f"{eval(user_id)}")'),
      PY_BODY.replace('-> dict:', '-> list:'),
      body('    return (user_id'),
      body('    """unterminated'),
      body('# a comment at column 0 is fine\n    return user_id'),
    ];
    // f-string parts and bracket pairs are the validator's: `f"{eval(user_id)}"` and `return (user_id` pass the grammar.
    expect(await verdicts(result.grammar, inputs)).toEqual([true, false, false, false, false, false, false, false, false, true, false, true, false, true]);
  });

  it('the Lark text checks and accepts the same bodies', async () => {
    for (const mode of ['rules', 'terminals'] as const) {
      const back = emitEbnf(larkToGrammar(checkLark(emitLark(result.grammar, { regular: mode }))));
      expect(await acceptance(back, [PY_BODY, `${PY_HEADER}\n    return eval(x)\n`, `${PY_HEADER}\n    def loadData():\n        pass\n`])).toEqual([true, false, false]);
    }
  });
});

describe('Python module', () => {
  const result = moduleGrammar('python', {
    forbid: [forbid('eval', 'call', ['eval']), forbid('no_pickle', 'import', ['pickle'])],
    imports: { allowed: ['os', 'json', 'typing', '.models'] },
  });

  it('limits import and from-import statements to the allowed modules', async () => {
    const inputs = [
      'import os\nimport os.path as osp, json\nfrom typing import Any, Optional\nfrom .models import User\n\ndef main() -> None:\n    try:\n        run()\n    except OSError as err:\n        raise SystemExit(1) from err\n',
      'import subprocess\n',
      'import os, sys\n',
      'from requests import get\n',
      'from pickle import loads\n',
      'mod = __import__("subprocess")\n',
      'data = "pickle"\n',
      'def gen():\n    yield from range(3)\n',
      'if DEBUG: import pdb\n',
      'if DEBUG: import os\n',
      'window = {"start": 1, "end": 2}\nitems = rows[1:3]\n',
    ];
    expect(await verdicts(result.grammar, inputs)).toEqual([true, false, false, false, false, false, false, true, false, true, true]);
  });
});

describe('holes and languages', () => {
  it('fills a hole with code alone; the text around it is context, not output', async () => {
    const result = hole('typescript', 'export function total(items: Item[]): number {\n  return ', ';\n}\n', { forbid: [forbid('eval', 'call', ['eval'])] });
    expect(result.warnings).toEqual([
      'forbid eval: every use of the identifier "eval" is rejected, not only calls (stricter; indirect calls are rejected too)',
      'brackets are not matched in pairs by the grammar (nesting costs an engine milliseconds per token); the validator parses the result',
      'typescript: a template literal is one token: its ${ } parts are not parsed as code, so a banned identifier is rejected anywhere inside it (stricter) and a forbidden substring there is checked by the validator only',
      'hole: forbidden patterns are checked inside the fill, not across its edges with the text around it (the validator checks the whole)',
    ]);
    expect(await verdicts(result.grammar, [
      'items.reduce((sum, item) => sum + item.price, 0)',
      'eval("0")',
      'items.reduce((sum, item) => sum + item.price, 0',
      'items.reduce((sum, item) => sum + item.price, "0)',
    ])).toEqual([true, false, true, false]);
  });

  it('reads JSX closing tags and self-closing elements: a / is an operator, never a regex literal', async () => {
    const tsx = moduleGrammar('tsx');
    const inputs = [
      'export function Card({ x }: Props) {\n  return <p className="card">{x}</p>;\n}\n',
      'const a = <img alt={label} />;\nconst b = <b>x</b>;\n',
      'const c = <p>it\'s</p>;\n',
    ];
    // JSX text is lexed as code: the lone quote in the last one opens a string (the warning says so).
    expect(await verdicts(tsx.grammar, inputs)).toEqual([true, true, false]);
  });

  it('warns about JSX text for tsx only', () => {
    const ending = 'module: the file must end where a statement may start (after a line break, `;` or `}`), not inside a word';
    expect(moduleGrammar('tsx').warnings).toEqual(['brackets are not matched in pairs by the grammar (nesting costs an engine milliseconds per token); the validator parses the result', 'tsx: JSX text is lexed as code, so quotes in JSX text must pair up', ending]);
    expect(moduleGrammar('go').warnings).toEqual(['brackets are not matched in pairs by the grammar (nesting costs an engine milliseconds per token); the validator parses the result', ending]);
  });

  it('refuses a naming pattern that no grammar can enforce', () => {
    expect(() => moduleGrammar('python', { naming: [NamingPayload.parse({ target: 'function', style: 'snake_case', pattern: '^(?!test)[a-z_]+$' })] }))
      .toThrow('naming pattern "^(?!test)[a-z_]+$" cannot become a grammar rule: lookaround or named groups at position 2');
  });
});
