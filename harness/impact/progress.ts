// Progress with an ETA on stderr, only when stderr is a terminal (CI logs stay clean): redrawn at
// most every 200 ms on one line. The ETA comes from the users' total when the tenant says it, else
// from the share of the file read.
export interface ProgressSource {
  total?: number;
  fraction?: () => number | undefined;
}

export class Progress {
  private last = 0;
  private readonly started = Date.now();
  private shown = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly enabled: boolean,
    private readonly source: ProgressSource,
  ) {}

  update(checked: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const elapsed = (now - this.started) / 1000;
    const rate = elapsed > 0 ? checked / elapsed : 0;
    const share = this.source.total ? checked / this.source.total : this.source.fraction?.();
    const eta = share !== undefined && share > 0 && share <= 1 ? Math.max(0, Math.round(elapsed / share - elapsed)) : undefined;
    const of = this.source.total ? ` / ${this.source.total.toLocaleString('en-US')}` : '';
    this.write(
      `\r\x1b[2K  ${checked.toLocaleString('en-US')}${of} users checked · ${Math.round(rate)}/s${eta !== undefined ? ` · ETA ${formatSeconds(eta)}` : ''}`,
    );
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.write('\r\x1b[2K');
  }
}

function formatSeconds(s: number): string {
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
