/**
 * The brackets the text written so far leaves open, read roughly (quotes toggle a string, a
 * backslash escapes the next byte; comments are not recognised). Code grammars no longer match
 * brackets in pairs (the engines pay too much for it), so the sampler does what a real model
 * does: it prefers the bracket that closes the innermost open one and does not end while one is
 * open. The grammar still decides what may come; this only weighs the choices.
 */
const CLOSER: Record<number, number> = { 0x28: 0x29, 0x5b: 0x5d, 0x7b: 0x7d };
const CLOSERS = new Set(Object.values(CLOSER));
const QUOTES = new Set([0x22, 0x27, 0x60]);
const BACKSLASH = 0x5c;

export class BracketTracker {
  private readonly open: number[] = [];
  private quote: number | undefined;
  private escaped = false;
  private closedLast = false;

  push(byte: number): void {
    if (byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0d) return;
    this.closedLast = false;
    if (this.escaped) {
      this.escaped = false;
      return;
    }
    if (byte === BACKSLASH) {
      this.escaped = true;
      return;
    }
    if (this.quote !== undefined) {
      if (byte === this.quote) this.quote = undefined;
      return;
    }
    if (QUOTES.has(byte)) this.quote = byte;
    else if (CLOSER[byte] !== undefined) this.open.push(CLOSER[byte]!);
    else if (CLOSERS.has(byte) && this.open.at(-1) === byte) {
      this.open.pop();
      this.closedLast = this.open.length === 0;
    }
  }

  /** Whether the last byte (spaces aside) closed the outermost open bracket: where a function or a statement may end. */
  get justBalanced(): boolean {
    return this.closedLast;
  }

  /** The byte that closes the innermost open bracket, if one is open outside a string. */
  get expectedCloser(): number | undefined {
    return this.quote === undefined ? this.open.at(-1) : undefined;
  }

  get depth(): number {
    return this.open.length;
  }

  isCloser(byte: number): boolean {
    return CLOSERS.has(byte);
  }
}
