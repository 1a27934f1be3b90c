const SECRET_NAME = /(secret|passw(or)?d|passwd|api[_-]?key|access[_-]?key|auth[_-]?token|private[_-]?key|client[_-]?secret|token)$/i;
const PLACEHOLDER = /^(|x+|\*+|changeme|change[_-]?me|todo|your[_-]?.*|<.*>|\$\{.*\}|test|example|dummy|redacted)$/i;
const KNOWN_FORMATS = [
  /^AKIA[0-9A-Z]{16}$/, // AWS access key id
  /^gh[pousr]_[A-Za-z0-9]{36,}$/, // GitHub token
  /^sk-[A-Za-z0-9_-]{20,}$/, // OpenAI-style secret key
  /^xox[abprs]-[A-Za-z0-9-]{10,}$/, // Slack token
  /^-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

/** True when a string literal looks like a credential by its format alone. */
export function looksLikeSecretValue(value: string): boolean {
  return KNOWN_FORMATS.some((format) => format.test(value));
}

/**
 * True when assigning `value` to something called `name` looks like a hard-coded secret:
 * a secret-sounding name with a non-placeholder literal of 8+ characters, or a known key format.
 */
export function looksLikeHardcodedSecret(name: string, value: string): boolean {
  if (looksLikeSecretValue(value)) return true;
  const bareName = name.replace(/^[^A-Za-z]+|[^A-Za-z0-9]+$/g, '');
  return SECRET_NAME.test(bareName) && value.length >= 8 && !PLACEHOLDER.test(value) && !/\s/.test(value);
}
