// Lexical grammars for Go, Rust and Java: realistic code is accepted by XGrammar in EBNF and GBNF,
// the same code with a banned call or identifier, a wrongly named declaration, an import outside
// the allowed set or a changed header is rejected, and every Lark text passes checkLark.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileConstraints } from '../../src/compile/compile.js';
import { grammarProblems, type Grammar } from '../../src/compile/grammar/ast.js';
import { emitEbnf } from '../../src/compile/grammar/emit-ebnf.js';
import { emitLark } from '../../src/compile/grammar/emit-lark.js';
import { checkLark, larkToGrammar } from '../../src/compile/grammar/lark-check.js';
import { functionBody, hole, moduleGrammar, type GrammarResult } from '../../src/compile/grammar/lexical/index.js';
import type { CompiledIR } from '../../src/constraints/compile-api.js';
import { STYLE_PATTERNS } from '../../src/extract/concerns/naming.js';
import { extractFixtures } from '../helpers/extract.js';
import { FUNCTION_CASES, linesOf } from '../helpers/fixture-functions.js';
import { acceptance } from '../support/xgrammar.js';
import { everyClass, forbid, naming, signature, verdicts } from '../support/grammar-checks.js';
import { GO_BODY, GO_HEADER, GO_MODULE, JAVA_BODY, JAVA_HEADER, JAVA_MODULE, RS_BODY, RS_HEADER, RS_MODULE } from '../helpers/lexical-samples.js';


function asciiOnlyClasses(grammar: Grammar): boolean {
  return everyClass(grammar, (expr) => expr.set.uniformOutsideAscii);
}

/** The Lark text (both modes) checks, and read back it gives the same verdicts. */
async function larkVerdicts(result: GrammarResult, inputs: readonly string[]): Promise<boolean[][]> {
  const all: boolean[][] = [];
  for (const mode of ['rules', 'terminals'] as const) {
    const back = emitEbnf(larkToGrammar(checkLark(emitLark(result.grammar, { regular: mode, llguidanceHeader: true }))));
    all.push(await acceptance(back, inputs));
  }
  return all;
}

function wellFormed(result: GrammarResult): void {
  expect(grammarProblems(result.grammar)).toEqual([]);
  expect(asciiOnlyClasses(result.grammar)).toBe(true);
  expect(result.grammar.rules[0]?.name).toBe('root');
}

const GO_FORBID = [
  forbid('go_exec_command', 'substring', ['exec.Command("sh"', 'exec.Command("bash"']),
  forbid('no_panic', 'call', ['panic']),
  forbid('sql_concat', 'regex', ['(SELECT|INSERT)\\b[^;]*"\\s*\\+']),
];
const GO_NAMING = [naming('function', 'MixedCaps'), naming('method', 'PascalCase'), naming('type', 'PascalCase'), naming('variable', 'MixedCaps'), naming('constant', 'MixedCaps')];

