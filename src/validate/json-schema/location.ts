import { escapeSegment } from './pointer.js';

/**
 * A JSON Pointer built lazily: each step holds its parent and one segment, and the text is only
 * written when an error needs it. Steps that add no segment return the same object, which the
 * `$ref` cycle guard relies on (same object = no descent into the instance).
 */
export class Location {
  private text: string | undefined;

  private constructor(private readonly parent: Location | undefined, private readonly segment: string | number) {}

  static root(text: string): Location {
    const location = new Location(undefined, '');
    location.text = text;
    return location;
  }

  child(segments: readonly (string | number)[]): Location {
    let location: Location = this;
    for (const segment of segments) location = new Location(location, segment);
    return location;
  }

  toString(): string {
    this.text ??= `${this.parent?.toString() ?? ''}/${escapeSegment(this.segment)}`;
    return this.text;
  }
}
