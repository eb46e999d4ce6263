import { describe, expect, it } from 'vitest';
import { allSlots } from '../../src/rules';
import { blogKeyFromUrl, blogKeyOf, selectorsFor, slotMap } from '../../src/sites/csdn';

describe('blogKeyFromUrl', () => {
  it.each([
    ['https://blog.csdn.net/baxiaoshi2020', 'baxiaoshi2020'],
    ['https://blog.csdn.net/baxiaoshi2020/', 'baxiaoshi2020'],
    ['https://blog.csdn.net/baxiaoshi2020/article/details/104234567', 'baxiaoshi2020'],
    ['https://blog.csdn.net/Some_User-1?type=blog', 'some_user-1'],
    ['https://baxiaoshi2020.blog.csdn.net/', 'baxiaoshi2020'],
    ['https://baxiaoshi2020.blog.csdn.net/article/details/1', 'baxiaoshi2020'],
  ])('%s belongs to %s', (url, blog) => {
    expect(blogKeyFromUrl(url)).toBe(blog);
  });

  it.each([
    'https://blog.csdn.net/',
    'http://blog.csdn.net/user',
    'https://www.csdn.net/user',
    'https://blog.csdn.net.evil.example/user',
    'https://evilblog.csdn.net/user',
    'https://a.b.blog.csdn.net/',
    'https://blog.csdn.net/%3Cscript%3E',
    'not a url',
  ])('%s is no blog', (url) => {
    expect(blogKeyFromUrl(url)).toBeNull();
  });
});

describe('blogKeyOf', () => {
  it('reads a page\'s location as blogKeyFromUrl reads its address', () => {
    const location = { protocol: 'https:', hostname: 'blog.csdn.net', pathname: '/BaXiaoShi2020/article/details/1' };
    expect(blogKeyOf(location)).toBe('baxiaoshi2020');
    expect(blogKeyOf({ ...location, protocol: 'http:' })).toBeNull();
    expect(blogKeyOf({ protocol: 'https:', hostname: 'baxiaoshi2020.blog.csdn.net', pathname: '/' })).toBe('baxiaoshi2020');
  });
});

describe('the slot map', () => {
  const all = allSlots.flatMap((slot) => selectorsFor(slot));

  it('lists selectors for every slot, each once, and the report and the page read the same list', () => {
    for (const slot of allSlots) {
      expect(selectorsFor(slot).length).toBeGreaterThan(0);
      expect(new Set(selectorsFor(slot)).size).toBe(selectorsFor(slot).length);
      expect(selectorsFor(slot)).toBe(slotMap[slot]);
    }
  });

  it('names no build hash of CSDN\'s pages, and no selector list of its own', () => {
    for (const selector of all) {
      expect(selector).not.toMatch(/data-v-/);
      // One selector per entry: a comma outside :has() would slip a second, unlisted one in.
      expect(selector.replace(/\([^)]*\)/g, '')).not.toContain(',');
    }
  });

  it('tiles the home page wrapper only when it holds the profile, and <body> on every other page', () => {
    const background = selectorsFor('background');
    expect(background).toHaveLength(2);
    const [wrapper, body] = background as [string, string];
    // The same id marks the list pages' skin dialog: the wrapper is told by what it holds.
    expect(wrapper).toMatch(/^#userSkin:has\(.+\.user-profile-body\)$/);
    expect(body).toMatch(/^body:not\(:has\(#userSkin > \.user-profile-body\)\)$/);
  });

  it('reaches the title bars nested a level deeper and the home page\'s common boxes', () => {
    const column = selectorsFor('column');
    expect(column).toContain('.aside-box > .aside-title');
    expect(column).toContain('.aside-box > * > .aside-title');
    expect(column).toContain('.groupfile-div1 > .aside-title');
    expect(column).toContain('.user-profile-aside-common-box > :first-child');
  });

  it('paints the header band only where it holds the blog\'s name, and its colors only inside it', () => {
    expect(selectorsFor('header')).toContain('header > .container:has(.title-blog)');
    expect(selectorsFor('title').filter((s) => s.includes('title-blog'))).toEqual(['header .title-blog a']);
    expect(selectorsFor('subtitle').filter((s) => s.includes('description'))).toEqual(['.title-blog ~ .description']);
    // Never `.title-box` alone: recommendation items hold blocks of that class.
    expect(all.filter((s) => /\.title-box(?![\w-])/.test(s))).toEqual([]);
  });

  it('gives the column page\'s article titles the hover color', () => {
    expect(selectorsFor('hover')).toContain('.column_article_title > .title');
  });
});