describe('Go function body', () => {
  const result = functionBody('go', { signature: signature('ListByCustomer', GO_HEADER), forbid: GO_FORBID, naming: GO_NAMING });
  const body = (text: string) => `${GO_HEADER} {\n${text}\n}\n`;

  it('reports what is approximated and what is left to the validator', () => {
    expect(result.warnings).toEqual([
      'forbid no_panic: every use of the identifier "panic" is rejected, not only calls (stricter; indirect calls are rejected too)',
      'naming: names after func, type, var and const are checked; methods (func with a receiver), names inside var ( ... ) and const ( ... ) blocks, := declarations and parameters are left to the validator',
      'brackets are not matched in pairs by the grammar (nesting costs an engine milliseconds per token); the validator parses the result',
    ]);
    expect(result.unenforced).toEqual([
      { rule: 'go_exec_command', match: 'substring', pattern: 'exec.Command("sh"', reason: 'in code the grammar rejects the word "Command" (stricter); inside strings, comments and declared names the validator checks it' },
      { rule: 'go_exec_command', match: 'substring', pattern: 'exec.Command("bash"', reason: 'in code the grammar rejects the word "Command" (stricter); inside strings, comments and declared names the validator checks it' },
      { rule: 'sql_concat', match: 'regex', pattern: '(SELECT|INSERT)\\b[^;]*"\\s*\\+', reason: 'a regex over the output cannot be intersected with the code grammar; the validator checks it' },
      { rule: 'naming:method', match: 'naming', pattern: STYLE_PATTERNS.PascalCase, reason: 'method names are not introduced by a declaration keyword the lexical grammar can see; the validator checks them' },
    ]);
    wellFormed(result);
  });

  it('accepts a realistic body and rejects each violation', async () => {
    const inputs = [
      GO_BODY,
      body('\tout, err := exec.Command("sh", "-c", script).Output()\n\treturn nil, err'),
      body('\tpanic("unreachable")'),
      body('\tfail := panic\n\tfail("x")'),
      body('\tvar page_size = 10\n\treturn nil, nil'),
      body('\tconst max_rows = 10\n\treturn nil, nil'),
      body('\ttype order_row struct{}\n\treturn nil, nil'),
      body('\tvar _ = limit\n\treturn nil, nil'),
      body('\t// panic and exec are only mentioned here\n\treturn nil, errors.New("panic: no")'),
      GO_BODY.replace('limit int)', 'limit int64)'),
      body('\treturn nil, fmt.Errorf("x"'),
      body('\ts := `unterminated'),
      body("\tr := 'ab"),
    ];
    // Bracket pairs are the validator's: `fmt.Errorf("x"` passes the grammar.
    expect(await verdicts(result.grammar, inputs)).toEqual([true, false, false, false, false, false, false, true, true, false, true, false, false]);
  });

  it('the Lark text checks and gives the same verdicts', async () => {
    const inputs = [GO_BODY, body('\tpanic("x")'), body('\tvar page_size = 1')];
    expect(await larkVerdicts(result, inputs)).toEqual([[true, false, false], [true, false, false]]);
  });
});

describe('Go module', () => {
  const result = moduleGrammar('go', {
    forbid: [forbid('go_exec_command', 'substring', ['exec.Command("sh"']), forbid('no_unsafe', 'import', ['unsafe'])],
    naming: [naming('function', 'MixedCaps'), naming('type', 'PascalCase'), naming('constant', 'PascalCase')],
    imports: { allowed: ['context', 'database/sql', 'errors', 'github.com/go-chi/chi/v5', 'net/http'] },

  });

  it('checks single-line imports and the lines of import blocks against the allowed set', async () => {
    expect(result.warnings).toContain('imports: import "path", import name "path" and the lines of import ( ... ) blocks are checked against the allowed set');
    const inputs = [
      GO_MODULE,
      'package main\n\nimport "os/exec"\n',
      'package main\n\nimport sh "os/exec"\n',
      'package main\n\nimport (\n\t"context"\n)\n',
      'package main\n\nimport "unsafe"\n',
      'package main\n\nvar p = "unsafe"\n',
      'package main\n\nimport "net/httputil"\n',
      'package main\n\nimport . "errors"\n',
      'package main\n\nimport (\n\t"context" // the request scope\n\tchi "github.com/go-chi/chi/v5"\n\t"os/exec"\n)\n',
    ];
    expect(await verdicts(result.grammar, inputs)).toEqual([true, false, false, true, false, false, false, true, false]);
  });

  it('checks declared names against their patterns', async () => {
    const inputs = [
      'func load_order() {}\n',
      'func loadOrder() {}\n',
      'type order_status string\n',
      'const max_page_size = 1\n',
      'func (h *Handler) get_order() {}\n',
      'var handler = func(x int) int { return x }\n',
    ];
    expect(await verdicts(result.grammar, inputs)).toEqual([false, true, false, false, true, true]);
    expect(await larkVerdicts(result, [GO_MODULE, 'func load_order() {}\n'])).toEqual([[true, false], [true, false]]);
  });

  it('fills a hole', async () => {
    const filled = hole('go', 'func Total(prices []float64) float64 {\n\treturn ', '\n}\n', { forbid: [forbid('no_panic', 'call', ['panic'])] });
    expect(await verdicts(filled.grammar, ['sum(prices...) * 1.5e-3', 'panic(1)', 'sum(prices...', 'sum(`prices...'])).toEqual([true, false, true, false]);
    expect(() => checkLark(emitLark(filled.grammar))).not.toThrow();
  });
});

