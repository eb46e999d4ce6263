import type { Slot } from '../rules';

/**
 * Where each skin field goes on CSDN's blog pages (the slot map).
 * Selectors per layout; a slot a layout lacks is simply not listed.
 */
export type LayoutId = 'home' | 'article' | 'legacy';

export interface Layout {
  id: LayoutId;
  /** An element only this layout has: how a loaded page tells which layout it is. */
  marker: string;
  slots: Partial<Record<Slot, readonly string[]>>;
}

// The article and older pages tile <body>; the home page tiles #userSkin instead, so its <body>
// is left alone (the `:has` keeps the union of all layouts' rules from touching it).
const pageBody = 'body:not(:has(> #userSkin))';

export const csdnLayouts: readonly Layout[] = [
  {
    id: 'home',
    marker: '#userSkin',
    slots: {
      header: ['.user-profile-head-banner'],
      background: ['#userSkin'],
      column: ['.aside-box > .aside-title'],
      title: ['.user-profile-head-name > div:first-child'],
      hover: [
        '.user-profile-head-name > div:first-child',
        '.navList a',
        '.blog-list-box h4',
        '.aside-content a',
      ],
      subtitle: ['.user-profile-title', '.user-profile-wrapper-box > span'],
    },
  },
  {
    id: 'article',
    marker: '#mainBox > main .blog-content-box',
    slots: {
      background: [pageBody],
      column: ['.aside-box > .aside-title'],
      hover: ['.aside-content a'],
    },
  },
  {
    id: 'legacy',
    marker: 'header > .container .title-box',
    slots: {
      header: ['header > .container'],
      background: [pageBody],
      column: ['aside .aside-box > .aside-title'],
      title: ['.title-box .title-blog a'],
      hover: ['.title-blog a', '.article-item-box h4 a', '.aside-content a'],
      subtitle: ['.title-box .description'],
    },
  },
];

/** Every layout's selectors for `slot`, without repeats: the page gets one rule per slot. */
export function selectorsFor(slot: Slot): string[] {
  return [...new Set(csdnLayouts.flatMap((layout) => layout.slots[slot] ?? []))];
}

/** The pages the extension may read and paint: the same list as the manifest's host_permissions. */
export const blogHostPatterns = ['https://blog.csdn.net/*', 'https://*.blog.csdn.net/*'];

const USER = /^[A-Za-z0-9_-]{1,64}$/;
const MAIN_HOST = 'blog.csdn.net';

/** The blog's name as this address spells it (case kept), on blog.csdn.net; null elsewhere. */
export function blogSpellingInUrl(url: string): string | null {
  const key = blogKeyFromUrl(url);
  if (!key) return null;
  const { hostname, pathname } = new URL(url);
  const segment = pathname.split('/')[1] ?? '';
  return hostname.toLowerCase() === MAIN_HOST && segment.toLowerCase() === key ? segment : null;
}

/** The parts of an address that name a blog: a `URL`, or a page's own `location`. */
export type BlogAddress = Pick<URL, 'protocol' | 'hostname' | 'pathname'>;

/**
 * The blog a URL belongs to: the first path segment on blog.csdn.net, the subdomain on a
 * personal domain (<user>.blog.csdn.net). Both spell the same blog, so both give the same key.
 */
export function blogKeyFromUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return blogKeyOf(parsed);
}

/** As blogKeyFromUrl, for an address already parsed (a content script passes `location`, sparing a URL object). */
export function blogKeyOf({ protocol, hostname, pathname }: BlogAddress): string | null {
  if (protocol !== 'https:') return null;
  const host = hostname.toLowerCase();
  let user: string | undefined;
  if (host === MAIN_HOST) {
    user = pathname.split('/')[1];
  } else if (host.endsWith(`.${MAIN_HOST}`)) {
    user = host.slice(0, -MAIN_HOST.length - 1);
  }
  return user && USER.test(user) ? user.toLowerCase() : null;
}
