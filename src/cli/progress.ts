/** A one-line progress display on stderr, drawn only when stderr is a terminal. */
/** Draws `label done/total path` in place on a terminal; with no stream (`--quiet`) it draws nothing. */
export function progressReporter(stream: NodeJS.WriteStream | undefined, label = 'extract') {
  const enabled = Boolean(stream?.isTTY);
  let last = 0;
  return {
    update(done: number, total: number, path: string): void {
      if (!enabled) return;
      const now = Date.now();
      if (done < total && now - last < 50) return;
      last = now;
      const width = Math.max(20, (stream!.columns ?? 80) - 30);
      const shown = path.length > width ? `…${path.slice(-(width - 1))}` : path;
      stream!.write(`\r\x1b[2K${label} ${done}/${total} ${shown}`);
    },
    done(): void {
      if (enabled) stream!.write('\r\x1b[2K');
    },
  };
}

export interface StatusOptions {
  stream?: NodeJS.WriteStream;
  /** `--progress`: report even when stderr is not a terminal (plain lines, nothing redrawn). */
  force?: boolean;
  /** `--no-progress`: never report. */
  off?: boolean;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
}

/**
 * What a command is doing, on stderr: on a terminal, the phase in progress is one line redrawn in
 * place with its elapsed time, and results stay as lines; elsewhere, only with `--progress`, each
 * phase and result is one plain line. Off when neither.
 */
export class StatusReporter {
  readonly enabled: boolean;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly now: () => number;
  private current: { text: string; started: number } | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: StatusOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.tty = Boolean(this.stream.isTTY);
    this.enabled = !options.off && (this.tty || Boolean(options.force));
    this.now = options.now ?? (() => performance.now());
  }

  /** A phase that takes a while ("compiling (cache miss)..."). */
  phase(text: string): void {
    if (!this.enabled) return;
    this.clear();
    this.current = { text, started: this.now() };
    if (!this.tty) {
      this.stream.write(`${text}\n`);
      return;
    }
    this.draw();
    this.timer = setInterval(() => this.draw(), 250);
    this.timer.unref?.();
  }

  /** A result that stays on screen ("compiled ir_... in 5234 ms"); ends the phase in progress. */
  line(text: string): void {
    if (!this.enabled) return;
    this.clear();
    this.stream.write(`${text}\n`);
  }

  /** Ends the phase in progress without a result line. */
  done(): void {
    this.clear();
  }

  private draw(): void {
    if (!this.current) return;
    const seconds = ((this.now() - this.current.started) / 1000).toFixed(1);
    this.stream.write(`\r\x1b[2K${this.current.text} ${seconds} s`);
  }

  private clear(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.current && this.tty) this.stream.write('\r\x1b[2K');
    this.current = undefined;
  }
}
