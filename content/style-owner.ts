import { RepairBudget } from './repair-budget';

/**
 * Owns everything the extension puts into a page's DOM: one <style> per skin part, and one
 * attribute of <html>. It creates, replaces and removes them, so turning off leaves no residue;
 * a page script that removes or edits one of them finds it put back as it was.
 *
 * The nodes are the first children of <html> (before <head>, when painted at document start): our
 * rules are `!important` in a cascade layer (src/skin-css.ts), and among important declarations
 * the layer declared first wins, so ours out-rank the page's layers as well as its unlayered
 * rules. What the page adds after them (the parser's <head> and <body>, a script's nodes) changes
 * nothing and costs nothing; a node put before them is answered by moving ours back to the front.
 */
const MAX_MOVES_PER_SECOND = 20;

export class StyleOwner<Part extends string> {
  /** The CSS each part must hold: the truth the nodes are checked against. */
  private readonly texts = new Map<Part, string>();
  private readonly nodes = new Map<Part, HTMLStyleElement>();
  private guardOf: MutationObserver | null = null;
  /** Nodes put back and clean copies made for the page: a page that insists wins, cheaply. */
  private readonly moves = new RepairBudget(MAX_MOVES_PER_SECOND, () => this.restore([]));
  /** Parts a page edited while the move budget was spent: swapped for clean copies when it renews. */
  private readonly dirty = new Set<Part>();
  /** The value the owned attribute must hold; '' is no attribute. */
  private attributeValue = '';
  /** What the guard observes now: <html> and our nodes, in order. */
  private watched: Node[] = [];

  constructor(
    private readonly document: Document,
    /** The attribute of <html> it owns. */
    private readonly attribute: string,
  ) {}

  /** Empty removes the attribute. */
  setAttribute(value: string): void {
    if (value === this.attributeValue) return;
    this.answerPage();
    this.attributeValue = value;
    this.putAttribute();
    this.settle();
  }

  /**
   * Empty text removes the part. A changed part takes its old node's place, so nothing else moves;
   * or, given `edit`, its sheet is changed in place if `edit` can, and no node is replaced. `css`
   * is then what the sheet holds, for the clean copy a page's edit is answered with.
   */
  set(part: Part, css: string, edit?: (sheet: CSSStyleSheet) => boolean): void {
    if ((this.texts.get(part) ?? '') === css) return;
    this.answerPage();
    const old = this.nodes.get(part);
    if (css) {
      this.texts.set(part, css);
      if (old?.sheet && edit?.(old.sheet)) return;
      this.dirty.delete(part); // its node is new
      const node = this.create(css);
      this.nodes.set(part, node);
      if (old?.isConnected) old.replaceWith(node);
      else this.place(node);
    } else {
      this.dirty.delete(part);
      old?.remove();
      this.nodes.delete(part);
      this.texts.delete(part);
    }
    this.settle();
  }

  clear(): void {
    this.moves.cancel();
    this.dirty.clear();
    this.guardOf?.disconnect();
    this.watched = [];
    for (const node of this.nodes.values()) node.remove();
    this.nodes.clear();
    this.texts.clear();
    this.attributeValue = '';
    this.putAttribute();
  }

  private putAttribute(): void {
    const root = this.document.documentElement;
    if (!root) return;
    if (this.attributeValue) root.setAttribute(this.attribute, this.attributeValue);
    else root.removeAttribute(this.attribute);
  }

  private create(css: string): HTMLStyleElement {
    const node = this.document.createElement('style');
    // Always a new node with its text set before insertion, never an edited one: Firefox applies
    // the page's style-src to a style whose text changes once it is in the page.
    node.textContent = css;
    return node;
  }

  private restore(records: MutationRecord[]): void {
    const root = this.document.documentElement;
    if (!root) return;
    if ((root.getAttribute(this.attribute) ?? '') !== this.attributeValue && this.moves.take()) this.putAttribute();
    for (const [part, node] of this.nodes) {
      const touched = this.dirty.has(part) || records.some((record) => record.target !== root && node.contains(record.target));
      if (!node.isConnected) {
        if (this.moves.take()) this.place(node);
      } else if (touched && !this.moves.take()) {
        this.dirty.add(part);
      } else if (touched) {
        this.dirty.delete(part);
        // A node whose text or attributes someone else touched is swapped for a clean copy.
        const clean = this.create(this.texts.get(part)!);
        node.replaceWith(clean);
        this.nodes.set(part, clean);
      }
    }
    if (!this.inFront(root) && this.moves.take()) root.prepend(...[...this.nodes.values()].filter((node) => node.parentNode === root));
    this.settle();
  }

  /** Whether our nodes in <html> are its first children, in order (run on every change the parser makes to it). */
  private inFront(root: Element): boolean {
    let next = root.firstElementChild;
    for (const node of this.nodes.values()) {
      if (node.parentNode !== root) continue;
      if (node !== next) return false;
      next = node.nextElementSibling;
    }
    return true;
  }

  /** After the last of our nodes in <html>, or else first in it: see the class comment for why. */
  private place(node: HTMLStyleElement): void {
    const root = this.document.documentElement;
    if (!root) return;
    const ours = [...this.nodes.values()].filter((other) => other !== node && other.parentNode === root);
    if (ours.length > 0) ours.at(-1)!.after(node);
    else root.prepend(node);
  }

  /** Page changes not answered yet are answered before we change anything ourselves. */
  private answerPage(): void {
    const pending = this.guardOf?.takeRecords() ?? [];
    if (pending.length > 0) this.restore(pending);
  }

  /**
   * After a change of ours: its own records need no answer (no page script runs in between), and
   * the guard watches what we own now, set up again only when that changed.
   */
  private settle(): void {
    this.guardOf?.takeRecords();
    const root = this.document.documentElement;
    const watched = root && (this.nodes.size > 0 || this.attributeValue) ? [root, ...this.nodes.values()] : [];
    if (watched.length === this.watched.length && watched.every((node, i) => node === this.watched[i])) return;
    this.guardOf?.disconnect();
    this.watched = watched;
    if (!root || watched.length === 0) return;
    // Made on first need: a load that needs no node or attribute of ours never makes one.
    const guard = (this.guardOf ??= new MutationObserver((records) => this.restore(records)));
    // The document too: a page that replaces <html> itself takes our nodes and attribute with it.
    guard.observe(this.document, { childList: true });
    guard.observe(root, { childList: true, attributes: true, attributeFilter: [this.attribute] });
    for (const node of this.nodes.values()) {
      guard.observe(node, { childList: true, characterData: true, subtree: true, attributes: true });
    }
  }
}