const RS_FORBID = [
  forbid('rust_unsafe', 'substring', ['unsafe {', 'unsafe fn']),
  forbid('rust_command_shell', 'substring', ['Command::new("sh")']),
  forbid('no_transmute', 'identifier', ['transmute']),
];
const RS_NAMING = [naming('function', 'snake_case'), naming('method', 'snake_case'), naming('type', 'PascalCase'), naming('variable', 'snake_case'), naming('constant', 'SCREAMING_SNAKE_CASE'), naming('parameter', 'snake_case')];

describe('Rust function body', () => {
  // Forbids and naming together are over the decode budget (COMPILE_LIMITS.maxGrammarRules); the
  // compile stage would leave the naming to the validator, so each is checked in a grammar of its own.
  const result = functionBody('rust', { signature: signature('discounted_total', RS_HEADER), forbid: RS_FORBID });
  const named = functionBody('rust', { signature: signature('discounted_total', RS_HEADER), naming: RS_NAMING });
  const body = (text: string) => `${RS_HEADER} {\n${text}\n}\n`;

  it('reports what is approximated and what is left to the validator', () => {
    expect(result.warnings).toEqual(['brackets are not matched in pairs by the grammar (nesting costs an engine milliseconds per token); the validator parses the result']);
    expect(result.unenforced).toEqual([
      { rule: 'rust_unsafe', match: 'substring', pattern: 'unsafe {', reason: 'in code the grammar rejects any word ending in "unsafe" (stricter); inside strings, comments and declared names the validator checks it' },
      { rule: 'rust_unsafe', match: 'substring', pattern: 'unsafe fn', reason: 'in code the grammar rejects any word ending in "unsafe" (stricter); inside strings, comments and declared names the validator checks it' },
      { rule: 'rust_command_shell', match: 'substring', pattern: 'Command::new("sh")', reason: 'in code the grammar rejects any word ending in "Command" (stricter); inside strings, comments and declared names the validator checks it' },
    ]);
    expect(named.warnings).toEqual([
      'naming: names after fn, struct, enum, trait, type, let, const and static are checked (after mut and ref too); names inside let patterns, parameters and fields are left to the validator',
      'brackets are not matched in pairs by the grammar (nesting costs an engine milliseconds per token); the validator parses the result',
    ]);
    expect(named.unenforced).toEqual([
      { rule: 'naming:parameter', match: 'naming', pattern: STYLE_PATTERNS.snake_case, reason: 'parameter names are not introduced by a declaration keyword the lexical grammar can see; the validator checks them' },
    ]);
    wellFormed(result);
    wellFormed(named);
  });

  it('accepts a realistic body and rejects each violation', async () => {
    const inputs = [
      RS_BODY,
      body('    unsafe { std::ptr::null::<u8>().read() };\n    Ok(0.0)'),
      body('    let out = Command::new("sh").arg("-c").output();\n    Ok(0.0)'),
      body('    let value: f64 = std::mem::transmute(1u64);\n    Ok(value)'),
      body('    fn applyCode(code: &str) -> f64 { 0.0 }\n    Ok(applyCode(promo_code))'),
      body('    let mut runningTotal = 0.0;\n    Ok(runningTotal)'),
      body('    const max_discount: f64 = 0.5;\n    Ok(max_discount)'),
      body('    struct price_rule;\n    Ok(0.0)'),
      body('    const fn helper() -> f64 { 0.0 }\n    Ok(helper())'),
      body('    let Point { x, y } = point;\n    Ok(x)'),
      body('    // transmute is only mentioned here\n    Ok("transmute".len() as f64)'),
      RS_BODY.replace('-> Result<f64, OrderError>', '-> Result<f32, OrderError>'),
      body("    let c = 'ab';\n    Ok(0.0)"),
      body('    let s = "unterminated;\n    Ok(0.0)'),
      body("    fn keep<'a>(x: &'a str) -> &'a str { x }\n    Ok(0.0)"),
    ];
    // Each violation is rejected by the grammar that holds its constraint.
    expect(await verdicts(result.grammar, inputs)).toEqual([true, false, false, false, true, true, true, true, true, true, true, false, false, false, true]);
    expect(await verdicts(named.grammar, inputs)).toEqual([true, true, true, true, false, false, false, false, true, true, true, false, false, false, true]);
  });

  it('the Lark text checks and gives the same verdicts', async () => {
    const inputs = [RS_BODY, body('    let value = transmute(1);\n    Ok(value)'), body('    fn applyCode() {}\n    Ok(0.0)')];
    expect(await larkVerdicts(result, inputs)).toEqual([[true, false, true], [true, false, true]]);
    expect(await larkVerdicts(named, inputs)).toEqual([[true, true, false], [true, true, false]]);
  });
});

