/** One finished request as the summary counts it. */
export interface RequestOutcome {
  method: string;
  /** e.g. "POST /Users", "PATCH /Groups/{id}": the path with ids folded so kinds group together. */
  kind: string;
  status: number;
  scimType?: string;
  durationMs: number;
}

export interface StatsSummary {
  requests: number;
  byKind: Record<string, Record<string, number>>;
  errors: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
}

/** Counts requests by kind and status, errors by status and scimType, and latency percentiles. */
export class RequestStats {
  private readonly outcomes: RequestOutcome[] = [];

  add(o: RequestOutcome): void {
    this.outcomes.push(o);
  }

  summary(): StatsSummary {
    const byKind: StatsSummary['byKind'] = {};
    const errors: StatsSummary['errors'] = {};
    for (const o of this.outcomes) {
      const statuses = (byKind[o.kind] ??= {});
      statuses[o.status] = (statuses[o.status] ?? 0) + 1;
      if (o.status >= 400 || o.status === 0) {
        const key = o.scimType ? `${o.status} ${o.scimType}` : String(o.status);
        errors[key] = (errors[key] ?? 0) + 1;
      }
    }
    const durations = this.outcomes.map((o) => o.durationMs).sort((a, b) => a - b);
    return { requests: this.outcomes.length, byKind, errors, p50Ms: percentile(durations, 50), p99Ms: percentile(durations, 99) };
  }
}

/** Nearest-rank percentile of sorted values; 0 for none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Folds resource ids out of a path: /Users/abc → /Users/{id}. */
export function requestKind(method: string, path: string): string {
  const folded = path.split('?')[0]!.replace(/\/(Users|Groups)\/[^/]+/, '/$1/{id}');
  return `${method} ${folded}`;
}
