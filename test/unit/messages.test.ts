import { describe, expect, it } from 'vitest';
import { isCanvasLayersRequest, isImageRequest, isPreviewFor, isSheetRequest } from '../../src/messages';

describe('isPreviewFor', () => {
  const blog = 'baxiaoshi2020';

  it.each([
    { type: 'preview-image', blog, slot: 'header', revision: 'r1', dataUrl: 'data:image/png;base64,AA' },
    { type: 'drop-preview', blog, slot: 'column', revision: 'r1' },
    { type: 'preview-color', blog, slot: 'title', color: '#AFAFAF', preview: 'p1' },
    { type: 'preview-color', blog, slot: 'hover', color: null, preview: 'p2' },
    { type: 'drop-color-preview', blog, slot: 'subtitle', preview: 'p1' },
  ])('takes $type for $slot', (message) => {
    expect(isPreviewFor(blog, message)).toBe(true);
  });

  it.each([
    ['another blog', { type: 'preview-color', blog: 'someone_else', slot: 'title', color: '#AFAFAF', preview: 'p1' }],
    ['a color slot for an image', { type: 'preview-image', blog, slot: 'title', revision: 'r1', dataUrl: '' }],
    ['an image slot for a color', { type: 'preview-color', blog, slot: 'header', color: '#AFAFAF', preview: 'p1' }],
    ['a color not in stored form', { type: 'preview-color', blog, slot: 'title', color: 'red', preview: 'p1' }],
    ['CSS in a color', { type: 'preview-color', blog, slot: 'title', color: '#AFAFAF; } * { color: red', preview: 'p1' }],
    ['a color left out', { type: 'preview-color', blog, slot: 'title', preview: 'p1' }],
    ['a color preview with no name', { type: 'preview-color', blog, slot: 'title', color: '#AFAFAF' }],
    ['a taking back with no name', { type: 'drop-color-preview', blog, slot: 'title' }],
    ['no revision', { type: 'drop-preview', blog, slot: 'header' }],
    ['an unknown type', { type: 'paint', blog, slot: 'title', color: '#AFAFAF' }],
    ['nothing', null],
  ])('refuses %s', (_case, message) => {
    expect(isPreviewFor(blog, message)).toBe(false);
  });
});

describe('the requests of a blog page', () => {
  const blog = 'baxiaoshi2020';

  it('takes well-formed ones', () => {
    expect(isSheetRequest({ type: 'sheets', blog, page: 'p1', insert: { header: 'r1' }, remove: ['header:r0'] })).toBe(true);
    expect(isImageRequest({ type: 'image', blog, slot: 'column', revision: 'r1' })).toBe(true);
    expect(isCanvasLayersRequest({ type: 'canvas-layers', blog })).toBe(true);
  });

  it.each([
    ['sheets with no page', isSheetRequest, { type: 'sheets', blog, insert: {}, remove: [] }],
    ['sheets to insert as a list', isSheetRequest, { type: 'sheets', blog, page: 'p1', insert: ['header'], remove: [] }],
    ['sheets to remove that are not names', isSheetRequest, { type: 'sheets', blog, page: 'p1', insert: {}, remove: [1] }],
    ['an image of a color slot', isImageRequest, { type: 'image', blog, slot: 'title', revision: 'r1' }],
    ['an image with no revision', isImageRequest, { type: 'image', blog, slot: 'header' }],
    ['canvas layers with no blog', isCanvasLayersRequest, { type: 'canvas-layers' }],
    ['another type as canvas layers', isCanvasLayersRequest, { type: 'image', blog }],
    ['nothing', isCanvasLayersRequest, null],
  ])('refuses %s', (_case, guard: (message: unknown) => boolean, message) => {
    expect(guard(message)).toBe(false);
  });
});
