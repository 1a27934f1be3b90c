import { makeConstraint } from '../../constraints/ids.js';
import { ERROR_HABITS, type ErrorHabit } from '../facts.js';
import { confidenceOf, groupBy, inferredProvenance } from './evidence.js';
import type { ConcernBuilder, ExtractedFile } from './types.js';

function habitObservations(file: ExtractedFile) {
  return file.facts.errors.map((fact) => ({ ...fact, file: file.path, language: file.language }));
}

/**
 * One `error_handling` constraint per language and habit that the code follows at least once;
 * confidence is the share of observations that follow it.
 */
export const buildErrorHabits: ConcernBuilder = (files) => {
  const groups = groupBy(files.flatMap(habitObservations), (item) => `${item.language}\u0000${item.habit}`);
  const constraints = [...groups.values()]
    .filter((group) => group.some((item) => item.conforming))
    .map((group) => {
      const { language, habit } = group[0]! as { language: (typeof group)[number]['language']; habit: ErrorHabit };
      const names = [...new Set(group.flatMap((item) => (item.name ? [item.name] : [])))].sort();
      const provenance = inferredProvenance(group);
      const confidence = confidenceOf(provenance.evidence!);
      return makeConstraint('error_handling', { language, habit, description: ERROR_HABITS[habit], names }, {
        kind: 'semantic',
        severity: confidence >= 0.8 ? 'warning' : 'info',
        priority: 30 + Math.round(confidence * 30),
        confidence,
        description: `${ERROR_HABITS[habit]} (${provenance.evidence!.conforming} of ${group.length})${names.length ? `: ${names.join(', ')}` : ''}`,
        provenance,
      });
    });
  return { constraints };
};
