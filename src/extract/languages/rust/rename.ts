/** Lower-case words of an identifier: `user_id` and `UserId` both give ["user", "id"]. */
function wordsOf(name: string): string[] {
  return name.split('_').flatMap((part) => part.match(/[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])/g) ?? []).map((word) => word.toLowerCase());
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A field (snake_case) or variant (PascalCase) name under #[serde(rename_all = "...")], as serde renames it. */
export function renameAll(name: string, style: string | true | undefined): string {
  if (typeof style !== 'string') return name;
  const words = wordsOf(name);
  switch (style) {
    case 'lowercase': return name.toLowerCase();
    case 'UPPERCASE': return name.toUpperCase();
    case 'PascalCase': return words.map(capitalise).join('');
    case 'camelCase': return words.map((word, index) => (index === 0 ? word : capitalise(word))).join('');
    case 'snake_case': return words.join('_');
    case 'SCREAMING_SNAKE_CASE': return words.join('_').toUpperCase();
    case 'kebab-case': return words.join('-');
    case 'SCREAMING-KEBAB-CASE': return words.join('-').toUpperCase();
    default: return name;
  }
}
