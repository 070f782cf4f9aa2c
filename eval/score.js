// Scores a content-audit JSON report against the planting generator's labels. Pure: no I/O, no knowledge of how a
// detector works — only which rules answer for which kind of glitch, and where a finding points.
//
// A label is detected when a finding of one of its kind's rules points at it (same file, overlapping lines) or, for
// the kinds between two articles, when the report relates the label's two files. A finding is a true positive when it
// detects a label, "expected" when it relates two files the generator derived from one another (an incidental but
// genuine pair) and a false finding otherwise. Negative labels (legitimate look-alikes, compatible claim variants)
// are never to be reported: any finding at one is false.

/** Which rules answer for a kind. Informational findings (severity info) are counted apart, never as false. */
export const KIND_RULES = {
  truncation: ['truncated-ending'],
  splice: ['spliced-keyword'],
  mojibake: ['mojibake'],
  'dropped-word': ['dropped-words'],
  duplicate: ['near-duplicate', 'similar-content', 'copied-passage'],
  claim: ['claim-conflict', 'changed-fact', 'name-spelling'],
};
/**
 * Rules whose finding at a planted glitch of another kind is right too, though it does not count towards that kind's
 * recall: a phrase joined by mis-decoded no-break spaces ("best\u00C2\u00A0vpn") is a splice and also real mojibake.
 */
export const ALSO_RIGHT = { 'splice/misdecoded-nbsp': ['mojibake'] };
const PAIR_RULES = new Set(KIND_RULES.duplicate);
const NO_SHARED_TEXT = new Set(['independent-conflict', 'compatible-pair']);
const CLAIM_RULES = new Set(KIND_RULES.claim);
const BETWEEN_FILES = new Set(['duplicate', 'claim', 'compatible']);

const pairKey = (a, b) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const overlaps = (line, endLine, from, to) => line <= to && (endLine ?? line) >= from;

/** Files that share text because the generator derived one from another: connected components of its relations. */
function relationGroups(relations) {
  const parent = new Map();
  const find = (x) => {
    if (!parent.has(x)) parent.set(x, x);
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root);
    parent.set(x, root);
    return root;
  };
  for (const { a, b } of relations) parent.set(find(a), find(b));
  return (a, b) => a !== b && parent.has(a) && parent.has(b) && find(a) === find(b);
}

/** Where a finding points, and the other file it relates to (if any). */
function placesOf(finding) {
  const related = (finding.related ?? []).map((r) => ({ path: r.path, line: r.line, endLine: r.endLine ?? r.line }));
  return { here: { path: finding.path, line: finding.line, endLine: finding.endLine }, related };
}

/** Does this finding point at this (positive or negative) label? */
function findingHitsLabel(finding, label) {
  const { here, related } = placesOf(finding);
  if (!BETWEEN_FILES.has(label.kind)) {
    if (here.path !== label.file) return false;
    // A truncation is a property of the ending: any truncated-ending finding in the file is about it.
    if (label.kind === 'truncation') return true;
    return overlaps(here.line, here.endLine, label.line, label.endLine ?? label.line);
  }
  const sides = [
    [label.file, label.line, label.endLine, label.otherFile, label.otherLine, label.otherEndLine],
    [label.otherFile, label.otherLine, label.otherEndLine, label.file, label.line, label.endLine],
  ];
  for (const [file, line, endLine, other, otherLine, otherEndLine] of sides) {
    if (here.path !== file) continue;
    for (const r of related) {
      if (r.path !== other) continue;
      // Pairs are about whole articles; a claim must point at the changed sentence on at least one side.
      if (label.kind === 'duplicate') return true;
      if (line == null || overlaps(here.line, here.endLine, line, endLine ?? line)) return true;
      if (otherLine != null && overlaps(r.line, r.endLine, otherLine, otherEndLine ?? otherLine)) return true;
    }
  }
  return false;
}

function ruleMayDetect(ruleId, label) {
  if (label.negative) return true; // a look-alike is falsely flagged by any rule
  return (KIND_RULES[label.kind] ?? []).includes(ruleId);
}

const alsoRight = (ruleId, label) => (ALSO_RIGHT[`${label.kind}/${label.variant}`] ?? []).includes(ruleId);

/** The report's claim conflicts as lists of located values. */
function conflictHitsLabel(conflict, label) {
  const at = (file, line, endLine) =>
    conflict.values.some((v) => v.path === file && (line == null || overlaps(v.line, v.line, line, endLine ?? line)));
  const loose = (file) => conflict.values.some((v) => v.path === file);
  return (
    (at(label.file, label.line, label.endLine) && loose(label.otherFile)) ||
    (loose(label.file) && at(label.otherFile, label.otherLine, label.otherEndLine))
  );
}

