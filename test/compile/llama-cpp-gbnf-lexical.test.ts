// llama.cpp judges the lexical code grammars on the inputs of the XGrammar tests
// (grammar-lexical.test.ts, grammar-lexical-systems.test.ts): for each language, a function body,
// a module and a hole under forbids, naming and allowed imports, compiled by the product
// (compileConstraints, GBNF) from the same payloads those tests give the grammar builders. For
// every input llama.cpp's verdict must equal XGrammar's on the same GBNF text, and, for the
// realistic code and each constraint's violations, the verdict those tests expect. JavaScript and
// TSX, which those tests do not sample, get a small case each.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileConstraints, type CompileInput } from '../../src/compile/compile.js';
import { makeConstraint } from '../../src/constraints/ids.js';
import type { Constraint, Language, NamingStyle, NamingTarget } from '../../src/constraints/schema.js';
import { STYLE_PATTERNS } from '../../src/extract/concerns/naming.js';
import { allowImport, constraintSet, forbid, signature } from '../helpers/constraint-sets.js';
import { GO_BODY, GO_HEADER, GO_MODULE, JAVA_BODY, JAVA_HEADER, JAVA_MODULE, PY_BODY, PY_HEADER, RS_BODY, RS_HEADER, RS_MODULE, TS_BODY, TS_HEADER, TS_MODULE } from '../helpers/lexical-samples.js';
import { llamaCpp, type LlamaCppJudge } from '../support/llama-cpp.js';
import { acceptance } from '../support/xgrammar.js';

/** Generous: today's grammars are up to 0.5 MB and XGrammar loads each in about a second. Nothing here asserts a duration. */
const TIMEOUT = 300_000;

let judge: LlamaCppJudge;

beforeAll(async () => {
  judge = await llamaCpp();
}, TIMEOUT);

function naming(language: Language, target: NamingTarget, style: NamingStyle): Constraint {
  return makeConstraint('naming', { language, target, style, pattern: STYLE_PATTERNS[style] }, {
    kind: 'syntactic', severity: 'warning', priority: 50, confidence: 1, description: `${target}s are ${style}`, provenance: { source: 'user' },
  });
}

function holeAt(file: string, text: string): Constraint {
  return makeConstraint('hole', { marker: 'todo_comment', file, range: { start: { line: 2, column: 10 }, end: { line: 2, column: 10 + text.length } }, text }, {
    kind: 'syntactic', severity: 'info', priority: 50, confidence: 1, description: 'fill the hole', provenance: { source: 'user' },
  });
}

/**
 * An input on which only the engines' agreement is asserted, not the verdict the XGrammar tests
 * expect today: broken syntax (unbalanced brackets, unterminated literals), which the grammar
 * rewrite may stop rejecting at decode time, and a banned name only mentioned in a comment or a
 * string, which a stricter approximation may reject.
 */
const PARITY = 'parity only';

interface LexicalCase {
  name: string;
  input: Omit<CompileInput, 'dialects'>;
  /** Each input with the verdict the XGrammar tests expect (realistic code, and each constraint's violations), or PARITY. */
  verdicts: [string, boolean | typeof PARITY][];
}

const functionOf = (language: Language, name: string, header: string, constraints: Constraint[]): Omit<CompileInput, 'dialects'> => ({
  set: constraintSet(language, [signature(name, header, []), ...constraints]),
  shape: 'function',
  target: name,
});

const moduleOf = (language: Language, constraints: Constraint[]): Omit<CompileInput, 'dialects'> => ({ set: constraintSet(language, constraints), shape: 'module' });

function holeOf(language: Language, file: string, prefix: string, suffix: string, constraints: Constraint[]): Omit<CompileInput, 'dialects'> {
  const hole = holeAt(file, 'TODO');
  return { set: constraintSet(language, [hole, ...constraints]), shape: 'hole', target: hole.id, prefix, suffix };
}

const tsBody = (text: string) => `${TS_HEADER} {\n${text}\n}\n`;
const pyBody = (text: string) => `${PY_HEADER}\n${text}\n`;
const goBody = (text: string) => `${GO_HEADER} {\n${text}\n}\n`;
const rsBody = (text: string) => `${RS_HEADER} {\n${text}\n}\n`;
const javaBody = (text: string) => `${JAVA_HEADER} {\n${text}\n}\n`;

