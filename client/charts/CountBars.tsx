// Counts by name as horizontal bars, largest first as given (incidents by category or
// kecamatan, alerts by kind, apps by use in the daily report). Props in, nothing fetched;
// no animation, so a printed page shows the final bars. Each bar carries its figure as text:
// a printed chart is read without a tooltip.
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from 'recharts';

export interface CountBar {
  label: string;
  value: number;
}

interface CountBarsProps {
  title: string;
  bars: readonly CountBar[];
  format: (value: number) => string;
  width: number;
  color?: string;
  testId: string;
  /** Pixels per bar. */
  rowHeight?: number;
  /** Width kept for the names on the left. */
  labelWidth?: number;
}

const AXIS = { fontSize: 11, fill: 'var(--muted)' };

export function CountBars({ title, bars, format, width, color = 'var(--accent)', testId, rowHeight = 22, labelWidth = 150 }: CountBarsProps) {
  const rows = bars.map((b) => ({ ...b }));
  const height = Math.max(60, rows.length * rowHeight + 36);
  return (
    <figure className="count-bars" data-testid={testId}>
      <figcaption className="trend-title">{title}</figcaption>
      <BarChart layout="vertical" width={width} height={height} data={rows} margin={{ top: 4, right: 48, bottom: 4, left: 4 }}>
        <CartesianGrid stroke="var(--line)" horizontal={false} />
        {/* Whole, distinct ticks: counts are never "0, 1, 1, 2". */}
        <XAxis type="number" tick={AXIS} stroke="var(--line)" allowDecimals={false} tickFormatter={(v: number) => format(v)} />
        <YAxis type="category" dataKey="label" tick={AXIS} stroke="var(--line)" width={labelWidth} interval={0} />
        <Bar dataKey="value" fill={color} isAnimationActive={false}>
          <LabelList dataKey="value" position="right" formatter={(v: unknown) => (typeof v === 'number' ? format(v) : '')} style={{ fontSize: 11, fill: 'var(--text)' }} />
        </Bar>
      </BarChart>
    </figure>
  );
}