function repairIsExact(finding, label) {
  if (label.kind !== 'mojibake' || typeof label.original !== 'string') return false;
  const shown = /should read "(.*)"\.?$/s
    .exec(finding.message ?? '')?.[1]
    ?.replace(/<U\+([0-9A-F]{4,6})>/g, (_, h) => String.fromCodePoint(parseInt(h, 16)));
  if (
    shown !== undefined &&
    (shown === label.original || (label.original.includes(shown) && shown.length >= label.original.length * 0.5))
  )
    return true;
  const suggestion = finding.suggestion ?? '';
  return (
    suggestion.includes(label.original) &&
    !(label.planted && label.planted !== label.original && suggestion.includes(label.planted))
  );
}

const ratio = (a, b) => (b === 0 ? null : a / b);

/**
 * @param {{ report: any, labels: any[], relations: {a:string,b:string,how:string}[], untouched: string[] }} input
 */
export function scoreReport({ report, labels, relations, untouched }) {
  // Inserted sentence pairs share only an invented name, not text: no pair between them is expected.
  const related = relationGroups(relations.filter((r) => !NO_SHARED_TEXT.has(r.how)));
  const positives = labels.filter((l) => !l.negative);
  const negatives = labels.filter((l) => l.negative);
  const detected = new Map(positives.map((l) => [l.id, { label: l, by: new Set(), exactRepair: false }]));
  const flagged = new Map(negatives.map((l) => [l.id, { label: l, by: new Set() }]));
  const labelSets = { positives, negatives, detected, flagged };

  const rules = scoreFindings(report.findings, labelSets, related, new Set(untouched));
  // Pairs and conflicts as the report lists them beside the findings.
  const pairs = scorePairs(report.duplicates?.pairs ?? [], labelSets, related);
  const conflicts = scoreConflicts(report.claims?.conflicts ?? [], labelSets);
  const { kinds, misses, falseAlarms } = recallByKind(detected, flagged);
  addRecallPerRule(rules, positives, detected);

  const ruleRows = [...rules.values()]
    .sort((a, b) => (a.rule < b.rule ? -1 : 1))
    .map((r) => ({
      ...r,
      precision: ratio(r.tp + r.expected, r.tp + r.expected + r.fp),
      recall: r.labels ? ratio(r.detected, r.labels) : null,
      fpPer50Untouched: untouched.length ? (r.fpUntouched / untouched.length) * 50 : null,
    }));
  const kindRows = [...kinds.values()]
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((k) => ({
      ...k,
      recall: ratio(k.detected, k.labels),
      exactRepairRate: k.kind === 'mojibake' ? ratio(k.exactRepair, k.detected) : null,
    }));
  const fpUntouched = ruleRows.reduce((n, r) => n + r.fpUntouched, 0);
  return {
    documents: report.documents?.length ?? 0,
    untouched: untouched.length,
    labels: positives.length,
    negatives: negatives.length,
    rules: ruleRows,
    kinds: kindRows,
    pairs: { ...pairs, precision: ratio(pairs.tp + pairs.expected, pairs.reported) },
    conflicts: { ...conflicts, precision: ratio(conflicts.tp, conflicts.reported) },
    falseFindingsPer50Untouched: untouched.length ? (fpUntouched / untouched.length) * 50 : null,
    misses,
    falseAlarms,
  };
}

/** The row of rule `id` in `rules`, made on first use. */
function ruleRow(rules, id) {
  if (!rules.has(id))
    rules.set(id, { rule: id, findings: 0, tp: 0, expected: 0, fp: 0, info: 0, fpUntouched: 0, falseFindings: [] });
  return rules.get(id);
}

/**
 * Each finding against the labels: true positive, expected (a genuine derived pair) or false; records which labels
 * it detected or falsely flagged. Returns the rows per rule, in order of first finding.
 */
function scoreFindings(findings, { positives, negatives, detected, flagged }, related, untouchedSet) {
  const rules = new Map();
  for (const f of findings) {
    const row = ruleRow(rules, f.ruleId);
    row.findings++;
    if (f.severity === 'info') {
      row.info++;
      continue;
    }
    let hit = false;
    for (const label of positives) {
      if (alsoRight(f.ruleId, label) && findingHitsLabel(f, label)) hit = true;
      if (!ruleMayDetect(f.ruleId, label) || !findingHitsLabel(f, label)) continue;
      hit = true;
      const d = detected.get(label.id);
      d.by.add(f.ruleId);
      if (repairIsExact(f, label)) d.exactRepair = true;
    }
    let falseAtNegative = false;
    for (const label of negatives) {
      if (!findingHitsLabel(f, label)) continue;
      // A pair rule relating a compatible-variant copy to its source is a genuine pair, not a false claim.
      if (label.kind === 'compatible' && !CLAIM_RULES.has(f.ruleId)) continue;
      flagged.get(label.id).by.add(f.ruleId);
      falseAtNegative = true;
    }
    const relatedPaths = (f.related ?? []).map((r) => r.path);
    const derived = PAIR_RULES.has(f.ruleId) && relatedPaths.some((p) => related(f.path, p));
    if (hit && !falseAtNegative) row.tp++;
    else if (derived && !falseAtNegative) row.expected++;
    else {
      row.fp++;
      const onUntouched =
        untouchedSet.has(f.path) && relatedPaths.every((p) => untouchedSet.has(p) && !related(f.path, p));
      if (onUntouched) row.fpUntouched++;
      row.falseFindings.push({
        ruleId: f.ruleId,
        path: f.path,
        line: f.line,
        untouched: onUntouched,
        message: f.message,
        evidence: f.evidence,
      });
    }
  }
  return rules;
}

