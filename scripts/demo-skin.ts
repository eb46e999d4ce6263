/**
 * The demo skin `npm start` applies: three images drawn at run time by Chromium's canvas (no
 * binary files in the repository) and three colors chosen to go with them.
 *
 * Each image is a list of drawing steps, made here in Node and painted in a page by one small
 * interpreter. Keeping the page-side code a plain loop matters: `tsx` wraps named inner
 * functions in a `__name` helper that does not exist in the page.
 */
import type { Page } from 'playwright';

/** A CSS color, or a gradient given by its canvas geometry and color stops. */
type Paint =
  | string
  | { linear: [number, number, number, number]; stops: Array<[number, string]> }
  | { radial: [number, number, number, number, number, number]; stops: Array<[number, string]> };

type Shape =
  | { rect: [number, number, number, number] }
  | { circle: [number, number, number] }
  | { path: Array<[number, number]> }
  | { text: string; at: [number, number]; font: string; align: CanvasTextAlign; spacing?: string };

/** One step: a shape filled with `paint`, or outlined when `stroke` (a line width) is given. */
type Step = Shape & { paint: Paint; stroke?: number; alpha?: number };

export interface Drawing {
  width: number;
  height: number;
  type: 'image/png' | 'image/jpeg';
  steps: Step[];
}

export interface DemoImage {
  /** The field's label in the editor. */
  label: string;
  /** The file name the editor is given. */
  name: string;
  drawing: Drawing;
}

const font = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const indigo = '#4338CA';
const violet = '#7C3AED';
const pink = '#DB2777';

/** The form's three colors, by their labels in the editor: cream on the dark band, indigo, pink. */
export const demoColors: ReadonlyArray<{ label: string; color: string }> = [
  { label: '主标题颜色', color: '#FEF3C7' },
  { label: 'Hover', color: pink },
  { label: '副标题颜色', color: '#4F46E5' },
];

/** A repeatable scatter of points, so every run draws the same header. */
function scatter(count: number, seed: number, box: [number, number, number, number]): Array<[number, number]> {
  let state = seed;
  const next = () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
  const [x, y, w, h] = box;
  return Array.from({ length: count }, () => [Math.round(x + next() * w), Math.round(y + next() * h)]);
}

/** 1920×100, dark on the left where the blog's name sits, the main visual on the right. */
function header(): Drawing {
  const width = 1920;
  const height = 100;
  const nodes = scatter(22, 7, [1150, 10, 380, 80]);
  const links: Step[] = [];
  nodes.forEach(([x1, y1], i) =>
    nodes.slice(i + 1).forEach(([x2, y2]) => {
      if (Math.hypot(x2 - x1, y2 - y1) < 95) links.push({ path: [[x1, y1], [x2, y2]], paint: '#FFFFFF', stroke: 1, alpha: 0.16 });
    }),
  );
  return {
    width,
    height,
    type: 'image/jpeg',
    steps: [
      {
        rect: [0, 0, width, height],
        paint: { linear: [0, 0, width, 0], stops: [[0, '#0B1026'], [0.4, '#1E1B4B'], [0.72, indigo], [1, pink]] },
      },
      {
        rect: [0, 0, width, height],
        paint: { radial: [1760, 50, 0, 1760, 50, 460], stops: [[0, 'rgba(244, 114, 182, 0.55)'], [1, 'rgba(244, 114, 182, 0)']] },
      },
      { circle: [1420, 8, 70], paint: '#FFFFFF', stroke: 1.5, alpha: 0.14 },
      { circle: [1830, 104, 110], paint: '#FFFFFF', stroke: 1.5, alpha: 0.14 },
      ...links,
      ...nodes.map(([x, y], i): Step => ({ circle: [x, y, 1.6 + (i % 3)], paint: '#FFFFFF', alpha: 0.7 })),
      { text: '图解源码 · 云原生', at: [1872, 44], font: `bold 34px ${font}`, align: 'right', paint: '#FFFFFF' },
      {
        text: 'KUBERNETES · CLOUD NATIVE · SOURCE CODE',
        at: [1872, 76],
        font: `500 12px ${font}`,
        align: 'right',
        spacing: '3px',
        paint: '#FFFFFF',
        alpha: 0.75,
      },
    ],
  };
}