describe('Rust module', () => {
  // Imports and naming together are over the decode budget: each is checked in a grammar of its own.
  const result = moduleGrammar('rust', {
    forbid: [forbid('no_process', 'import', ['std::process'])],
    imports: { allowed: ['chrono', 'crate::db', 'serde', 'std', 'super'] },
  });
  const named = moduleGrammar('rust', {
    naming: [naming('function', 'snake_case'), naming('type', 'PascalCase'), naming('constant', 'SCREAMING_SNAKE_CASE')],
  });

  it('checks use paths and extern crates against the allowed set', async () => {
    const inputs = [
      RS_MODULE,
      'use std::process::Command;\n',
      'use reqwest::Client;\n',
      'use {std::fs, reqwest};\n',
      'extern crate libc;\n',
      'use serde_json::Value;\n',
      'use crate::dbx::Pool;\n',
      'use ::std::fmt;\n',
      'pub use self::inner::Thing;\n',
    ];
    expect(await verdicts(result.grammar, inputs)).toEqual([true, false, false, false, false, false, false, true, false]);
  });

  it('checks declared names against their patterns', async () => {
    const inputs = ['fn loadOrder() {}\n', 'struct order_row;\n', 'enum status { A }\n', 'trait priced {}\n', 'static max_items: usize = 1;\n', 'impl Order { pub fn total_price(&self) -> f64 { 0.0 } }\n'];
    expect(await verdicts(named.grammar, inputs)).toEqual([false, false, false, false, false, true]);
    expect(await larkVerdicts(named, [RS_MODULE, 'fn loadOrder() {}\n'])).toEqual([[true, false], [true, false]]);
  });
});

const JAVA_FORBID = [
  forbid('java_runtime_exec', 'substring', ['Runtime.getRuntime().exec(']),
  forbid('java_deserialization', 'substring', ['ObjectInputStream']),
  forbid('no_exit', 'call', ['exit']),
];
const JAVA_NAMING = [naming('class', 'PascalCase'), naming('method', 'camelCase'), naming('variable', 'camelCase'), naming('constant', 'SCREAMING_SNAKE_CASE')];

describe('Java method body', () => {
  const result = functionBody('java', { signature: signature('placeOrder', JAVA_HEADER), forbid: JAVA_FORBID, naming: JAVA_NAMING });
  const body = (text: string) => `${JAVA_HEADER} {\n${text}\n}\n`;

  it('reports what is approximated and what is left to the validator', () => {
    expect(result.warnings).toEqual([
      'forbid no_exit: every use of the identifier "exit" is rejected, not only calls (stricter; indirect calls are rejected too)',
      'naming: names after class, interface, enum and record are checked; methods, constructors, fields, variables and parameters are left to the validator',
      'brackets are not matched in pairs by the grammar (nesting costs an engine milliseconds per token); the validator parses the result',
    ]);
    expect(result.unenforced).toEqual([
      { rule: 'java_runtime_exec', match: 'substring', pattern: 'Runtime.getRuntime().exec(', reason: 'in code the grammar rejects the word "getRuntime" (stricter); inside strings, comments and declared names the validator checks it' },
      { rule: 'java_deserialization', match: 'substring', pattern: 'ObjectInputStream', reason: 'in code the grammar rejects any word containing "ObjectInputStream" (stricter); inside strings, comments and declared names the validator checks it' },
      { rule: 'naming:method', match: 'naming', pattern: STYLE_PATTERNS.camelCase, reason: 'method names are not introduced by a declaration keyword the lexical grammar can see; the validator checks them' },
      { rule: 'naming:variable', match: 'naming', pattern: STYLE_PATTERNS.camelCase, reason: 'variable names are not introduced by a declaration keyword the lexical grammar can see; the validator checks them' },
      { rule: 'naming:constant', match: 'naming', pattern: STYLE_PATTERNS.SCREAMING_SNAKE_CASE, reason: 'constant names are not introduced by a declaration keyword the lexical grammar can see; the validator checks them' },
    ]);
    wellFormed(result);
  });

  it('accepts a realistic body and rejects each violation', async () => {
    const inputs = [
      JAVA_BODY,
      body('        Process process = Runtime.getRuntime().exec("sh");\n        return null;'),
      body('        ObjectInputStream in = open();\n        return null;'),
      body('        System.exit(1);\n        return null;'),
      body('        class order_helper {}\n        return null;'),
      body('        record line_total(int cents) {}\n        return null;'),
      body('        Runnable r = new Runnable() { public void run_now() {} };\n        return null;'),
      body('        Runnable r = new Runnable() { public void runNow() {} };\n        return null;'),
      body('        int line_count = lines.size();\n        return null;'),
      body('        // exit is only mentioned here\n        return "exit".isEmpty() ? null : null;'),
      JAVA_BODY.replace('List<OrderLine> lines)', 'Collection<OrderLine> lines)'),
      body('        String s = "unterminated;\n        return null;'),
      body('        String s = """\n  never closed;\n        return null;'),
      body('        if (count > limit) { return helper_call(count); }\n        return null;'),
    ];
    // Method names are the validator's: `public void run_now()` passes the grammar.
    expect(await verdicts(result.grammar, inputs)).toEqual([true, false, false, false, false, false, true, true, true, true, false, false, false, true]);
  });

  it('the Lark text checks and gives the same verdicts', async () => {
    const inputs = [JAVA_BODY, body('        System.exit(0);'), body('        class bad_name {}')];
    expect(await larkVerdicts(result, inputs)).toEqual([[true, false, false], [true, false, false]]);
  });
});

