/** Short JSON text of a schema value for error messages. */
export function preview(value: unknown, maxLength = 80): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 3)}...` : text;
}
