import type { BackgroundBox } from '../../src/behind-text';

/**
 * The header band as the skin lays its image (src/skin-css.ts): cover, anchored right and centred,
 * once, in a border box of `width` × `height` at (x, y) of the viewport, with no border or padding.
 */
export const headerBandBox = (width: number, height = 100, x = 0, y = 0): BackgroundBox => ({
  box: { x, y, width, height },
  border: [0, 0, 0, 0],
  padding: [0, 0, 0, 0],
  clip: 'border-box',
  origin: 'padding-box',
  attachment: 'scroll',
  size: 'cover',
  position: '100% 50%',
  repeat: 'no-repeat',
});
