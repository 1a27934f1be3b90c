import { makeConstraint } from '../../constraints/ids.js';
import type { ConcernBuilder } from './types.js';

/** One `hole` constraint per TODO/not-implemented marker, with its enclosing signature. */
export const buildHoles: ConcernBuilder = (files) => ({
  constraints: files.flatMap((file) =>
    file.facts.holes.map((fact) => {
      const payload = { marker: fact.marker, file: file.path, range: fact.range, text: fact.text, ...(fact.enclosing ? { enclosing: fact.enclosing } : {}) };
      const where = fact.enclosing ? ` in ${fact.enclosing.container ? `${fact.enclosing.container}.` : ''}${fact.enclosing.name}` : '';
      return makeConstraint('hole', payload, {
        kind: 'semantic',
        severity: 'info',
        priority: 60,
        confidence: 1,
        description: `typed hole (${fact.marker})${where} at ${file.path}:${fact.range.start.line}`,
        provenance: { source: 'extracted', file: file.path, range: fact.range, rule: fact.rule },
      });
    }),
  ),
});
