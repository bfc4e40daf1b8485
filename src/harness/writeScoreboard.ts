import { join } from 'node:path';
import { writeAtomic } from '../io/writeAtomic.js';
import { buildScoreboard, type Scoreboard } from './buildScoreboard.js';
import { renderScoreboardHtml, renderScoreboardMarkdown } from './renderScoreboard.js';

/** The files writeScoreboard produces. */
export const SCOREBOARD_FILES = ['scoreboard.json', 'scoreboard.html', 'scoreboard.md'] as const;

/** Builds the scoreboard of harness run folders and writes scoreboard.json/html/md into `out`, each atomically (TMS-H-008). */
export async function writeScoreboard(dirs: readonly string[], out: string): Promise<Scoreboard> {
  const board = buildScoreboard(dirs);
  await writeAtomic(join(out, 'scoreboard.json'), `${JSON.stringify(board, null, 2)}\n`);
  await writeAtomic(join(out, 'scoreboard.html'), renderScoreboardHtml(board));
  await writeAtomic(join(out, 'scoreboard.md'), `# tokencert harness scoreboard\n\n${renderScoreboardMarkdown(board)}`);
  return board;
}