/** The report's duplicate pairs against the duplicate labels (marking the labels they detect). */
function scorePairs(reportedPairs, { positives, detected }, related) {
  const pairs = { reported: 0, tp: 0, expected: 0, fp: 0, falsePairs: [] };
  const pairLabels = positives.filter((l) => l.kind === 'duplicate');
  for (const p of reportedPairs) {
    pairs.reported++;
    const matches = pairLabels.filter((l) => pairKey(l.file, l.otherFile) === pairKey(p.a, p.b));
    for (const l of matches) detected.get(l.id).by.add(`pair:${p.kind}`);
    if (matches.length) pairs.tp++;
    else if (related(p.a, p.b)) pairs.expected++;
    else {
      pairs.fp++;
      pairs.falsePairs.push({ a: p.a, b: p.b, kind: p.kind, similarity: p.similarity });
    }
  }
  return pairs;
}

/** The report's claim conflicts against the claim labels, and against the compatible variants they must not flag. */
function scoreConflicts(reportedConflicts, { positives, negatives, detected, flagged }) {
  const conflicts = { reported: 0, tp: 0, fp: 0, falseConflicts: [] };
  const claimLabels = positives.filter((l) => l.kind === 'claim');
  const compatibleLabels = negatives.filter((l) => l.kind === 'compatible');
  for (const c of reportedConflicts) {
    conflicts.reported++;
    const matches = claimLabels.filter((l) => conflictHitsLabel(c, l));
    for (const l of matches) detected.get(l.id).by.add('conflict');
    for (const l of compatibleLabels) if (conflictHitsLabel(c, l)) flagged.get(l.id).by.add('conflict');
    if (matches.length) conflicts.tp++;
    else {
      conflicts.fp++;
      conflicts.falseConflicts.push({
        subject: c.subject,
        attribute: c.attribute,
        values: c.values.map((v) => `${v.value} (${v.path}:${v.line})`),
      });
    }
  }
  return conflicts;
}

/** The recall rows a label counts in: its kind, its kind/variant, and for splices whether the phrase recurs. */
function kindKeysOf(l) {
  const keys = [
    [l.kind, l.kind, '*'],
    [`${l.kind}/${l.variant}`, l.kind, l.variant],
  ];
  if (l.kind === 'splice')
    keys.push([
      `${l.kind}/${(l.repeatedIn ?? 1) >= 2 ? 'repeated' : 'once'}`,
      l.kind,
      (l.repeatedIn ?? 1) >= 2 ? 'repeated' : 'once',
    ]);
  return keys;
}

/** Recall per kind and per variant (splices also by whether the phrase recurs across articles); misses; false alarms. */
function recallByKind(detected, flagged) {
  const kinds = new Map();
  const kindRow = (key, kind, variant) => {
    if (!kinds.has(key))
      kinds.set(key, { key, kind, variant, labels: 0, detected: 0, exactRepair: 0, negatives: 0, flagged: 0 });
    return kinds.get(key);
  };
  const misses = [];
  for (const { label, by, exactRepair } of detected.values()) {
    for (const [key, kind, variant] of kindKeysOf(label)) {
      const row = kindRow(key, kind, variant);
      row.labels++;
      if (by.size) row.detected++;
      if (exactRepair) row.exactRepair++;
    }
    if (!by.size) misses.push(label);
  }
  const falseAlarms = [];
  for (const { label, by } of flagged.values()) {
    for (const [key, kind, variant] of kindKeysOf(label)) {
      const row = kindRow(key, kind, variant);
      row.negatives++;
      if (by.size) row.flagged++;
    }
    if (by.size) falseAlarms.push({ label, by: [...by] });
  }
  return { kinds, misses, falseAlarms };
}

/** Recall per rule over the labels of the kinds it answers for (rules with no finding get no row). */
function addRecallPerRule(rules, positives, detected) {
  for (const [kind, ids] of Object.entries(KIND_RULES)) {
    for (const id of ids) {
      const row = rules.get(id);
      if (!row) continue;
      const ofKind = positives.filter((l) => l.kind === kind);
      row.labels = ofKind.length;
      row.detected = ofKind.filter((l) => detected.get(l.id).by.has(id)).length;
    }
  }
}
