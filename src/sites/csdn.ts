import type { Slot } from '../rules';

/**
 * Where each skin field goes on CSDN's blog pages (the slot map): every page a blogger can visit
 * on their own blog (home, article, 专栏/category, the older template's lists), in the "blogv2"
 * template (2020 on) and the older one (2018–2020). test/fixtures/csdn/README.md names the real
 * structure and year behind each selector, and a fixture that reproduces it.
 *
 * The page's stylesheet sets each slot on every selector listed for it (src/skin-css.ts), and the
 * editor's page report (content/describe-page.ts) calls a slot present when any of them matches:
 * both read this one table, so the report cannot disagree with what is painted. Since the rules
 * land on every page, each selector must match its own structure and nothing else, on any page;
 * so a page's parts are told by what they hold, never by one id alone. CSDN's lists use
 * `#userSkin` for its skin dialog (自定义博客皮肤), its blogv2 home page for the page's wrapper.
 * No selector names a `data-v-…` attribute: those change with every build of CSDN's pages.
 */
export const slotMap: Readonly<Record<Slot, readonly string[]>> = {
  header: [
    // blogv2 home: the banner above the profile.
    '.user-profile-head-banner',
    // Older template, every page, and the blogv2 专栏 page: the band that holds the blog's name
    // (`header > .container > [.header-content-box >] .title-box > h1.title-blog`). Other
    // <header>s, such as a red packet's (#redEnvolope), hold no blog name.
    'header > .container:has(.title-blog)',
  ],
  background: [
    // blogv2 home: the wrapper of the whole page, `#userSkin` holding the profile; the skin dialog
    // of the list pages has the same id and holds a form, so it is never tiled.
    '#userSkin:has(> .user-profile-body)',
    // Every other page tiles <body>.
    'body:not(:has(#userSkin > .user-profile-body))',
  ],
  column: [
    // Sidebar boxes of both templates, on every page: the title bar is a box's child...
    '.aside-box > .aside-title',
    // ...or, for the table of contents of blogv2 articles (2020 on), its grandchild:
    // `#asidedirectory.aside-box > #directory.groupfile`, `#groupfile.aside-box > .groupfile-div`.
    '.aside-box > * > .aside-title',
    // The same box in the concise layout of an article (`#groupfileConcision`, 2023 on).
    '.groupfile-div1 > .aside-title',
    // blogv2 home (2021 on): the boxes of `.user-profile-aside`, a title bar and then the content.
    '.user-profile-aside-common-box > :first-child',
  ],
  title: [
    // blogv2 home: the nickname, not the badges after it.
    '.user-profile-head-name > div:first-child',
    // The band's blog name (see `header`).
    'header .title-blog a',
  ],
  hover: [
    // blogv2 home: the nickname, the tabs, the article titles and the links of the sidebar boxes.
    '.user-profile-head-name > div:first-child',
    '.navList a',
    '.blog-list-box h4',
    '.aside-common-box-content a',
    // Sidebar links of every other page.
    '.aside-content a',
    'header .title-blog a',
    // Older template's lists (home, archives, categories): the article titles.
    '.article-item-box h4 a',
    // blogv2 专栏 page: the article titles (`ul.column_article_list li > a > .column_article_title > h2.title`).
    '.column_article_title > .title',
  ],
  subtitle: [
    // blogv2 home: the intro and its label; early in 2021, the intro was a paragraph of its own.
    '.user-profile-title',
    '.user-profile-wrapper-box > span',
    '.user-profile-head-introduction > p',
    // The band's description, after the blog's name (see `header`).
    '.title-blog ~ .description',
  ],
};

/**
 * The blogger's avatar, which the header view marks where it lies over the header band; not a
 * skin field. blogv2 home: the picture in `.user-profile-avatar`, lifted onto the banner by a
 * negative margin (the box itself where it holds no picture). Older template: the sidebar's
 * `.avatar-box` picture, which only counts where a page puts it over the band.
 */
export const avatarSelectors: readonly string[] = ['.user-profile-avatar img', '.user-profile-avatar', '.avatar-box .avatar_pic'];

/** The selectors of `slot`: the page's one rule for it, and how the report finds it. */
export const selectorsFor = (slot: Slot): readonly string[] => slotMap[slot];

/** The pages the extension may read and paint: the same list as the manifest's host_permissions. */
export const blogHostPatterns = ['https://blog.csdn.net/*', 'https://*.blog.csdn.net/*'];

const USER = /^[A-Za-z0-9_-]{1,64}$/;
const MAIN_HOST = 'blog.csdn.net';

/** The blog's name as this address spells it (case kept), on blog.csdn.net; null elsewhere. */
export function blogSpellingInUrl(url: string): string | null {
  const key = blogKeyFromUrl(url);
  const spelling = key && pathSpellingOf(new URL(url));
  return spelling?.toLowerCase() === key ? spelling : null;
}

/**
 * How an address on blog.csdn.net spells its blog's name, case kept (the first segment of its
 * path); null on a personal domain, whose host name is matched whatever its case.
 */
export const pathSpellingOf = ({ hostname, pathname }: Pick<BlogAddress, 'hostname' | 'pathname'>): string | null =>
  hostname.toLowerCase() === MAIN_HOST ? (pathname.split('/')[1] ?? '') : null;

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
