import type { Spec } from './types.js';

/** Renders the spec as readable Markdown (spec/tms.md): prose per part, then its requirements. */
export function renderSpecMarkdown(spec: Spec): string {
  const out: string[] = [];
  out.push(`# ${spec.title} — version ${spec.version}`, '');
  out.push('> Generated from `spec/parts/*.yaml` by `npm run gen:spec`; the machine-readable form is `spec/tms.yaml`. Do not edit by hand.', '');
  out.push(
    'The key words MUST, MUST NOT, SHOULD, SHOULD NOT and MAY are to be interpreted as described in BCP 14 (RFC 2119, RFC 8174) when, and only when, they appear in all capitals.',
    '',
  );
  out.push('## Conformance classes', '');
  for (const c of spec.conformance_classes) out.push(`- **${c.id}** — ${c.text}`);
  out.push('', '## Conformance levels', '');
  for (const l of spec.levels) out.push(`- **${l.id}** (requires ${l.requires.join(', ')}) — ${l.text}`);
  out.push('');
  for (const part of spec.parts) {
    out.push(`## Part ${part.id}: ${part.title}`, '', part.prose.trim(), '');
    for (const r of spec.requirements.filter((x) => x.id.startsWith(`TMS-${part.id}-`))) {
      const retired = r.status === 'retired' ? ' (retired)' : '';
      out.push(`### ${r.id} ${r.title}${retired}`, '');
      out.push(`**${r.level}** · applies to ${r.applies_to.join(', ')}`, '');
      out.push(r.text.trim(), '');
      if (r.rationale) out.push(`*Rationale.* ${r.rationale.trim()}`, '');
      if (r.verified_by.length) out.push(`Verified by: ${r.verified_by.map((v) => `\`${v}\``).join(', ')}`, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
