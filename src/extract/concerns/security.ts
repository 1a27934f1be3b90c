import { makeConstraint } from '../../constraints/ids.js';
import type { Finding, Language } from '../../constraints/schema.js';
import { securityRule, securityRulesFor } from '../security-catalog.js';
import { evidenceOf, type Observation } from './evidence.js';
import type { ConcernBuilder, ExtractedFile } from './types.js';

function findingsOf(file: ExtractedFile): Finding[] {
  return file.facts.security.map((fact) => ({
    rule: fact.id,
    severity: 'error',
    message: securityRule(fact.id).message,
    file: file.path,
    range: fact.range,
    snippet: fact.snippet,
  }));
}

/**
 * Findings for every banned sink in the input, and a `forbid` constraint for every rule of each
 * language present, whether or not the input already contains it: generation must never add one.
 */
export const buildSecurity: ConcernBuilder = (files) => {
  const findings = files.flatMap(findingsOf);
  const languages = [...new Set(files.map((file) => file.language))].sort() as Language[];
  const constraints = languages.flatMap((language) =>
    securityRulesFor(language).map((rule) => {
      const seen: Observation[] = files
        .filter((file) => file.language === language)
        .flatMap((file) => file.facts.security.filter((fact) => fact.id === rule.id).map((fact) => ({ file: file.path, range: fact.range, rule: fact.rule, conforming: false })));
      return makeConstraint('forbid', { language, rule: rule.id, ...rule.forbid, reason: rule.message }, {
        kind: 'security',
        severity: 'error',
        priority: 90,
        confidence: 1,
        description: `generated ${language} must not introduce ${rule.id}: ${rule.message}`,
        provenance: { source: 'inferred', rule: `security-catalog#${rule.id}`, evidence: evidenceOf(seen) },
      });
    }),
  );
  return { constraints, findings };
};
