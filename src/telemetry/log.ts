export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One JSON line per event: Workers Logs and `wrangler tail` index the fields. */
export function logEvent(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, event, time: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
