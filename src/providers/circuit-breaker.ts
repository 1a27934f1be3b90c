import { CircuitOpenError, countsAsEndpointFailure } from './errors.js';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive endpoint failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one probe through. */
  coolDownMs: number;
  /** Epoch ms; injected in tests. */
  now: () => number;
}

export const CIRCUIT_BREAKER_DEFAULTS = {
  /** Five in a row is past a blip: with two retries per call that is two failed calls. */
  failureThreshold: 5,
  /** Long enough for an engine restart or autoscaling to bring a replica back. */
  coolDownMs: 30_000,
} as const;

interface Circuit {
  state: CircuitState;
  failures: number;
  openedAt: number;
  probing: boolean;
}

/**
 * One breaker per endpoint key: closed until `failureThreshold` consecutive endpoint failures,
 * then open (calls fail fast with CircuitOpenError) for `coolDownMs`, then half-open: exactly one
 * probe goes through, and its outcome closes or re-opens the circuit. State lives in this object,
 * so in a Worker it is per isolate: keep one instance at module scope.
 */
export class CircuitBreaker {
  private readonly circuits = new Map<string, Circuit>();
  private readonly options: CircuitBreakerOptions;

  constructor(options: Partial<CircuitBreakerOptions> = {}) {
    this.options = { ...CIRCUIT_BREAKER_DEFAULTS, now: Date.now, ...options };
  }

  state(key: string): CircuitState {
    const circuit = this.circuits.get(key);
    if (circuit === undefined) return 'closed';
    if (circuit.state === 'open' && this.coolDownOver(circuit)) return 'half_open';
    return circuit.state;
  }

  /** Throws CircuitOpenError unless a call may go out now; in half-open, admits the one probe. */
  acquire(key: string): void {
    const circuit = this.circuits.get(key);
    if (circuit === undefined || circuit.state === 'closed') return;
    if (circuit.state === 'open' && this.coolDownOver(circuit)) {
      circuit.state = 'half_open';
      circuit.probing = true;
      return;
    }
    if (circuit.state === 'half_open' && !circuit.probing) {
      circuit.probing = true;
      return;
    }
    throw this.openError(key, circuit);
  }

  recordSuccess(key: string): void {
    this.circuits.delete(key);
  }

  recordFailure(key: string): void {
    const circuit = this.circuits.get(key) ?? { state: 'closed', failures: 0, openedAt: 0, probing: false };
    circuit.failures += 1;
    circuit.probing = false;
    if (circuit.state === 'half_open' || circuit.failures >= this.options.failureThreshold) {
      circuit.state = 'open';
      circuit.openedAt = this.options.now();
    }
    this.circuits.set(key, circuit);
  }

  /** Runs `call` through the breaker. A request the engine rejected (4xx) proves it is up. */
  async run<T>(key: string, call: () => Promise<T>): Promise<T> {
    this.acquire(key);
    try {
      const result = await call();
      this.recordSuccess(key);
      return result;
    } catch (error) {
      if (countsAsEndpointFailure(error)) this.recordFailure(key);
      else if (!isAbort(error)) this.recordSuccess(key);
      else this.releaseProbe(key);
      throw error;
    }
  }

  /** A probe the caller abandoned says nothing about the endpoint: let the next call probe. */
  releaseProbe(key: string): void {
    const circuit = this.circuits.get(key);
    if (circuit !== undefined) circuit.probing = false;
  }

  private coolDownOver(circuit: Circuit): boolean {
    return this.options.now() - circuit.openedAt >= this.options.coolDownMs;
  }

  private openError(key: string, circuit: Circuit): CircuitOpenError {
    const retryAt = circuit.state === 'open' ? circuit.openedAt + this.options.coolDownMs : this.options.now() + this.options.coolDownMs;
    return new CircuitOpenError(key, retryAt, Math.max(0, retryAt - this.options.now()));
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
