// The shard selection of an audit, including a Kubernetes Indexed Job's index (TMS-A-009).
import { describe, expect, it } from 'vitest';
import { parseShard } from './parseShard.js';

describe('parseShard (TMS-A-009)', () => {
  it.each([
    [{}, {}, null],
    [{ shard: '0/3' }, {}, { index: 0, count: 3 }],
    [{ shard: '2/3' }, {}, { index: 2, count: 3 }],
    [{ shard: 'env', shards: '4' }, { JOB_COMPLETION_INDEX: '3' }, { index: 3, count: 4 }],
    [{ 'shard-index-env': 'SHARD', shards: '2' }, { SHARD: '1' }, { index: 1, count: 2 }],
  ])('reads %j', (values, env, want) => {
    expect(parseShard(values, env)).toEqual(want);
  });

  it.each([
    [{ shard: '3/3' }, {}, /not below the shard count 3/],
    [{ shard: '1/0' }, {}, /positive integer/],
    [{ shard: 'x' }, {}, /K\/N/],
    [{ shard: 'env' }, { JOB_COMPLETION_INDEX: '0' }, /--shards N/],
    [{ shard: 'env', shards: '2' }, {}, /JOB_COMPLETION_INDEX must hold/],
    [{ shard: 'env', shards: '2' }, { JOB_COMPLETION_INDEX: '2' }, /not below --shards 2/],
    [{ shards: '2' }, {}, /needs --shard env/],
  ])('refuses %j', (values, env, msg) => {
    expect(() => parseShard(values, env)).toThrow(msg);
  });
});
