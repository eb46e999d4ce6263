/**
 * The canvas layers' code, injected into a blog page's content-script world by the background
 * (`scripting.executeScript`) when the page first refuses a `data:` image: only such pages need
 * it, so the content script every page loads stays without it (see content/painter.ts).
 */
import { CANVAS_LAYERS_KEY } from '../src/messages';
import { CanvasLayers } from './canvas-layers';

(globalThis as Record<string, unknown>)[CANVAS_LAYERS_KEY] = CanvasLayers;
