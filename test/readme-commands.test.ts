// Every command the README shows runs as written. Each ```sh block of README.md (and of docs/*.md
// blocks marked <!-- run -->) runs line by line in a fresh temporary directory holding copies of
// examples/ and targets/ (node_modules linked, as after npm ci), with `npx tokencert` standing for this
// checkout's CLI. A line expects exit 0 unless its comment says "exit N" / "exits N"; a block right
// after <!-- not run: REASON --> is skipped with that reason (e.g. it needs a real provider's key).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const bin = resolve(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin.tokencert);

interface Block {
  file: string;
  line: number;
  commands: { text: string; exit: number }[];
  skip?: string;
}

/** The shell blocks of a Markdown file; in docs, only those marked <!-- run -->. */
function shellBlocks(file: string, onlyMarked: boolean): Block[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(sh|bash)\s*$/.test(lines[i])) continue;
    const before = lines.slice(Math.max(0, i - 2), i).join('\n');
    const skip = /<!-- not run: ([^>]*) -->/.exec(before)?.[1];
    const marked = /<!-- run -->/.test(before);
    const commands: Block['commands'] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j].startsWith('```'); j++) {
      const raw = lines[j];
      if (!raw.startsWith('npx tokencert ')) continue;
      const hash = raw.search(/\s#\s/);
      const text = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
      const exit = Number(/\bexits? (\d)\b/.exec(hash >= 0 ? raw.slice(hash) : '')?.[1] ?? 0);
      commands.push({ text, exit });
    }
    if (commands.length > 0 && (!onlyMarked || marked || skip)) blocks.push({ file, line: i + 1, commands, ...(skip ? { skip } : {}) });
    i = j;
  }
  return blocks;
}

/** Splits a command line into arguments, honouring double and single quotes (no other shell syntax). */
function argv(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

const blocks = [
  ...shellBlocks('README.md', false),
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => shellBlocks(join('docs', f), true)),
];

describe('README and docs commands run as written (TMS-C-001)', () => {
  it('finds the README blocks', () => {
    expect(blocks.filter((b) => b.file === 'README.md' && !b.skip).length).toBeGreaterThan(2);
  });
  for (const b of blocks) {
    const title = `${b.file}:${b.line} (${b.commands.length} command${b.commands.length > 1 ? 's' : ''})`;
    if (b.skip) {
      it.skip(`${title}: ${b.skip}`, () => {});
      continue;
    }
    it(`TMS-C-001: ${title}`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'tc-readme-'));
      cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
      cpSync(join(root, 'targets'), join(dir, 'targets'), { recursive: true });
      // As in a user's project after npm ci: the packages (a gateway target starts one from node_modules).
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
      for (const c of b.commands) {
        const args = argv(c.text).slice(2);
        const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 240_000 });
        expect({ command: c.text, exit: r.status, stderr: r.stderr.slice(0, 600) }).toEqual({ command: c.text, exit: c.exit, stderr: expect.any(String) });
        if (c.exit === 2) expect(r.stderr).toMatch(/^tokencert: /);
      }
    }, 600_000);
  }
});
