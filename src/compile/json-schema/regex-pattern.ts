/**
 * Translates a JSON Schema `pattern` (ECMAScript, matched anywhere in the decoded string) into a
 * regex over the JSON encoding of the string's contents, as JSON.stringify writes them. Only a
 * regular subset is accepted: no lookarounds, backreferences, word boundaries, \p{...} classes,
 * or anchors other than a leading ^ and a trailing $.
 */
import { complement, DIGITS, DOT, normalizeSet, SPACE, union, WORD, type CharSet } from './regex-charset.js';
import { encodedSetRegex, JSON_STRING_CHAR } from './regex-json.js';

export type PatternTranslation = { ok: true; regex: string } | { ok: false; reason: string };

class Unsupported extends Error {}

const CLASS_ESCAPES: Record<string, CharSet> = {
  d: DIGITS, D: complement(DIGITS), w: WORD, W: complement(WORD), s: SPACE, S: complement(SPACE),
};
const CONTROL_ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, f: 0x0c, v: 0x0b, 0: 0x00 };

class PatternReader {
  private index = 0;
  private depth = 0;
  topLevelAlternation = false;

  constructor(private readonly characters: readonly string[]) {}

  private peek(offset = 0): string | undefined {
    return this.characters[this.index + offset];
  }

  private next(): string {
    const character = this.characters[this.index];
    if (character === undefined) throw new Unsupported('the pattern ends in the middle of an escape or class');
    this.index += 1;
    return character;
  }

  translate(): string {
    let output = '';
    while (this.index < this.characters.length) output += this.atom();
    return output;
  }

  private atom(): string {
    const character = this.next();
    switch (character) {
      case '\\': return this.escape();
      case '[': return this.characterClass();
      case '.': return this.set(DOT);
      case '(': return this.openGroup();
      case ')': this.depth -= 1; return ')';
      case '|': if (this.depth === 0) this.topLevelAlternation = true; return '|';
      case '^': case '$': throw new Unsupported(`"${character}" inside the pattern (only a leading ^ and a trailing $ are supported)`);
      case '*': case '+': case '?': case '{': case '}': return character;
      default: return this.set([[character.codePointAt(0) as number, character.codePointAt(0) as number]]);
    }
  }

  private set(set: CharSet): string {
    const regex = encodedSetRegex(set);
    if (regex === undefined) throw new Unsupported('a character class that cannot be written portably (or matches nothing)');
    return regex;
  }

  private openGroup(): string {
    this.depth += 1;
    if (this.peek() !== '?') return '(';
    const kind = `${this.peek(1) ?? ''}${this.peek(2) ?? ''}`;
    if (kind.startsWith(':')) {
      this.index += 2;
      return '(';
    }
    if (kind.startsWith('<') && kind !== '<=' && kind !== '<!') {
      while (this.next() !== '>');
      return '(';
    }
    throw new Unsupported('lookaround or inline flags "(?" in the pattern');
  }

  private escapedCodePoint(letter: string): number | undefined {
    if (letter in CONTROL_ESCAPES) return CONTROL_ESCAPES[letter];
    if (letter === 'x' || letter === 'u') {
      const width = letter === 'x' ? 2 : 4;
      const hex = Array.from({ length: width }, () => this.next()).join('');
      if (!/^[0-9a-fA-F]+$/.test(hex)) throw new Unsupported(`"\\${letter}${hex}" escape`);
      return parseInt(hex, 16);
    }
    if (/[A-Za-z0-9]/.test(letter)) return undefined;
    return letter.codePointAt(0);
  }

  private escape(): string {
    const letter = this.next();
    if (letter in CLASS_ESCAPES) return this.set(CLASS_ESCAPES[letter] as CharSet);
    const codePoint = this.escapedCodePoint(letter);
    if (codePoint === undefined) throw new Unsupported(`"\\${letter}" (word boundary, backreference or property escape)`);
    return this.set([[codePoint, codePoint]]);
  }

  private classMember(): CharSet {
    const character = this.next();
    if (character !== '\\') return [[character.codePointAt(0) as number, character.codePointAt(0) as number]];
    const letter = this.next();
    if (letter in CLASS_ESCAPES) return CLASS_ESCAPES[letter] as CharSet;
    const codePoint = letter === 'b' ? 0x08 : this.escapedCodePoint(letter);
    if (codePoint === undefined) throw new Unsupported(`"\\${letter}" inside a character class`);
    return [[codePoint, codePoint]];
  }

  private characterClass(): string {
    const negated = this.peek() === '^';
    if (negated) this.index += 1;
    const members: CharSet[] = [];
    while (this.peek() !== ']') {
      const low = this.classMember();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined && low.length === 1 && low[0]?.[0] === low[0]?.[1]) {
        this.index += 1;
        const high = this.classMember();
        members.push([[low[0]?.[0] as number, high[0]?.[1] as number]]);
      } else {
        members.push(low);
      }
    }
    this.index += 1;
    const set = union(...members);
    return this.set(negated ? complement(set) : normalizeSet(set));
  }
}

/** Any JSON-encoded string content. */
const ANY_CONTENT = `${JSON_STRING_CHAR}*`;

export function translatePattern(pattern: string): PatternTranslation {
  const characters = [...pattern];
  const anchoredStart = characters[0] === '^';
  const anchoredEnd = characters[characters.length - 1] === '$' && characters[characters.length - 2] !== '\\';
  const body = characters.slice(anchoredStart ? 1 : 0, anchoredEnd ? -1 : undefined);
  const reader = new PatternReader(body);
  try {
    const translated = reader.translate();
    if (reader.topLevelAlternation && (anchoredStart || anchoredEnd)) {
      throw new Unsupported('"|" at the top level of an anchored pattern (write ^(a|b)$)');
    }
    const core = reader.topLevelAlternation ? `(${translated})` : translated;
    return { ok: true, regex: `${anchoredStart ? '' : ANY_CONTENT}${core}${anchoredEnd ? '' : ANY_CONTENT}` };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: `pattern ${JSON.stringify(pattern)}: ${error.message}` };
    throw error;
  }
}

