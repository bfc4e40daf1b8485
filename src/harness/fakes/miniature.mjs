// A deterministic fake implementation with named behaviours, for testing the harness runner
// (as bowtie's miniatures do). It implements text-count as "number of characters", and misbehaves
// on purpose when a case's text names a behaviour:
//   crash    exits with status 3 before answering
//   hang     never answers (the runner's timeout must fire)
//   garbage  answers a line that is not JSON
//   wrongseq answers with another seq
//   badshape answers a result without `count`
//   skip     answers skip with a reason
//   wrong    answers one more than the character count (a wrong answer)
// Start-up behaviours come from argv[2]: no-hello (exits at once), bad-hello (announces protocol 2).
import { createInterface } from 'node:readline';

const mode = process.argv[2] ?? 'ok';
if (mode === 'no-hello') process.exit(4);
const out = (v) => process.stdout.write(`${JSON.stringify(v)}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  const req = JSON.parse(line);
  if (req.cmd === 'start')
    return out({
      protocol: mode === 'bad-hello' ? 2 : 1,
      implementation: { name: 'miniature', version: '1.0.0', language: 'javascript' },
      kinds: ['text-count'],
    });
  if (req.cmd === 'stop') process.exit(0);
  const text = req.input.text;
  switch (text) {
    case 'crash':
      process.stderr.write('miniature: crashing on purpose\n');
      process.exit(3);
      return;
    case 'hang':
      return;
    case 'garbage':
      return process.stdout.write('this is not json\n');
    case 'wrongseq':
      return out({ seq: req.seq + 100, status: 'result', result: { count: 8 } });
    case 'badshape':
      return out({ seq: req.seq, status: 'result', result: { prompt_tokens: 8 } });
    case 'skip':
      return out({ seq: req.seq, status: 'skip', reason: 'miniature cannot express this' });
    case 'wrong':
      return out({ seq: req.seq, status: 'result', result: { count: text.length + 1 } });
    default:
      return out({ seq: req.seq, status: 'result', result: { count: text.length } });
  }
});