describe('Java module', () => {
  const result = moduleGrammar('java', {
    forbid: [forbid('no_reflection', 'import', ['java.lang.reflect'])],
    naming: [naming('class', 'PascalCase'), naming('method', 'camelCase')],
    imports: { allowed: ['com.acme.orders', 'java.lang', 'java.util', 'org.slf4j'] },

  });

  it('checks import declarations against the allowed set', async () => {
    const inputs = [
      JAVA_MODULE,
      'import java.io.File;\n',
      'import java.lang.reflect.Method;\n',
      'import static java.lang.reflect.Array.newInstance;\n',
      'import java.utility.Helper;\n',
      'import static java.lang.Math.max;\n',
      'import java.util.concurrent.*;\n',
    ];
    expect(await verdicts(result.grammar, inputs)).toEqual([true, false, false, false, false, true, true]);
  });

  it('checks declared names against their patterns', async () => {
    const inputs = [
      'class order_service {}\n',
      'interface priced {}\n',
      'enum order_status { A }\n',
      'class A { void Load_order() {} }\n',
      'class A { List<String> load_names() { return null; } }\n',
      'class A { A() {} public A(int x) {} }\n',
      'class A { void load() { helper(); Other.run_it(); } }\n',
    ];
    // Method names are the validator's: `void Load_order()` and `load_names()` pass the grammar.
    expect(await verdicts(result.grammar, inputs)).toEqual([false, false, false, true, true, true, true]);
    expect(await larkVerdicts(result, [JAVA_MODULE, 'class order_service {}\n'])).toEqual([[true, false], [true, false]]);
  });
});

const FIXTURE_CASES = FUNCTION_CASES.filter((testCase) => ['go', 'rust', 'java'].includes(testCase.language));

describe.each(FIXTURE_CASES)('$language grammar from $fixture', ({ fixture, target, lines, broken }) => {
  let ir: CompiledIR;
  const code = linesOf(fixture, lines[0], lines[1]);

  beforeAll(async () => {
    ir = compileConstraints({ set: await extractFixtures([fixture]), shape: 'function', target, dialects: ['ebnf', 'gbnf', 'lark'] });
  });

  it('accepts the function as the codebase wrote it, in EBNF and GBNF, and the Lark checks', async () => {
    expect(await acceptance(ir.grammar.ebnf!, [code])).toEqual([true]);
    expect(await acceptance(ir.grammar.gbnf!, [code])).toEqual([true]);
    expect(() => checkLark(ir.grammar.lark!)).not.toThrow();
  });

  it.each(Object.keys(broken))('rejects it with %s', async (name) => {
    const edited = broken[name]!(code);
    expect(edited).not.toBe(code);
    expect(await acceptance(ir.grammar.ebnf!, [edited])).toEqual([false]);
  });
});
