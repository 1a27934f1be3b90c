/**
 * XGrammar's JSON grammar (0.1.27, as vLLM and SGLang use it) admits raw control characters
 * (U+0000 to U+001F) inside strings, which JSON does not. The value is what the engine meant,
 * so such characters are escaped rather than the output thrown away; the caller says so.
 */
export function escapeControlCharactersInStrings(text: string): string {
  let result = '';
  let inString = false;
  let escaped = false;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (inString && !escaped && code < 0x20) {
      result += `\\u${code.toString(16).padStart(4, '0')}`;
      continue;
    }
    result += character;
    if (escaped) escaped = false;
    else if (inString && character === '\\') escaped = true;
    else if (character === '"') inString = !inString;
  }
  return result;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The output as valid JSON when escaping control characters inside strings is all it takes; undefined otherwise. */
export function repairedJsonText(text: string): string | undefined {
  if (parses(text)) return undefined;
  const escaped = escapeControlCharactersInStrings(text);
  return escaped !== text && parses(escaped) ? escaped : undefined;
}
