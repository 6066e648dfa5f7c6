// A daily trend of one KPI for several series (the two lines), optionally against a target.
// Props in, nothing fetched. Animations are off: a printed page or a screenshot taken the
// moment data arrives must show the final figures, and motion is for news (ui.md).
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface TrendSeries {
  key: string;
  name: string;
  color: string;
  /** A dash pattern, so two series differ by more than colour. */
  dash?: string;
}

export interface TrendPoint {
  label: string;
  values: Readonly<Record<string, number | null>>;
}

interface KpiTrendProps {
  title: string;
  data: readonly TrendPoint[];
  series: readonly TrendSeries[];
  format: (value: number) => string;
  kind?: 'line' | 'bar';
  target?: { value: number; label: string };
  /** Fixed axis bounds (0-1 for rates); otherwise from the data. */
  domain?: [number, number];
  /** Tick values for the value axis (round percentages); otherwise Recharts picks them. */
  ticks?: readonly number[];
  /** Counts: whole ticks only (a scale of 0 to 2 would otherwise read "0, 1, 1, 2, 2"). */
  integer?: boolean;
  testId: string;
  height?: number;
}

const AXIS = { fontSize: 12, fill: 'var(--muted)' };

export function KpiTrend({ title, data, series, format, kind = 'line', target, domain, ticks, integer = false, testId, height = 220 }: KpiTrendProps) {
  const rows = [...data];
  const tick = (v: unknown) => (typeof v === 'number' ? format(v) : String(v));
  const common = (
    <>
      <CartesianGrid stroke="var(--line)" vertical={false} />
      <XAxis dataKey="label" tick={AXIS} stroke="var(--line)" interval="preserveStartEnd" minTickGap={12} />
      <YAxis tick={AXIS} stroke="var(--line)" tickFormatter={tick} width={56} allowDecimals={!integer} {...(domain ? { domain } : {})} {...(ticks ? { ticks: [...ticks] } : {})} />
      <Tooltip formatter={tick} isAnimationActive={false} />
      <Legend wrapperStyle={{ fontSize: 13 }} />
      {target ? (
        <ReferenceLine
          y={target.value}
          stroke="var(--warning)"
          strokeDasharray="6 4"
          ifOverflow="extendDomain"
          label={{ value: target.label, position: 'insideTopRight', fill: 'var(--warning)', fontSize: 12 }}
        />
      ) : null}
    </>
  );
  return (
    <figure className="trend" data-testid={testId} data-points={rows.length}>
      <figcaption className="trend-title">{title}</figcaption>
      <div className="trend-plot" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          {kind === 'bar' ? (
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              {common}
              {series.map((s) => (
                <Bar key={s.key} name={s.name} dataKey={(p: TrendPoint) => p.values[s.key] ?? null} stackId="a" fill={s.color} isAnimationActive={false} />
              ))}
            </BarChart>
          ) : (
            <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              {common}
              {series.map((s) => (
                <Line
                  key={s.key}
                  name={s.name}
                  // Straight segments: a smoothed curve overshoots and shows days that never happened.
                  type="linear"
                  dataKey={(p: TrendPoint) => p.values[s.key] ?? null}
                  stroke={s.color}
                  strokeWidth={2}
                  {...(s.dash ? { strokeDasharray: s.dash } : {})}
                  dot={{ r: 2.5 }}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
