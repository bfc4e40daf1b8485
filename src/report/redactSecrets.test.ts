import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, redactUrl } from './redactSecrets.js';

describe('redactSecrets (TMS-C-207)', () => {
  it('removes URL user info and secret query parameters, and leaves other URLs alone', () => {
    expect(redactUrl('https://user:pw@api.example.com/v1?key=AIza123&alt=sse')).toBe('https://api.example.com/v1?key=%5Bredacted%5D&alt=sse');
    expect(redactUrl('https://api.example.com/v1/models/gemini:generateContent?api_key=x')).toBe('https://api.example.com/v1/models/gemini:generateContent?api_key=%5Bredacted%5D');
    expect(redactUrl('http://127.0.0.1:8080/v1/chat/completions')).toBe('http://127.0.0.1:8080/v1/chat/completions');
    expect(redactUrl('not a url')).toBe('not a url');
  });

  it('replaces a known secret anywhere, credential-named values, and keeps digests, numbers and booleans intact', () => {
    const key = 'sk-live-abcdef';
    const digest = 'ab'.repeat(32);
    const out = redactSecrets(
      { options: { api_key: key, password: 'hunter2', max_tokens: 8, auth_token: null, use_api_key: true }, nested: [{ message: `401: bad key ${key}`, Authorization: `Bearer ${key}` }], sha: digest, url: `https://x.test/?token=${key}` },
      [key],
    );
    expect(out).toEqual({
      options: { api_key: REDACTED, password: REDACTED, max_tokens: 8, auth_token: null, use_api_key: true },
      nested: [{ message: `401: bad key ${REDACTED}`, Authorization: REDACTED }],
      sha: digest,
      url: 'https://x.test/?token=%5Bredacted%5D',
    });
    expect(JSON.stringify(out)).not.toContain(key);
  });
});