const CASES: LexicalCase[] = [
  {
    name: 'TypeScript function body',
    input: functionOf('typescript', 'fetchUser', TS_HEADER, [
      forbid('typescript', 'eval', 'call', ['eval']),
      forbid('typescript', 'inner_html', 'substring', ['innerHTML', 'document.write(']),
      forbid('typescript', 'sql_concat', 'regex', ['(SELECT|INSERT)\\b[^;]*\\$\\{']),
      naming('typescript', 'function', 'camelCase'), naming('typescript', 'variable', 'camelCase'), naming('typescript', 'constant', 'SCREAMING_SNAKE_CASE'), naming('typescript', 'class', 'PascalCase'),
    ]),
    verdicts: [
      [TS_BODY, true],
      [tsBody('  const result = eval(code);\n  return result;'), false],
      [tsBody('  const run = window.eval;\n  return run("1");'), false],
      [tsBody('  el.innerHTML = html;\n  return el;'), false],
      [tsBody('  document.write(x);'), false],
      [tsBody('  const user_name = id;\n  return user_name;'), false],
      [tsBody('  function Load_user() { return 1; }'), false],
      [tsBody('  class userCard {}'), false],
      [tsBody('  const MAX_RETRIES = 3, evaluate = 1;\n  return MAX_RETRIES;'), true],
      [tsBody('  // eval is only mentioned in this comment and the string\n  return "eval";'), PARITY],
      // Inside strings a banned substring is the validator's.
      [tsBody('  return "<b>innerHTML</b>";'), true],
      [TS_BODY.replace('Promise<User>', 'Promise<Account>'), false],
      [tsBody('  return (id;'), PARITY],
      [tsBody('  return `unterminated ${id}'), PARITY],
    ],
  },
  {
    name: 'TypeScript module',
    input: moduleOf('typescript', [
      forbid('typescript', 'eval', 'call', ['eval']), forbid('typescript', 'child_process', 'import', ['child_process', 'node:child_process']),
      naming('typescript', 'function', 'PascalCase'), naming('typescript', 'class', 'PascalCase'), naming('typescript', 'variable', 'camelCase'), naming('typescript', 'constant', 'SCREAMING_SNAKE_CASE'),
      allowImport('typescript', 'react'), allowImport('typescript', 'zod'), allowImport('typescript', './api', 'relative'),
    ]),
    verdicts: [
      [TS_MODULE, true],
      ['import { exec } from "child_process";\n', false],
      ["import fs from 'node:fs';\n", false],
      ['const cp = require("react");\n', false],
      ['const lazy = await import("react");\n', false],
      ['export * from "lodash";\n', false],
      ['import "./api/side-effect";\n', true],
      ['import {\n  a,\n  b,\n} from "react";\n', true],
      ['import { x } from "./apiary";\n', false],
      ['const s = "child_process";\n', false],
      ['function renderPage() {}\n', false],
      ['export default class extends Base {}\n', true],
      ['class store {}\n', false],
      ['let page_size = 1;\n', false],
      ['obj.class = 1;\n', true],
    ],
  },
  {
    name: 'TypeScript hole',
    input: holeOf('typescript', 'src/total.ts', 'export function total(items: Item[]): number {\n  return ', ';\n}\n', [forbid('typescript', 'eval', 'call', ['eval'])]),
    verdicts: [
      ['items.reduce((sum, item) => sum + item.price, 0)', true],
      ['eval("0")', false],
      ['items.reduce((sum, item) => sum + item.price, 0', PARITY],
    ],
  },
  {
    name: 'JavaScript function body',
    input: functionOf('javascript', 'readManifest', 'export async function readManifest(path)', [forbid('javascript', 'eval', 'call', ['eval']), naming('javascript', 'variable', 'camelCase')]),
    verdicts: [
      ['export async function readManifest(path) {\n  const text = await readFile(path, "utf8");\n  return JSON.parse(text);\n}\n', true],
      ['export async function readManifest(path) {\n  return eval(path);\n}\n', false],
      ['export async function readManifest(path) {\n  const raw_text = path;\n  return raw_text;\n}\n', false],
      ['export async function readManifest(path) {\n  return (path;\n}\n', PARITY],
    ],
  },
  {
    name: 'TSX module',
    input: moduleOf('tsx', [forbid('tsx', 'inner_html', 'substring', ['dangerouslySetInnerHTML']), naming('tsx', 'function', 'PascalCase')]),
    // Self-closing elements with string attributes only: today's TSX module grammar rejects a closing tag (`<b>x</b>`) and
    // `/>` after a braced attribute (`<img alt={x} />`), in XGrammar and llama.cpp alike (a `/` there starts a regex literal).
    verdicts: [
      ['export function Avatar({ name }: { name: string }) {\n  return <img className="avatar" alt="" />;\n}\n', true],
      ['export function Avatar({ html }: { html: string }) {\n  return <div dangerouslySetInnerHTML={{ __html: html }} />;\n}\n', false],
      ['export function avatar_view() {\n  return <span />;\n}\n', false],
    ],
  },
  {
    name: 'Python function body',
    input: functionOf('python', 'load_user', PY_HEADER, [
      forbid('python', 'eval', 'call', ['eval']), forbid('python', 'exec_python', 'call', ['exec']),
      forbid('python', 'pickle_loads', 'substring', ['pickle.loads', 'pickle.load']), forbid('python', 'subprocess_shell', 'substring', ['shell=True', 'os.system(']),
      naming('python', 'function', 'snake_case'), naming('python', 'class', 'PascalCase'), naming('python', 'parameter', 'snake_case'),
    ]),
    verdicts: [
      [PY_BODY, true],
      [pyBody('    return eval(user_id)'), false],
      [pyBody('    exec("x = 1")'), false],
      [pyBody('    data = pickle.loads(blob)'), false],
      [pyBody('    subprocess.run(cmd, shell=True)'), false],
      [pyBody('    os.system("ls")'), false],
      [pyBody('    def loadData():\n        return 1'), false],
      [pyBody('    class user_record:\n        pass'), false],
      [pyBody('    x = 1\nreturn x'), PARITY],
      // The { } parts of f-strings are the validator's.
      [pyBody('    print(f"{eval(user_id)}")'), true],
      [PY_BODY.replace('-> dict:', '-> list:'), false],
      [pyBody('    return (user_id'), PARITY],
      [pyBody('    """unterminated'), PARITY],
      [pyBody('# a comment at column 0 is fine\n    return user_id'), true],
    ],
  },
  {
    name: 'Python module',
    input: moduleOf('python', [
      forbid('python', 'eval', 'call', ['eval']), forbid('python', 'no_pickle', 'import', ['pickle']),
      allowImport('python', 'os', 'stdlib'), allowImport('python', 'json', 'stdlib'), allowImport('python', 'typing', 'stdlib'), allowImport('python', '.models', 'relative'),
    ]),
    verdicts: [
      ['import os\nimport os.path as osp, json\nfrom typing import Any, Optional\nfrom .models import User\n\ndef main() -> None:\n    try:\n        run()\n    except OSError as err:\n        raise SystemExit(1) from err\n', true],
      ['import subprocess\n', false],
      ['import os, sys\n', false],
      ['from requests import get\n', false],
      ['from pickle import loads\n', false],
      ['mod = __import__("subprocess")\n', false],
      ['data = "pickle"\n', false],
      ['def gen():\n    yield from range(3)\n', true],
    ],
  },
  {
    name: 'Go function body',
    input: functionOf('go', 'ListByCustomer', GO_HEADER, [
      forbid('go', 'go_exec_command', 'substring', ['exec.Command("sh"', 'exec.Command("bash"']), forbid('go', 'no_panic', 'call', ['panic']), forbid('go', 'sql_concat', 'regex', ['(SELECT|INSERT)\\b[^;]*"\\s*\\+']),
      naming('go', 'function', 'MixedCaps'), naming('go', 'method', 'PascalCase'), naming('go', 'type', 'PascalCase'), naming('go', 'variable', 'MixedCaps'), naming('go', 'constant', 'MixedCaps'),
    ]),
    verdicts: [
      [GO_BODY, true],
      [goBody('\tout, err := exec.Command("sh", "-c", script).Output()\n\treturn nil, err'), false],
      [goBody('\tpanic("unreachable")'), false],
      [goBody('\tfail := panic\n\tfail("x")'), false],
      [goBody('\tvar page_size = 10\n\treturn nil, nil'), false],
      [goBody('\tconst max_rows = 10\n\treturn nil, nil'), false],
      [goBody('\ttype order_row struct{}\n\treturn nil, nil'), false],
      [goBody('\tvar _ = limit\n\treturn nil, nil'), true],
      [goBody('\t// panic and exec are only mentioned here\n\treturn nil, errors.New("panic: no")'), PARITY],
      [GO_BODY.replace('limit int)', 'limit int64)'), false],
      [goBody('\treturn nil, fmt.Errorf("x"'), PARITY],
      [goBody('\ts := `unterminated'), PARITY],
      [goBody("\tr := 'ab"), PARITY],
    ],
  },
  {
    name: 'Go module',
    input: moduleOf('go', [
      forbid('go', 'go_exec_command', 'substring', ['exec.Command("sh"']), forbid('go', 'no_unsafe', 'import', ['unsafe']),
      naming('go', 'function', 'MixedCaps'), naming('go', 'type', 'PascalCase'), naming('go', 'constant', 'PascalCase'),
      ...['context', 'database/sql', 'errors', 'net/http'].map((module) => allowImport('go', module, 'stdlib')), allowImport('go', 'github.com/go-chi/chi/v5'),
    ]),
    verdicts: [
      [GO_MODULE, true],
      ['package main\n\nimport "os/exec"\n', false],
      ['package main\n\nimport sh "os/exec"\n', false],
      ['package main\n\nimport (\n\t"context"\n)\n', true],
      ['package main\n\nimport (\n\t"context"\n\t"os/exec"\n)\n', false],
      ['package main\n\nimport "unsafe"\n', false],
      ['package main\n\nvar p = "unsafe"\n', false],
      ['package main\n\nimport "net/httputil"\n', false],
      ['package main\n\nimport . "errors"\n', true],
      ['func load_order() {}\n', false],
      ['func loadOrder() {}\n', true],
      ['type order_status string\n', false],
      ['const max_page_size = 1\n', false],
      ['func (h *Handler) get_order() {}\n', true],
      ['var handler = func(x int) int { return x }\n', true],
    ],
  },
  {
    name: 'Go hole',
    input: holeOf('go', 'total.go', 'func Total(prices []float64) float64 {\n\treturn ', '\n}\n', [forbid('go', 'no_panic', 'call', ['panic'])]),
    verdicts: [
      ['sum(prices...) * 1.5e-3', true],
      ['panic(1)', false],
      ['sum(prices...', PARITY],
    ],
  },
  {
    name: 'Rust function body',
    input: functionOf('rust', 'discounted_total', RS_HEADER, [
      forbid('rust', 'rust_unsafe', 'substring', ['unsafe {', 'unsafe fn']), forbid('rust', 'rust_command_shell', 'substring', ['Command::new("sh")']), forbid('rust', 'no_transmute', 'identifier', ['transmute']),
      naming('rust', 'function', 'snake_case'), naming('rust', 'method', 'snake_case'), naming('rust', 'type', 'PascalCase'), naming('rust', 'variable', 'snake_case'), naming('rust', 'constant', 'SCREAMING_SNAKE_CASE'), naming('rust', 'parameter', 'snake_case'),
    ]),
    verdicts: [
      [RS_BODY, true],
      [rsBody('    unsafe { std::ptr::null::<u8>().read() };\n    Ok(0.0)'), false],
      [rsBody('    let out = Command::new("sh").arg("-c").output();\n    Ok(0.0)'), false],
      [rsBody('    let value: f64 = std::mem::transmute(1u64);\n    Ok(value)'), false],
      [rsBody('    fn applyCode(code: &str) -> f64 { 0.0 }\n    Ok(applyCode(promo_code))'), false],
      [rsBody('    let mut runningTotal = 0.0;\n    Ok(runningTotal)'), false],
      [rsBody('    const max_discount: f64 = 0.5;\n    Ok(max_discount)'), false],
      [rsBody('    struct price_rule;\n    Ok(0.0)'), false],
      [rsBody('    const fn helper() -> f64 { 0.0 }\n    Ok(helper())'), true],
      [rsBody('    let Point { x, y } = point;\n    Ok(x)'), true],
      [rsBody('    // transmute is only mentioned here\n    Ok("transmute".len() as f64)'), PARITY],
      [RS_BODY.replace('-> Result<f64, OrderError>', '-> Result<f32, OrderError>'), false],
      [rsBody("    let c = 'ab';\n    Ok(0.0)"), PARITY],
      [rsBody('    let s = "unterminated;\n    Ok(0.0)'), PARITY],
      [rsBody("    fn keep<'a>(x: &'a str) -> &'a str { x }\n    Ok(0.0)"), true],
    ],
  },
  {
    name: 'Rust module',
    input: moduleOf('rust', [
      forbid('rust', 'no_process', 'import', ['std::process']),
      naming('rust', 'function', 'snake_case'), naming('rust', 'type', 'PascalCase'), naming('rust', 'constant', 'SCREAMING_SNAKE_CASE'),
      allowImport('rust', 'chrono'), allowImport('rust', 'crate::db', 'relative'), allowImport('rust', 'serde'), allowImport('rust', 'std', 'stdlib'), allowImport('rust', 'super', 'relative'),
    ]),
    verdicts: [
      [RS_MODULE, true],
      ['use std::process::Command;\n', false],
      ['use reqwest::Client;\n', false],
      ['use {std::fs, reqwest};\n', false],
      ['extern crate libc;\n', false],
      ['use serde_json::Value;\n', false],
      ['use crate::dbx::Pool;\n', false],
      ['use ::std::fmt;\n', true],
      ['pub use self::inner::Thing;\n', false],
      ['fn loadOrder() {}\n', false],
      ['struct order_row;\n', false],
      ['enum status { A }\n', false],
      ['trait priced {}\n', false],
      ['static max_items: usize = 1;\n', false],
      ['impl Order { pub fn total_price(&self) -> f64 { 0.0 } }\n', true],
    ],
  },
  {
    name: 'Java method body',
    input: functionOf('java', 'placeOrder', JAVA_HEADER, [
      forbid('java', 'java_runtime_exec', 'substring', ['Runtime.getRuntime().exec(']), forbid('java', 'java_deserialization', 'substring', ['ObjectInputStream']), forbid('java', 'no_exit', 'call', ['exit']),
      naming('java', 'class', 'PascalCase'), naming('java', 'method', 'camelCase'), naming('java', 'variable', 'camelCase'), naming('java', 'constant', 'SCREAMING_SNAKE_CASE'),
    ]),
    verdicts: [
      [JAVA_BODY, true],
      [javaBody('        Process process = Runtime.getRuntime().exec("sh");\n        return null;'), false],
      [javaBody('        ObjectInputStream in = open();\n        return null;'), false],
      [javaBody('        System.exit(1);\n        return null;'), false],
      [javaBody('        class order_helper {}\n        return null;'), false],
      [javaBody('        record line_total(int cents) {}\n        return null;'), false],
      // Method names are the validator's.
      [javaBody('        Runnable r = new Runnable() { public void run_now() {} };\n        return null;'), true],
      [javaBody('        Runnable r = new Runnable() { public void runNow() {} };\n        return null;'), true],
      [javaBody('        int line_count = lines.size();\n        return null;'), true],
      [javaBody('        // exit is only mentioned here\n        return "exit".isEmpty() ? null : null;'), PARITY],
      [JAVA_BODY.replace('List<OrderLine> lines)', 'Collection<OrderLine> lines)'), false],
      [javaBody('        String s = "unterminated;\n        return null;'), PARITY],
      [javaBody('        String s = """\n  never closed;\n        return null;'), PARITY],
      [javaBody('        if (count > limit) { return helper_call(count); }\n        return null;'), true],
    ],
  },
  {
    name: 'Java module',
    input: moduleOf('java', [
      forbid('java', 'no_reflection', 'import', ['java.lang.reflect']),
      naming('java', 'class', 'PascalCase'), naming('java', 'method', 'camelCase'),
      allowImport('java', 'com.acme.orders'), allowImport('java', 'java.lang', 'stdlib'), allowImport('java', 'java.util', 'stdlib'), allowImport('java', 'org.slf4j'),
    ]),
    verdicts: [
      [JAVA_MODULE, true],
      ['import java.io.File;\n', false],
      ['import java.lang.reflect.Method;\n', false],
      ['import static java.lang.reflect.Array.newInstance;\n', false],
      ['import java.utility.Helper;\n', false],
      ['import static java.lang.Math.max;\n', true],
      ['import java.util.concurrent.*;\n', true],
      ['class order_service {}\n', false],
      ['interface priced {}\n', false],
      ['enum order_status { A }\n', false],
      // Method names are the validator's.
      ['class A { void Load_order() {} }\n', true],
      ['class A { List<String> load_names() { return null; } }\n', true],
      ['class A { A() {} public A(int x) {} }\n', true],
      ['class A { void load() { helper(); Other.run_it(); } }\n', true],
    ],
  },
];

/** Verdicts keyed by a short label of each input, so a failure names the input. */
function labelled(inputs: readonly string[], verdicts: readonly boolean[]): Record<string, boolean> {
  return Object.fromEntries(inputs.map((input, index) => [`${index}: ${input.slice(0, 60)}`, verdicts[index]!]));
}

describe.each(CASES)('$name', ({ input, verdicts }) => {
  it('llama.cpp gives the verdicts XGrammar gives and the XGrammar tests expect', async () => {
    const gbnf = compileConstraints({ ...input, dialects: ['gbnf'] }).grammar.gbnf!;
    const inputs = verdicts.map(([text]) => text);
    const byLlama = await judge.acceptance(gbnf, inputs);
    expect(labelled(inputs, byLlama), 'llama.cpp and XGrammar disagree').toEqual(labelled(inputs, await acceptance(gbnf, inputs)));
    const expected = verdicts.map(([, verdict], index) => (verdict === PARITY ? byLlama[index]! : verdict));
    expect(labelled(inputs, byLlama), 'both engines agree, on verdicts the XGrammar tests do not expect').toEqual(labelled(inputs, expected));
  }, TIMEOUT);
});
