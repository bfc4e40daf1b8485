import { describe, expect, it } from 'vitest';
import { clipExcerpt, REDACTED, redactSecrets, redactUrl, scrubText, secretForms } from './redactSecrets.js';

describe('redactSecrets (TMS-C-207)', () => {
  it('removes URL user info and secret query parameters, and leaves other URLs alone', () => {
    expect(redactUrl('https://user:pw@api.example.com/v1?key=AIza123&alt=sse')).toBe('https://api.example.com/v1?key=%5Bredacted%5D&alt=sse');
    expect(redactUrl('https://api.example.com/v1/models/gemini:generateContent?api_key=x')).toBe(
      'https://api.example.com/v1/models/gemini:generateContent?api_key=%5Bredacted%5D',
    );
    expect(redactUrl('http://127.0.0.1:8080/v1/chat/completions')).toBe('http://127.0.0.1:8080/v1/chat/completions');
    expect(redactUrl('not a url')).toBe('not a url');
  });

  it('replaces a known secret anywhere, credential-named values, and keeps digests, numbers and booleans intact', () => {
    const key = 'sk-live-abcdef';
    const digest = 'ab'.repeat(32);
    const out = redactSecrets(
      {
        options: { api_key: key, password: 'hunter2', max_tokens: 8, auth_token: null, use_api_key: true },
        nested: [{ message: `401: bad key ${key}`, Authorization: `Bearer ${key}` }],
        sha: digest,
        url: `https://x.test/?token=${key}`,
      },
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

describe('secret forms and cuts (TMS-C-009)', () => {
  const key = ['sk', 'canary', '0123456789abcdefABCDEF+/xyz'].join('-');
  const forms = secretForms(key);
  const pieces = (k: string) => {
    const out = [k.slice(0, 12)];
    for (const fill of ['', 'x', 'xy'])
      out.push(
        Buffer.from(fill + k)
          .toString('base64')
          .slice(4, 16),
      );
    out.push(Buffer.from(k).toString('hex').slice(0, 12), Buffer.from(k).toString('hex').toUpperCase().slice(0, 12));
    return out;
  };

  it('every cut of every encoding at every alignment leaves no 12-character piece of the key', () => {
    const encodings: string[] = [];
    for (const fill of ['', 'x', 'xy', 'Bearer ', 'user:']) {
      const b64 = Buffer.from(fill + key).toString('base64');
      encodings.push(b64, b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
    }
    const hex = Buffer.from(key).toString('hex');
    encodings.push(key, hex, hex.toUpperCase(), hex.replace(/../g, '%$&'), hex.toUpperCase().replace(/../g, '%$&'), encodeURIComponent(key));
    for (const enc of encodings) {
      const text = `error: ${enc} trailing`;
      for (let cut = 0; cut <= text.length; cut++) {
        const out = scrubText(text.slice(0, cut), forms);
        for (const p of pieces(key)) expect(out, `${enc} cut at ${cut}`).not.toContain(p);
      }
    }
  });

  it('clipExcerpt never ends inside a key-shaped run', () => {
    for (let at = 0; at < 60; at++) {
      const clipped = clipExcerpt(`${' '.repeat(at)}${key} tail`, 40);
      expect(clipped.length).toBeLessThanOrEqual(41);
      expect(
        key.startsWith(clipped.trim().replace(/…$/, '')) && clipped.trim() !== '…' && clipped.trim().length > 1 && clipped.trim().length < key.length,
      ).toBe(false);
    }
    expect(clipExcerpt('short', 40)).toBe('short');
  });

  it('a digest-shaped string keeps its value unless it carries a long form of the key', () => {
    const digest = 'ab'.repeat(32);
    expect(redactSecrets({ d: digest }, ['abab'])).toEqual({ d: digest });
    const hexKey = Buffer.from('0123456789abcdef0123456789abcdef').toString('hex');
    expect(redactSecrets({ d: hexKey }, secretForms('0123456789abcdef0123456789abcdef'))).toEqual({ d: REDACTED });
  });
});
