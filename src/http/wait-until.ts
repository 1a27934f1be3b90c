import type { Context } from 'hono';
import type { WaitUntil } from '../cache/types.js';

/** The request's `ctx.waitUntil` in a Worker; undefined in Node, where Hono has no execution context. */
export function waitUntilOf(context: Context): WaitUntil | undefined {
  try {
    const executionContext = context.executionCtx;
    return (promise) => executionContext.waitUntil(promise);
  } catch {
    return undefined;
  }
}
