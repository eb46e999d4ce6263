/** What each measure reports: the figure judged against its target, and what explains it. */
import { round2, summarize } from './stats';

export interface Result {
  id: string;
  measure: string;
  unit: 'ms' | 'KB' | 'reloads';
  n: number;
  median: number | null;
  p95: number | null;
  max: number | null;
  /** Which figure is judged against the target. */
  judged: 'median' | 'p95' | 'count' | 'value';
  /** That figure; null when the measure could not be taken. */
  value: number | null;
  target: string;
  pass: boolean;
  /** The target's other conditions; each must hold too. */
  conditions?: Record<string, boolean>;
  /** Figures that explain the result. */
  details?: Record<string, number | string>;
  notes?: string;
  samples?: number[];
}

export const results: Result[] = [];

export interface TimingExtra {
  /** The target's other conditions, in words, for the table. */
  also?: string;
  conditions?: Record<string, boolean>;
  details?: Record<string, number | string>;
  notes?: string;
}

/** Records a timed measure, judged by its median or its p95 against `limit` ms. */
export function timing(
  id: string,
  measure: string,
  samples: number[],
  judged: 'median' | 'p95',
  limit: number,
  { also, ...extra }: TimingExtra = {},
): void {
  const summary = samples.length > 0 ? summarize(samples) : null;
  const value = summary ? summary[judged] : null;
  results.push({
    id,
    measure,
    unit: 'ms',
    n: samples.length,
    median: summary && round2(summary.median),
    p95: summary && round2(summary.p95),
    max: summary && round2(summary.max),
    judged,
    value: value === null ? null : round2(value),
    target: `${judged} ≤ ${limit} ms${also ? `, ${also}` : ''}`,
    pass: value !== null && value <= limit && Object.values(extra.conditions ?? {}).every(Boolean),
    ...extra,
    samples: samples.map(round2),
  });
}

/** Records a measure that could not be taken: a miss, with the reason. */
export function failed(id: string, measure: string, target: string, error: unknown): void {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  results.push({
    id,
    measure,
    unit: 'ms',
    n: 0,
    median: null,
    p95: null,
    max: null,
    judged: 'value',
    value: null,
    target,
    pass: false,
    notes: `not measured: ${message}`,
  });
}
