/** A one-line progress display on stderr, drawn only when stderr is a terminal. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr, label = 'extract') {
  const enabled = Boolean(stream.isTTY);
  let last = 0;
  return {
    update(done: number, total: number, path: string): void {
      if (!enabled) return;
      const now = Date.now();
      if (done < total && now - last < 50) return;
      last = now;
      const width = Math.max(20, (stream.columns ?? 80) - 30);
      const shown = path.length > width ? `…${path.slice(-(width - 1))}` : path;
      stream.write(`\r\x1b[2K${label} ${done}/${total} ${shown}`);
    },
    done(): void {
      if (enabled) stream.write('\r\x1b[2K');
    },
  };
}
