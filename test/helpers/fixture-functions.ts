/**
 * Fixture functions with edits that each break one decode-time constraint: the cases the XGrammar
 * tests (fixtures.test.ts for TypeScript and Python, grammar-lexical-systems.test.ts for Go, Rust
 * and Java) and the llama.cpp tests run on the grammars compiled from the fixtures' constraints.
 */
import type { Language } from '../../src/constraints/schema.js';
import { readFixture } from './extract.js';

/** The lines of a fixture, without the indentation of the first one (a method inside a class). */
export function linesOf(path: string, from: number, to: number): string {
  const lines = readFixture(path).split('\n').slice(from - 1, to);
  const indent = /^\s*/.exec(lines[0]!)![0];
  return lines.map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n');
}

export interface FunctionCase {
  language: Language;
  fixture: string;
  target: string;
  lines: [number, number];
  /** Edits that each break exactly one decode-time constraint. */
  broken: Record<string, (code: string) => string>;
}

export const FUNCTION_CASES: FunctionCase[] = [
  {
    language: 'typescript',
    fixture: 'typescript/users-handler.ts',
    target: 'parsePage',
    lines: [37, 44],
    broken: {
      'a banned call': (code) => code.replace('const page =', 'const page = eval("1") ??'),
      'a banned substring': (code) => code.replace('return {', 'document.body.innerHTML = "x";\n  return {'),
      'a snake_case variable': (code) => code.replace('const limit', 'const page_limit = 1;\n  const limit'),
      'a changed header': (code) => code.replace('maxSize: number', 'maxSize: string'),
    },
  },
  {
    language: 'python',
    fixture: 'python/orders_api.py',
    target: 'load_order',
    lines: [38, 42],
    broken: {
      'a banned call': (code) => code.replace('    return order', '    eval("order")\n    return order'),
      'a banned substring': (code) => code.replace('    return order', '    subprocess.run("ls", shell=True)\n    return order'),
      'a camelCase function': (code) => code.replace('    return order', '    def copyOrder():\n        return order\n    return order'),
      'a changed header': (code) => code.replace('order_id: int', 'order_id: str'),
    },
  },
  {
    language: 'go',
    fixture: 'go/handlers.go',
    target: 'parseID',
    lines: [128, 134],
    broken: {
      'a banned substring': (code) => code.replace('\tvar id int64', '\tout, _ := exec.Command("sh", "-c", raw).Output()\n\tvar id int64'),
      'a snake_case variable': (code) => code.replace('\tvar id int64', '\tvar order_id int64\n\tvar id int64'),
      'a changed header': (code) => code.replace('raw string', 'raw []byte'),
    },
  },
  {
    language: 'rust',
    fixture: 'rust/models.rs',
    target: 'verify_signature',
    lines: [102, 106],
    broken: {
      'a banned substring': (code) => code.replace('    mac.update(payload);', '    unsafe { mac.update(payload) };'),
      'a camelCase variable': (code) => code.replace('let mut mac', 'let mut hmacState'),
      'a changed header': (code) => code.replace('signature: &str', 'signature: String'),
    },
  },
  {
    language: 'java',
    fixture: 'java/OrderService.java',
    target: 'placeOrder',
    lines: [51, 65],
    broken: {
      'a banned substring': (code) => code.replace('BigDecimal total = BigDecimal.ZERO;', 'BigDecimal total = BigDecimal.ZERO;\n        Runtime.getRuntime().exec("sh");'),
      'a snake_case class': (code) => code.replace('BigDecimal total = BigDecimal.ZERO;', 'class line_totals {}\n        BigDecimal total = BigDecimal.ZERO;'),
      'a changed header': (code) => code.replace('String customerId', 'long customerId'),
    },
  },
];

