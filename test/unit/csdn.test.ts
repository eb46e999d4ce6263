import { describe, expect, it } from 'vitest';
import { blogKeyFromUrl, blogKeyOf, csdnLayouts, selectorsFor } from '../../src/sites/csdn';

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
  const layout = (id: string) => csdnLayouts.find((l) => l.id === id)!;

  it('gives the article page no header band and no title colors', () => {
    expect(layout('article').slots.header).toBeUndefined();
    expect(layout('article').slots.title).toBeUndefined();
    expect(layout('article').slots.subtitle).toBeUndefined();
  });

  it('tiles #userSkin on the home page and <body> elsewhere, never the home page body', () => {
    expect(layout('home').slots.background).toEqual(['#userSkin']);
    const bodyRule = layout('article').slots.background![0]!;
    expect(bodyRule.startsWith('body')).toBe(true);
    expect(bodyRule).toContain('#userSkin');
  });

  it('merges layouts into one selector list per slot without repeats', () => {
    const hover = selectorsFor('hover');
    expect(hover).toContain('.navList a');
    expect(hover).toContain('.article-item-box h4 a');
    expect(hover.filter((s) => s === '.aside-content a')).toHaveLength(1);
  });
});
