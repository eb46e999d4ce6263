import { describe, expect, it } from 'vitest';
import { blogPagePatterns, firstPaintOf, firstPaintPartsOf, registeredFor } from '../../src/first-paint';
import { SKIN_SCHEMA, type PageSkin } from '../../src/skin';
import { blogSpellingInUrl, pathSpellingOf } from '../../src/sites/csdn';

describe('blogPagePatterns', () => {
  it('covers the blog home, its pages and query forms, and its personal domain', () => {
    expect(blogPagePatterns('alice')).toEqual([
      'https://blog.csdn.net/alice',
      'https://blog.csdn.net/alice/*',
      'https://blog.csdn.net/alice?*',
      'https://alice.blog.csdn.net/*',
    ]);
  });

  it('never covers another blog whose name starts with this one', () => {
    expect(blogPagePatterns('abc').some((pattern) => pattern.includes('abc*'))).toBe(false);
  });

  it('adds the spelling an address uses, since match patterns compare paths by case', () => {
    const patterns = blogPagePatterns('v_july_v', ['v_JULY_v']);
    expect(patterns).toContain('https://blog.csdn.net/v_JULY_v/*');
    expect(patterns).toContain('https://blog.csdn.net/v_july_v/*');
    expect(patterns.filter((pattern) => pattern.endsWith('.blog.csdn.net/*'))).toEqual(['https://v_july_v.blog.csdn.net/*']);
  });
});

describe('blogSpellingInUrl', () => {
  it('keeps the case of the path segment on blog.csdn.net', () => {
    expect(blogSpellingInUrl('https://blog.csdn.net/v_JULY_v/article/details/1')).toBe('v_JULY_v');
    expect(blogSpellingInUrl('https://v_july_v.blog.csdn.net/')).toBeNull();
    expect(blogSpellingInUrl('https://www.csdn.net/x')).toBeNull();
  });
});

describe('registeredFor: whether a page has its blog’s first-paint sheets', () => {
  const at = (url: string) => pathSpellingOf(new URL(url));
  const stamp = { of: '', at: 0, spellings: ['Alice'] };

  it('holds at the blog’s own spelling, at one the registration lists, and on its personal domain whatever the case', () => {
    expect(registeredFor(stamp, 'alice', at('https://blog.csdn.net/alice/article/details/1'))).toBe(true);
    expect(registeredFor(stamp, 'alice', at('https://blog.csdn.net/Alice'))).toBe(true);
    expect(registeredFor(stamp, 'alice', at('https://ALICE.blog.csdn.net/'))).toBe(true);
  });

  it('makes a page at another address count its sheets as any, however current the stamp', () => {
    const skin: PageSkin = { schema: SKIN_SCHEMA, enabled: true, colors: { title: '#C0392B' }, images: { header: { revision: 'r1' } } };
    const current = { of: firstPaintOf(skin), at: 0 };
    expect(firstPaintPartsOf(current, skin, 5000)).toEqual({ colors: true, waits: ['header'], current: true });
    expect(firstPaintPartsOf(current, skin, 5000, false)).toEqual({ colors: true, waits: ['header', 'background', 'column'], current: false });
  });

  it('fails at a spelling not registered yet, or where the stamp lists none or is damaged', () => {
    expect(registeredFor(stamp, 'alice', at('https://blog.csdn.net/ALICE'))).toBe(false);
    expect(registeredFor({ of: '', at: 0 }, 'alice', at('https://blog.csdn.net/Alice'))).toBe(false);
    expect(registeredFor({ spellings: 'Alice' }, 'alice', at('https://blog.csdn.net/Alice'))).toBe(false);
    expect(registeredFor(null, 'alice', at('https://blog.csdn.net/Alice'))).toBe(false);
  });
});
