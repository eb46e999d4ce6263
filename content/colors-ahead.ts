import type { HexColor } from '../src/color';
import type { ColorSlot } from '../src/rules';
import type { PageSkin } from '../src/skin';

type Colors = PageSkin['colors'];

/**
 * Colors the editor is saving, shown before storage has them (SkinPainter.previewColor), by slot;
 * null is a color being removed. Each is named by the editor's preview id. A stored record that
 * brings a slot's color (the record before it held another) confirms it; records that do not
 * (older saves, or saves of other fields) never paint over it. Unconfirmed, one goes after
 * `limitMs`.
 */
export class ColorsAhead {
  private readonly ahead = new Map<ColorSlot, { color: HexColor | null; preview: string }>();

  constructor(
    private readonly limitMs: number,
    /** Called when one goes unconfirmed: the stored color shows again. */
    private readonly onExpired: () => void,
  ) {}

  /** Holds `color` ahead for `slot`; false when nothing changes, as it is stored and no save is under way. */
  set(slot: ColorSlot, color: HexColor | null, preview: string, stored: Colors): boolean {
    // Stored already, with no save of this slot under way: the message was slower than its save.
    // With one under way, it is held even so, or that save's record would paint over it.
    if (!this.ahead.has(slot) && (stored[slot] ?? null) === color) return false;
    this.ahead.set(slot, { color, preview });
    setTimeout(() => {
      if (this.drop(slot, preview)) this.onExpired();
    }, this.limitMs);
    return true;
  }

  /** Takes back the preview `preview` (its save failed); false when a later one, or none, is ahead. */
  drop(slot: ColorSlot, preview: string): boolean {
    if (this.ahead.get(slot)?.preview !== preview) return false;
    return this.ahead.delete(slot);
  }

  /** A stored record arrived after `before`: the colors it brings are no longer ahead of it. */
  confirm(stored: Colors, before: Colors): void {
    for (const [slot, { color }] of this.ahead) {
      const brought = (stored[slot] ?? null) === color && (before[slot] ?? null) !== color;
      if (brought) this.ahead.delete(slot);
    }
  }

  clear(): void {
    this.ahead.clear();
  }

  /** `stored` with the colors ahead over it. */
  over(stored: Colors): Colors {
    const colors = { ...stored };
    for (const [slot, { color }] of this.ahead) {
      if (color) colors[slot] = color;
      else delete colors[slot];
    }
    return colors;
  }
}
