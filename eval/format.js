// Markdown tables for the evaluation's results: what `npm run eval` prints and docs/evaluation.md records.

const num = (x, digits = 3) => (x === null || x === undefined ? '–' : x.toFixed(digits));
const clip = (s, n = 140) => {
  const one = String(s ?? '').replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};
const visible = (s) =>
  String(s ?? '').replace(
    /[\u00A0\u2000-\u200F\u2028\u2029\u202F\u205F\u3000\uFEFF\u0080-\u009F]/g,
    (c) => `<U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}>`,
  );

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export function kindTable(score) {
  const rows = score.kinds.map((k) => {
    const name = k.variant === '*' ? `**${k.kind}**` : `${k.kind} / ${k.variant}`;
    if (k.labels === 0) return [name, '', '', '', '', `${k.flagged} of ${k.negatives} flagged`];
    const repair = k.exactRepairRate === null ? '' : num(k.exactRepairRate, 2);
    return [
      name,
      k.labels,
      k.detected,
      k.labels - k.detected,
      num(k.recall),
      repair + (k.negatives ? ` (${k.flagged} of ${k.negatives} look-alikes flagged)` : ''),
    ];
  });
  return table(['kind / variant', 'planted', 'found', 'missed', 'recall', 'exact repair / notes'], rows);
}

export function ruleTable(score) {
  const rows = score.rules.map((r) => [
    `\`${r.rule}\``,
    r.findings - r.info,
    r.tp,
    r.expected,
    r.fp,
    num(r.precision),
    r.recall === null ? '–' : `${num(r.recall)} (${r.detected}/${r.labels})`,
    num(r.fpPer50Untouched, 2),
    r.info || '',
  ]);
  return table(
    ['rule', 'findings', 'tp', 'derived pair', 'fp', 'precision', 'recall', 'false per 50 untouched', 'info'],
    rows,
  );
}

export function formatRun(run, { show = 6 } = {}) {
  const s = run.score;
  const lines = [
    `\n## ${run.genre}, ${run.half} half — ${run.sources} real articles → ${s.documents} audited (${s.untouched} untouched), ${s.labels} planted glitches, ${s.negatives} look-alikes; audit ${run.auditSeconds.toFixed(1)} s${run.dir ? `; corpus kept in ${run.dir}` : ''}`,
    '',
    ruleTable(s),
    '',
    kindTable(s),
    '',
    `Pairs: ${s.pairs.reported} reported, ${s.pairs.tp} planted, ${s.pairs.expected} derived, ${s.pairs.fp} false (precision ${num(s.pairs.precision)}). ` +
      `Conflicts: ${s.conflicts.reported} reported, ${s.conflicts.tp} planted, ${s.conflicts.fp} other (precision ${num(s.conflicts.precision)}). ` +
      `False warning/error findings per 50 untouched articles: ${num(s.falseFindingsPer50Untouched, 2)}.`,
  ];
  if (show > 0) {
    lines.push('', `Sample of misses (${s.misses.length}):`);
    for (const m of spread(s.misses, show))
      lines.push(
        `- ${m.kind}/${m.variant} ${m.file}:${m.line}${m.otherFile ? ` ~ ${m.otherFile}` : ''}: ${clip(visible(m.planted))}`,
      );
    const falses = s.rules.flatMap((r) => r.falseFindings);
    lines.push('', `Sample of false findings (${falses.length}; ${s.falseAlarms.length} look-alikes flagged):`);
    for (const f of spread(falses, show))
      lines.push(`- ${f.ruleId} ${f.path}:${f.line}${f.untouched ? ' (untouched)' : ''}: ${clip(visible(f.message))}`);
    for (const a of s.falseAlarms.slice(0, Math.ceil(show / 2)))
      lines.push(
        `- look-alike ${a.label.variant} ${a.label.file}:${a.label.line} flagged by ${a.by.join(', ')}: ${clip(visible(a.label.planted))}`,
      );
  }
  return lines.join('\n');
}

/** Up to n items, one per kind first, so a sample shows every kind of miss. */
function spread(items, n) {
  const byKey = new Map();
  for (const item of items) {
    const key = item.ruleId ?? `${item.kind}/${item.variant}`;
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push(item);
  }
  const out = [];
  for (let round = 0; out.length < n && out.length < items.length; round++) {
    for (const list of byKey.values()) if (list[round] && out.length < n) out.push(list[round]);
  }
  return out;
}

export function formatSummary(runs) {
  const rows = runs.map((r) => {
    const s = r.score;
    const recall = (kind) => s.kinds.find((k) => k.key === kind)?.recall;
    return [
      r.genre,
      r.half,
      s.documents,
      num(recall('truncation'), 2),
      num(recall('splice'), 2),
      num(recall('mojibake'), 2),
      num(recall('dropped-word'), 2),
      num(recall('duplicate'), 2),
      num(recall('claim'), 2),
      num(s.pairs.precision, 2),
      num(s.falseFindingsPer50Untouched, 2),
    ];
  });
  return `\n## Summary (recall per kind; pair precision; false warning/error findings per 50 untouched)\n\n${table(['genre', 'half', 'docs', 'truncation', 'splice', 'mojibake', 'dropped-word', 'duplicate', 'claim', 'pair precision', 'false /50'], rows)}`;
}
