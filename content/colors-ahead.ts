import type { HexColor } from '../src/color';
import type { ColorSlot } from '../src/rules';
import type { Skin } from '../src/skin';

type Colors = Skin['colors'];

/**
 * Colors the editor is saving, shown before storage has them (SkinPainter.previewColor), by slot;
 * null is a color being removed. A stored record holding a slot's color confirms it, and records
 * that still hold an older one do not paint over it. Unconfirmed, one goes after `limitMs`.
 */
export class ColorsAhead {
  /** `id` tells two previews of one color apart, so an older one's timer leaves the newer. */
  private readonly ahead = new Map<ColorSlot, { color: HexColor | null; id: number }>();
  private previews = 0;

  constructor(
    private readonly limitMs: number,
    /** Called when one goes unconfirmed: the stored color shows again. */
    private readonly onExpired: () => void,
  ) {}

  /** Holds `color` ahead for `slot`; false when nothing changes, as it is stored and no save is under way. */
  set(slot: ColorSlot, color: HexColor | null, stored: Colors): boolean {
    // Stored already, with no save of this slot under way: the message was slower than its save.
    // With one under way, it is held even so, or that save's record would paint over it.
    if (!this.ahead.has(slot) && (stored[slot] ?? null) === color) return false;
    const id = ++this.previews;
    this.ahead.set(slot, { color, id });
    setTimeout(() => {
      if (this.ahead.get(slot)?.id !== id) return;
      this.ahead.delete(slot);
      this.onExpired();
    }, this.limitMs);
    return true;
  }

  /** Takes `color` back (its save failed); false when a later one, or none, is ahead. */
  drop(slot: ColorSlot, color: HexColor | null): boolean {
    if (this.ahead.get(slot)?.color !== color) return false;
    return this.ahead.delete(slot);
  }

  /** A stored record arrived: the colors it holds are no longer ahead of it. */
  confirm(stored: Colors): void {
    for (const [slot, { color }] of this.ahead) if ((stored[slot] ?? null) === color) this.ahead.delete(slot);
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
