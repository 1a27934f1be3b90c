import { makeConstraint } from '../../constraints/ids.js';
import type { ConcernBuilder } from './types.js';

/** One `signature` constraint per function, method or constructor found. */
export const buildSignatures: ConcernBuilder = (files) => ({
  constraints: files.flatMap((file) =>
    file.facts.signatures.map((fact) =>
      makeConstraint('signature', fact.payload, {
        kind: 'type_safety',
        severity: fact.payload.exported ? 'error' : 'warning',
        priority: fact.payload.exported ? 80 : 60,
        confidence: 1,
        description: `${fact.payload.container ? `${fact.payload.container}.` : ''}${fact.payload.name} keeps the signature \`${fact.payload.header}\``,
        provenance: { source: 'extracted', file: file.path, range: fact.range, rule: fact.rule },
      }),
    ),
  ),
});

/** One `type_shape` constraint per interface, alias, enum, model, struct or record. */
export const buildShapes: ConcernBuilder = (files) => ({
  constraints: files.flatMap((file) =>
    file.facts.shapes.map((fact) =>
      makeConstraint('type_shape', fact.payload, {
        kind: 'type_safety',
        severity: 'error',
        priority: fact.payload.exported ? 80 : 60,
        confidence: 1,
        description: `values of ${fact.payload.name} (${fact.payload.kind}) match its JSON Schema`,
        provenance: { source: 'extracted', file: file.path, range: fact.range, rule: fact.rule },
      }),
    ),
  ),
});
