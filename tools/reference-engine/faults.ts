/**
 * Injected faults, for testing clients against a misbehaving engine. A fault is set for the whole
 * server (`faults` option, `setFault`) or for one request with the `x-reference-fault` header,
 * either as JSON (`{"status":503,"times":2,"retryAfter":1}`) or as `name=value` words separated
 * by spaces, commas or semicolons (`status=503 times=2 retry-after=1`). The header wins over
 * server faults. Faults apply to the generation routes only, never to GET /health or /v1/models.
 */
import { badRequest } from './errors.js';

export const FAULT_HEADER = 'x-reference-fault';

export interface FaultSpec {
  /** Answer with this HTTP status (an error body) instead of generating. */
  status?: number;
  /** With `status`: the Retry-After header, in seconds or as an HTTP date. */
  retryAfter?: number | string;
  /** Hold the answer back this many milliseconds, or until the client or the server gives up. */
  stallMs?: number | 'forever';
  /** Answer 200 with a JSON body (or SSE event data) cut in half, so it does not parse. */
  malformed?: boolean;
  /** Generate unconstrained text while answering as if the constraint had been applied. */
  ignoreConstraints?: boolean;
  /** Drop the connection after this many SSE events (a non-streamed body: after half of it). */
  cutAfterEvents?: number;
  /** Apply to this many matching requests, then recover. Every request when absent. */
  times?: number;
  /** Header faults only: requests with the same key share the `times` budget (default: the header text). */
  key?: string;
}

interface ServerFault {
  spec: FaultSpec;
  used: number;
}

export class FaultBoard {
  private serverFaults: ServerFault[] = [];
  private readonly headerUses = new Map<string, number>();

  constructor(initial: FaultSpec | readonly FaultSpec[] | undefined) {
    this.set(initial);
  }

  /** Replaces the server faults (and forgets how often header faults were used); null clears them. */
  set(faults: FaultSpec | readonly FaultSpec[] | null | undefined): void {
    const list = faults === null || faults === undefined ? [] : Array.isArray(faults) ? faults : [faults as FaultSpec];
    this.serverFaults = list.map((spec) => ({ spec: validateFault(spec), used: 0 }));
    this.headerUses.clear();
  }

  /** The fault for one request: the header's if it has one, else the first server fault with budget left. */
  take(headerValue: string | undefined): FaultSpec | undefined {
    if (headerValue !== undefined && headerValue.trim() !== '') return this.takeHeaderFault(headerValue);
    const active = this.serverFaults.find((fault) => fault.spec.times === undefined || fault.used < fault.spec.times);
    if (!active) return undefined;
    active.used += 1;
    return active.spec;
  }

  private takeHeaderFault(headerValue: string): FaultSpec | undefined {
    const spec = parseFaultHeader(headerValue);
    const key = spec.key ?? headerValue.trim();
    const used = this.headerUses.get(key) ?? 0;
    if (spec.times !== undefined && used >= spec.times) return undefined;
    this.headerUses.set(key, used + 1);
    return spec;
  }
}

export function parseFaultHeader(value: string): FaultSpec {
  const text = value.trim();
  if (text.startsWith('{')) {
    try {
      return validateFault(JSON.parse(text) as FaultSpec);
    } catch (error) {
      if (error instanceof SyntaxError) throw badRequest(`${FAULT_HEADER} is not valid JSON: ${error.message}`, FAULT_HEADER);
      throw error;
    }
  }
  const spec: FaultSpec = {};
  for (const word of text.split(/[\s,;]+/).filter(Boolean)) applyWord(spec, word);
  return validateFault(spec);
}

function applyWord(spec: FaultSpec, word: string): void {
  const [name = '', value] = word.split('=', 2);
  switch (name) {
    case 'status':
      spec.status = integerValue(name, value);
      return;
    case 'retry-after':
      spec.retryAfter = value !== undefined && /^\d+$/.test(value) ? Number(value) : requiredValue(name, value);
      return;
    case 'stall':
      spec.stallMs = value === 'forever' ? 'forever' : integerValue(name, value);
      return;
    case 'malformed':
      spec.malformed = true;
      return;
    case 'ignore-constraints':
      spec.ignoreConstraints = true;
      return;
    case 'cut-stream':
      spec.cutAfterEvents = value === undefined ? 1 : integerValue(name, value);
      return;
    case 'times':
      spec.times = integerValue(name, value);
      return;
    case 'key':
      spec.key = requiredValue(name, value);
      return;
    default:
      throw badRequest(
        `${FAULT_HEADER}: unknown word "${word}"; use status=N, retry-after=S, stall=MS|forever, malformed, ignore-constraints, cut-stream=N, times=N, key=K`,
        FAULT_HEADER,
      );
  }
}

function integerValue(name: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) throw badRequest(`${FAULT_HEADER}: ${name} needs a whole number, got "${value ?? ''}"`, FAULT_HEADER);
  return Number(value);
}

function requiredValue(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw badRequest(`${FAULT_HEADER}: ${name} needs a value`, FAULT_HEADER);
  return value;
}

function validateFault(spec: FaultSpec): FaultSpec {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw badRequest(`${FAULT_HEADER} must describe one fault object`, FAULT_HEADER);
  if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599)) {
    throw badRequest(`fault status must be an HTTP status between 100 and 599, got ${String(spec.status)}`, FAULT_HEADER);
  }
  if (spec.stallMs !== undefined && spec.stallMs !== 'forever' && !(Number.isFinite(spec.stallMs) && spec.stallMs >= 0)) {
    throw badRequest('fault stallMs must be a number of milliseconds or "forever"', FAULT_HEADER);
  }
  for (const name of ['times', 'cutAfterEvents'] as const) {
    const count = spec[name];
    if (count !== undefined && !(Number.isInteger(count) && count >= 0)) throw badRequest(`fault ${name} must be a whole number`, FAULT_HEADER);
  }
  return spec;
}

export function describeFault(spec: FaultSpec): string {
  const parts: string[] = [];
  if (spec.stallMs !== undefined) parts.push(`stall=${spec.stallMs}`);
  if (spec.status !== undefined) parts.push(`status=${spec.status}`);
  if (spec.retryAfter !== undefined) parts.push(`retry-after=${spec.retryAfter}`);
  if (spec.malformed) parts.push('malformed');
  if (spec.ignoreConstraints) parts.push('ignore-constraints');
  if (spec.cutAfterEvents !== undefined) parts.push(`cut-stream=${spec.cutAfterEvents}`);
  return parts.join(' ');
}
