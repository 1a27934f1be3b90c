/**
 * Keeps a byte stream valid UTF-8 one byte at a time. XGrammar's byte-level masks accept any
 * UTF-8-shaped sequence, overlong forms and surrogates included, which would decode to U+FFFD;
 * a model writes real characters, so the sampler only draws bytes this guard allows.
 */
export class Utf8Guard {
  private remaining = 0;
  private low = 0x80;
  private high = 0xbf;

  /** True between characters, where the text could end. */
  get atBoundary(): boolean {
    return this.remaining === 0;
  }

  allows(byte: number): boolean {
    if (this.remaining > 0) return byte >= this.low && byte <= this.high;
    return byte <= 0x7f || leadRule(byte) !== undefined;
  }

  /** Whether these bytes, one after the other from here, keep the text valid UTF-8. */
  allowsAll(bytes: Uint8Array): boolean {
    let remaining = this.remaining;
    let low = this.low;
    let high = this.high;
    for (const byte of bytes) {
      if (remaining > 0) {
        if (byte < low || byte > high) return false;
        remaining -= 1;
        low = 0x80;
        high = 0xbf;
        continue;
      }
      if (byte <= 0x7f) continue;
      const rule = leadRule(byte);
      if (!rule) return false;
      [remaining, low, high] = rule;
    }
    return true;
  }

  push(byte: number): void {
    if (this.remaining > 0) {
      this.remaining -= 1;
      this.low = 0x80;
      this.high = 0xbf;
      return;
    }
    const rule = leadRule(byte);
    if (!rule) return;
    [this.remaining, this.low, this.high] = rule;
  }
}

/** For a valid lead byte: continuation bytes to follow, and the range of the first of them. */
function leadRule(byte: number): [number, number, number] | undefined {
  if (byte >= 0xc2 && byte <= 0xdf) return [1, 0x80, 0xbf];
  if (byte === 0xe0) return [2, 0xa0, 0xbf];
  if (byte === 0xed) return [2, 0x80, 0x9f];
  if (byte >= 0xe1 && byte <= 0xef) return [2, 0x80, 0xbf];
  if (byte === 0xf0) return [3, 0x90, 0xbf];
  if (byte >= 0xf1 && byte <= 0xf3) return [3, 0x80, 0xbf];
  if (byte === 0xf4) return [3, 0x80, 0x8f];
  return undefined;
}
