import { describe, expect, it } from 'vitest';
import { clip, visible, xmlEscape, xmlText } from './escape.js';

describe('escape (TMS-C-205)', () => {
  it('visible() shows controls, bidi overrides and lone surrogates as \\uXXXX and keeps tabs, newlines and pairs', () => {
    expect(visible('a\u0000b\u001bc\u007f\u202ed\u2066')).toBe('a\\u0000b\\u001Bc\\u007F\\u202Ed\\u2066');
    expect(visible('x\uD800y\uDC00z')).toBe('x\\uD800y\\uDC00z');
    expect(visible('tab\tnl\n😀 é')).toBe('tab\tnl\n😀 é');
  });

  it('xmlEscape() makes attribute-safe text; xmlText() keeps line breaks in element content', () => {
    expect(xmlEscape(`<a href="x">'&'</a>]]>\n\t\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;]]&gt;&#10;&#9;\\u0001');
    expect(xmlText('a <b>\r\n]]> & c')).toBe('a &lt;b&gt;\n]]&gt; &amp; c');
  });

  it('clip() cuts on code points, never inside a surrogate pair', () => {
    expect(clip('😀😀😀', 2)).toBe('😀…');
    expect(clip('short', 10)).toBe('short');
  });
});