/** 64×64, tiles seamlessly: a soft dot grid with small crosses between the dots. */
function background(): Drawing {
  const cross = (x: number, y: number): Step[] => [
    { rect: [x - 3, y - 0.5, 6, 1], paint: '#DCDFF2' },
    { rect: [x - 0.5, y - 3, 1, 6], paint: '#DCDFF2' },
  ];
  return {
    width: 64,
    height: 64,
    type: 'image/png',
    steps: [
      { rect: [0, 0, 64, 64], paint: '#F3F4FB' },
      { circle: [16, 16, 1.8], paint: '#C9CDEB' },
      { circle: [48, 48, 1.8], paint: '#C9CDEB' },
      ...cross(48, 16),
      ...cross(16, 48),
    ],
  };
}

/** 300×38 behind each sidebar title: light on the left where the dark title text sits. */
function column(): Drawing {
  return {
    width: 300,
    height: 38,
    type: 'image/png',
    steps: [
      { rect: [0, 0, 300, 38], paint: { linear: [0, 0, 300, 0], stops: [[0, '#EEF0FF'], [1, '#FDF2F8']] } },
      { rect: [0, 0, 4, 38], paint: { linear: [0, 0, 0, 38], stops: [[0, indigo], [1, pink]] } },
      { rect: [0, 36, 300, 2], paint: { linear: [0, 0, 300, 0], stops: [[0, indigo], [0.5, violet], [1, pink]] }, alpha: 0.6 },
      { circle: [262, 19, 3.5], paint: indigo },
      { circle: [275, 19, 3.5], paint: violet },
      { circle: [288, 19, 3.5], paint: pink },
    ],
  };
}

export const demoImages: readonly DemoImage[] = [
  { label: '博客头图', name: 'demo-header.jpg', drawing: header() },
  { label: '博客底图', name: 'demo-background.png', drawing: background() },
  { label: '栏目图', name: 'demo-column.png', drawing: column() },
];

/** Paints `drawing` with the canvas of `page` and returns the encoded file. */
export async function paint(page: Page, drawing: Drawing): Promise<Buffer> {
  const base64 = await page.evaluate(async ({ width, height, type, steps }) => {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d')!;
    for (const step of steps) {
      let style: string | CanvasGradient;
      if (typeof step.paint === 'string') {
        style = step.paint;
      } else {
        const { stops, ...shape } = step.paint;
        const gradient =
          'linear' in shape ? context.createLinearGradient(...shape.linear) : context.createRadialGradient(...shape.radial);
        for (const [offset, color] of stops) gradient.addColorStop(offset, color);
        style = gradient;
      }
      context.save();
      context.globalAlpha = step.alpha ?? 1;
      context.fillStyle = style;
      context.strokeStyle = style;
      context.lineWidth = step.stroke ?? 1;
      if ('text' in step) {
        context.font = step.font;
        context.textAlign = step.align;
        context.textBaseline = 'middle';
        context.letterSpacing = step.spacing ?? '0px';
        context.fillText(step.text, ...step.at);
      } else {
        context.beginPath();
        if ('rect' in step) context.rect(...step.rect);
        else if ('circle' in step) context.arc(...step.circle, 0, 2 * Math.PI);
        else step.path.forEach(([x, y], i) => (i === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
        if (step.stroke === undefined) context.fill();
        else context.stroke();
      }
      context.restore();
    }
    const blob = await canvas.convertToBlob({ type, quality: 0.9 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }, drawing);
  return Buffer.from(base64, 'base64');
}
