import { describe, expect, it } from 'vitest';
import { colorCss, gateToken, SHEET_GATE, imageCss, imageRule } from '../../src/skin-css';

const dataUrl = 'data:image/png;base64,iVBORw0KGgo=';

describe('imageCss', () => {
  it('anchors the header right and covers its band', () => {
    const css = imageCss('header', 'r1', dataUrl);
    expect(css).toContain('.user-profile-head-banner');
    expect(css).toContain(`background-image: url("${dataUrl}") !important;`);
    expect(css).toContain('background-position: right center !important;');
    expect(css).toContain('background-size: cover !important;');
  });

  it('tiles the background, one stored 100×100 tile per 100×100 CSS px on any screen density', () => {
    const css = imageCss('background', 'r1', dataUrl);
    expect(css).toContain('background-repeat: repeat !important;');
    expect(css).toContain('background-size: 100px 100px !important;');
    expect(css).toContain('background-position: left top !important;');
  });

  it('lays the column image once at the top left of each title bar', () => {
    const css = imageCss('column', 'r1', dataUrl);
    expect(css).toContain('.aside-box > .aside-title');
    expect(css).toContain('background-repeat: no-repeat !important;');
    expect(css).toContain('background-position: left top !important;');
    expect(css).toContain('background-size: auto !important;');
  });
});

describe('the image gate', () => {
  it('applies each image unless <html> lists its slot and revision as hidden', () => {
    const css = imageCss('header', 'r1', dataUrl);
    expect(gateToken('header', 'r1')).toBe('header:r1');
    expect(css).toContain(`html:not([${SHEET_GATE}~="header:r1"]) .user-profile-head-banner`);
    // Every selector of the rule is gated, none is left to match on its own.
    const selectors = css.slice(css.indexOf('{') + 1, css.lastIndexOf('{', css.lastIndexOf('}') - 1)).split(',');
    for (const selector of selectors) expect(selector.trim()).toMatch(/^html:not\(\[data-blog-skin~="header:r1"\]\) /);
  });

  it('as a style node of the page’s, sits in the cascade layer, like the colors', () => {
    expect(imageCss('column', 'r1', dataUrl)).toMatch(/^@layer blog-skin-previewer \{/);
  });

  it('as the browser inserts it, a user sheet, has no layer: the same rule', () => {
    expect(imageRule('column', 'r1', dataUrl)).not.toContain('@layer');
    expect(imageCss('column', 'r1', dataUrl)).toContain(imageRule('column', 'r1', dataUrl));
  });
});

describe('colorCss', () => {
  it('is empty without colors', () => {
    expect(colorCss({})).toBe('');
  });

  it('styles hover only under :hover', () => {
    const css = colorCss({ hover: '#FC5531' });
    expect(css).toContain('.navList a:hover');
    expect(css).toContain('color: #FC5531 !important;');
    expect(css).not.toMatch(/\.navList a[,\s{]/);
  });

  it('has one rule per color slot whatever is set, so a color can be changed in place', () => {
    const rules = (css: string) => css.match(/\{[^{}]*\}/g) ?? [];
    expect(rules(colorCss({ hover: '#FC5531' }))).toHaveLength(3);
    expect(rules(colorCss({ title: '#112233', subtitle: '#445566', hover: '#778899' }))).toHaveLength(3);
  });

  it('writes title and subtitle to their own selectors', () => {
    const css = colorCss({ title: '#112233', subtitle: '#445566' });
    expect(css).toMatch(/\.user-profile-head-name > div:first-child[^{]*\{ color: #112233 !important; \}/);
    expect(css).toMatch(/\.user-profile-title[^{]*\{ color: #445566 !important; \}/);
  });
});
