// A log that cannot be flooded: a client sending thousands of bad messages
// gets the first few logged each second and then one line counting the rest.
export class RateLimitedLog {
  private windowStart = 0;
  private logged = 0;
  private suppressed = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly log: (line: string) => void,
    private readonly perSecond = 10,
  ) {}

  note(line: string): void {
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.flush();
      this.windowStart = now;
      this.logged = 0;
    }
    if (this.logged < this.perSecond) {
      this.logged++;
      this.log(line);
      return;
    }
    this.suppressed++;
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), 1000 - (now - this.windowStart));
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.suppressed === 0) return;
    this.log(`... and ${this.suppressed} more like these, not logged one by one`);
    this.suppressed = 0;
  }
}
