import { describe, expect, it } from 'vitest';
import { isPreviewFor } from '../../src/messages';

describe('isPreviewFor', () => {
  const blog = 'baxiaoshi2020';

  it.each([
    { type: 'preview-image', blog, slot: 'header', revision: 'r1', dataUrl: 'data:image/png;base64,AA' },
    { type: 'drop-preview', blog, slot: 'column', revision: 'r1' },
    { type: 'preview-color', blog, slot: 'title', color: '#AFAFAF' },
    { type: 'preview-color', blog, slot: 'hover', color: null },
    { type: 'drop-color-preview', blog, slot: 'subtitle', color: '#000000' },
  ])('takes $type for $slot', (message) => {
    expect(isPreviewFor(blog, message)).toBe(true);
  });

  it.each([
    ['another blog', { type: 'preview-color', blog: 'someone_else', slot: 'title', color: '#AFAFAF' }],
    ['a color slot for an image', { type: 'preview-image', blog, slot: 'title', revision: 'r1', dataUrl: '' }],
    ['an image slot for a color', { type: 'preview-color', blog, slot: 'header', color: '#AFAFAF' }],
    ['a color not in stored form', { type: 'preview-color', blog, slot: 'title', color: 'red' }],
    ['CSS in a color', { type: 'preview-color', blog, slot: 'title', color: '#AFAFAF; } * { color: red' }],
    ['a color left out', { type: 'preview-color', blog, slot: 'title' }],
    ['no revision', { type: 'drop-preview', blog, slot: 'header' }],
    ['an unknown type', { type: 'paint', blog, slot: 'title', color: '#AFAFAF' }],
    ['nothing', null],
  ])('refuses %s', (_case, message) => {
    expect(isPreviewFor(blog, message)).toBe(false);
  });
});
