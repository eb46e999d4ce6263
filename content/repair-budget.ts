/**
 * How often the content script puts back what a page script took from it (our style nodes, the
 * gate attribute, canvas layers): a few times a second answers any page that re-renders, while a
 * script that removes our work each time we restore it gives up the fight instead of freezing its
 * own tab. Once spent, one retry when the budget renews, so nothing is gone for good.
 */
export class RepairBudget {
  private spent = { count: 0, since: 0 };
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly perSecond: number,
    /** Called once when a spent budget renews. */
    private readonly renewed: () => void,
  ) {}

  /** True while a repair may be made now; false schedules the retry. */
  take(): boolean {
    const now = performance.now();
    if (now - this.spent.since > 1000) this.spent = { count: 0, since: now };
    if (++this.spent.count <= this.perSecond) return true;
    this.retry ??= setTimeout(() => {
      this.retry = undefined;
      this.renewed();
    }, 1000);
    return false;
  }

  cancel(): void {
    clearTimeout(this.retry);
    this.retry = undefined;
  }
}
