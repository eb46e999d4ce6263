import { describe, expect, it } from 'vitest';
import { blogPagePatterns } from '../../src/first-paint';
import { blogSpellingInUrl } from '../../src/sites/csdn';

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
