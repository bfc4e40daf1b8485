import { readdirSync, readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { fromRoot } from '../paths.js';
import type { Report } from '../schemas/types.gen.js';
import { htmlView } from './htmlView.js';
import type { RenderOptions } from './specLink.js';

let compiled: Handlebars.TemplateDelegate | undefined;

/** Compiles reports/templates/report.hbs with every other .hbs file there as a partial named after it. */
function template(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  const dir = fromRoot('reports', 'templates');
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.hbs') && x !== 'report.hbs')
    .sort()) {
    hb.registerPartial(f.replace(/\.hbs$/, ''), readFileSync(`${dir}/${f}`, 'utf8'));
  }
  // strict: a misspelt field is an error, not an empty cell; escaping stays on (TMS-C-205).
  compiled = hb.compile(readFileSync(`${dir}/report.hbs`, 'utf8'), { strict: true, noEscape: false, preventIndent: true });
  return compiled;
}

/**
 * Renders report.html: one self-contained page (inline CSS and SVG, no scripts, no external assets)
 * with the verdict first, then failures with their evidence, requirements, comparability and the rest.
 */
export function renderHtml(report: Report, opts: RenderOptions = {}): string {
  return template()(htmlView(report, opts));
}
