import { makeConstraint } from '../../constraints/ids.js';
import { groupBy, inferredProvenance, type Observation } from './evidence.js';
import type { ConcernBuilder, ExtractedFile } from './types.js';

function importObservations(file: ExtractedFile) {
  return file.facts.imports.map((fact) => ({ ...fact, file: file.path, language: file.language, conforming: true }));
}

/** One `allow` import constraint per module and language, with the files that use it as evidence. */
export const buildImports: ConcernBuilder = (files) => {
  const observations = files.flatMap(importObservations);
  const groups = groupBy(observations, (item) => `${item.language}\u0000${item.module}`);
  return {
    constraints: [...groups.values()].map((group) => {
      const first = group[0]!;
      const names = [...new Set(group.flatMap((item) => item.names))].sort();
      const evidence: Observation[] = group.map(({ file, range, rule }) => ({ file, range, rule, conforming: true }));
      return makeConstraint('import', { language: first.language, module: first.module, origin: first.origin, names, mode: 'allow' }, {
        kind: 'architectural',
        severity: 'info',
        priority: 50,
        confidence: 1,
        description: `${first.origin} module "${first.module}" is used (${group.length}×)${names.length ? `: ${names.slice(0, 8).join(', ')}` : ''}`,
        provenance: inferredProvenance(evidence),
      });
    }),
  };
};
