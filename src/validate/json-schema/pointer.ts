/** JSON Pointer (RFC 6901) helpers, including the URI-fragment form used by `$ref`. */

export function escapeSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

export function appendPointer(pointer: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>((joined, segment) => `${joined}/${escapeSegment(segment)}`, pointer);
}

function unescapeSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Segments of a fragment such as `#/$defs/a~1b` or `#/percent%25field`; undefined if not a local pointer. */
export function fragmentSegments(reference: string): string[] | undefined {
  if (!reference.startsWith('#')) return undefined;
  let pointer: string;
  try {
    pointer = decodeURIComponent(reference.slice(1));
  } catch {
    return undefined;
  }
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer.slice(1).split('/').map(unescapeSegment);
}

/** The `$ref` form of a pointer: a URI fragment, percent-encoding what a fragment cannot hold (such as "%"). */
export function fragmentFromSegments(segments: readonly (string | number)[]): string {
  return `#${appendPointer('', ...segments).replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]/gu, (character) => encodeURIComponent(character))}`;
}

/** Follows `segments` from `root` through objects and arrays; undefined when a step is missing. */
export function resolveSegments(root: unknown, segments: readonly string[]): { found: boolean; value: unknown } {
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return { found: false, value: undefined };
      const index = Number(segment);
      if (index >= current.length) return { found: false, value: undefined };
      current = current[index];
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value: current };
}
