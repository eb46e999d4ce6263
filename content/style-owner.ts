/**
 * Owns every node the extension puts into a page: one <style> per skin part. It creates,
 * updates and removes them, and keeps them the last children of <html>, after anything the
 * page adds, so that turning off leaves no residue and the page's later styles never win.
 */
export class StyleOwner<Part extends string> {
  private readonly nodes = new Map<Part, HTMLStyleElement>();
  private readonly keeper = new MutationObserver(() => this.keepLast());

  constructor(private readonly document: Document) {}

  /** Empty text removes the part. */
  set(part: Part, css: string): void {
    let node = this.nodes.get(part);
    if (!css) {
      node?.remove();
      this.nodes.delete(part);
      if (this.nodes.size === 0) this.keeper.disconnect();
      return;
    }
    if (node) {
      if (node.textContent !== css) node.textContent = css;
      return;
    }
    node = this.document.createElement('style');
    // Text before insertion: Firefox applies the page's style-src to a style changed once inserted.
    node.textContent = css;
    this.nodes.set(part, node);
    this.keepLast();
    const root = this.document.documentElement;
    if (this.nodes.size === 1 && root) this.keeper.observe(root, { childList: true });
  }

  clear(): void {
    for (const part of [...this.nodes.keys()]) this.set(part, '');
  }

  private keepLast(): void {
    const root = this.document.documentElement;
    if (!root) return;
    const ours = [...this.nodes.values()];
    const tail = [...root.children].slice(-ours.length);
    if (ours.every((node, i) => tail[i] === node)) return;
    root.append(...ours);
  }
}
