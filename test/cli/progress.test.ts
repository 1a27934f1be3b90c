import { describe, expect, it } from 'vitest';
import { progressReporter, StatusReporter } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const stream = { isTTY, columns: 80, text: '', write(chunk: string) { stream.text += chunk; return true; } };
  return stream as unknown as NodeJS.WriteStream & { text: string };
}

describe('StatusReporter', () => {
  it('on a terminal, redraws the phase in place with its elapsed time, and keeps result lines', () => {
    const stream = fakeStream(true);
    let now = 0;
    const status = new StatusReporter({ stream, now: () => now });
    status.phase('compiling ir_1 (cache miss)...');
    now = 1500;
    status.line('compiled ir_1 in 1500 ms (cache miss)');
    status.done();
    expect(stream.text).toBe('\r\x1b[2Kcompiling ir_1 (cache miss)... 0.0 s\r\x1b[2Kcompiled ir_1 in 1500 ms (cache miss)\n');
  });

  it('elsewhere, is silent unless forced, and then writes plain lines', () => {
    const silent = fakeStream(false);
    const quiet = new StatusReporter({ stream: silent });
    quiet.phase('compiling...');
    quiet.line('compiled');
    expect([quiet.enabled, silent.text]).toEqual([false, '']);
    const forced = fakeStream(false);
    const status = new StatusReporter({ stream: forced, force: true });
    status.phase('compiling...');
    status.line('compiled');
    expect(forced.text).toBe('compiling...\ncompiled\n');
  });

  it('is off with --no-progress, even on a terminal', () => {
    const stream = fakeStream(true);
    const status = new StatusReporter({ stream, off: true });
    status.phase('compiling...');
    expect(stream.text).toBe('');
  });
});

describe('progressReporter', () => {
  it('draws on a terminal and nothing without a stream (extract --quiet), even when stderr is a terminal', () => {
    const terminal = fakeStream(true);
    const shown = progressReporter(terminal);
    shown.update(1, 2, 'a.ts');
    shown.done();
    expect(terminal.text).toBe('\r\x1b[2Kextract 1/2 a.ts\r\x1b[2K');
    const wasTTY = process.stderr.isTTY;
    const write = process.stderr.write;
    let written = '';
    process.stderr.isTTY = true;
    process.stderr.write = ((chunk: string) => {
      written += chunk;
      return true;
    }) as typeof process.stderr.write;
    try {
      const quiet = progressReporter(undefined);
      quiet.update(1, 2, 'a.ts');
      quiet.done();
    } finally {
      process.stderr.isTTY = wasTTY;
      process.stderr.write = write;
    }
    expect(written).toBe('');
  });
});
