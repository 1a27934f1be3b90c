import type { ConstraintOf, SignaturePayload } from '../../constraints/schema.js';
import type { SignatureFact } from '../../extract/facts.js';
import { violated, type Check } from './types.js';

const squash = (text: string | undefined) => text?.replace(/\s+/g, '');

function parameterList(payload: SignaturePayload): string {
  return payload.parameters.map((parameter) => `${parameter.rest ? '...' : ''}${parameter.name}${parameter.optional ? '?' : ''}${parameter.type ? `: ${parameter.type}` : ''}`).join(', ');
}

/** How a found signature differs from the required one; empty when it matches. */
export function signatureDifferences(required: SignaturePayload, found: SignaturePayload): string[] {
  const differences: string[] = [];
  if (parameterList(required).replace(/\s+/g, '') !== parameterList(found).replace(/\s+/g, '')) {
    differences.push(`parameters are (${parameterList(found)}), expected (${parameterList(required)})`);
  }
  if (squash(required.returns) !== squash(found.returns)) differences.push(`returns ${found.returns ?? 'nothing declared'}, expected ${required.returns ?? 'no declared type'}`);
  if (required.async !== found.async) differences.push(required.async ? 'is not async' : 'is async');
  return differences;
}

function sameName(required: SignaturePayload, fact: SignatureFact): boolean {
  return fact.payload.name === required.name && (!required.container || !fact.payload.container || fact.payload.container === required.container);
}

/**
 * Function shape: the output defines the required function with the same parameters, return
 * type and async-ness. Module shape: a function of that name, if defined, keeps the signature.
 */
export const checkSignature: Check<ConstraintOf<'signature'>> = (constraint, candidate) => {
  if (!candidate.facts) return { status: 'not_checked', reason: 'signatures are checked on code shapes only' };
  const required = constraint.payload;
  const matches = candidate.facts.signatures.filter((fact) => sameName(required, fact));
  if (matches.length === 0) {
    if (candidate.shape !== 'function') return { status: 'not_checked', reason: `the output does not define ${required.name}` };
    // The header text is the signature: when the body does not parse, the verbatim header still keeps it (syntax errors are their own violations).
    if (squash(candidate.code)!.startsWith(squash(required.header)!)) return { status: 'satisfied' };
    return violated({ message: `does not define ${required.name}`, hint: `start with the header \`${required.header}\`` });
  }
  const best = matches.map((fact) => ({ fact, differences: signatureDifferences(required, fact.payload) })).sort((a, b) => a.differences.length - b.differences.length)[0]!;
  return violated(...best.differences.map((difference) => ({ message: `${required.name} ${difference}`, location: best.fact.range.start, hint: `keep the header \`${required.header}\`` })));
};
