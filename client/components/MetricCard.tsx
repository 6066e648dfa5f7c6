// One figure with its label. Presentational: a value and a formatter in, no fetching.
import type { ReactNode } from 'react';

interface MetricCardProps {
  label: string;
  value: number | null | undefined;
  format: (value: number | null) => string;
  testId: string;
  /** Long form of the label, for a tooltip and screen readers. */
  title?: string;
  tone?: 'normal' | 'warning' | 'critical';
  size?: 'sm' | 'md' | 'lg';
  /** Label above the figure, or on the same line before it (saves a line on a crowded panel). */
  layout?: 'stacked' | 'inline';
  /** Below the figure: a target, a change, a unit. */
  children?: ReactNode;
}

export function MetricCard({ label, value, format, testId, title, tone = 'normal', size = 'md', layout = 'stacked', children }: MetricCardProps) {
  return (
    <div className={`metric metric--${size} metric--${tone} metric--${layout}`} title={title}>
      <div className="metric-label">{label}</div>
      <div className="metric-value fig" data-testid={testId}>
        {format(value ?? null)}
      </div>
      {children ? <div className="metric-extra">{children}</div> : null}
    </div>
  );
}
