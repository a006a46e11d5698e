import { formatDay } from '../../lib/format';

interface BarChartProps {
  title: string;
  days: string[];
  groups: string[];
  groupLabel(group: string): string;
  /** values[dayIndex][groupIndex], stacked bottom-up in group order. */
  values: number[][];
  format(value: number): string;
  /** Shown instead of bars when every value is zero. */
  emptyText: string;
  /** Counts: no gridline at a fraction (no "2.5 requests"). */
  integers?: boolean;
}

export const groupColours = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#64748b'];

const width = 640;
const height = 220;
const margin = { top: 12, right: 8, bottom: 26, left: 56 };

/** The axis top: 1, 2 or 5 times a power of ten, so gridline labels are round numbers. */
export function niceMax(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** A stacked bar chart in plain SVG on a card of its own: one bar per day, each segment titled for a hover tooltip. */
export function BarChart({
  title,
  days,
  groups,
  groupLabel,
  values,
  format,
  emptyText,
  integers = false,
}: BarChartProps) {
  const totals = values.map((row) => row.reduce((sum, value) => sum + value, 0));
  const max = niceMax(Math.max(...totals, 0));
  const fractions = max === 0 ? [0] : integers && !Number.isInteger(max / 2) ? [0, 1] : [0, 0.5, 1];
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const slot = plotWidth / Math.max(days.length, 1);
  const barWidth = Math.max(Math.min(slot * 0.7, 36), 2);
  const scale = (value: number) => (max === 0 ? 0 : (value / max) * plotHeight);
  const labelEvery = Math.ceil(days.length / 10);
  const grandTotal = totals.reduce((sum, value) => sum + value, 0);
  return (
    <div class="card">
      <figure class="chart">
        <figcaption class="chart-title">{title}</figcaption>
        <svg
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={`${title}: ${format(grandTotal)} over ${days.length} days`}
        >
          {fractions.map((fraction) => {
            const y = margin.top + plotHeight - fraction * plotHeight;
            return (
              <g key={fraction} class="chart-grid">
                <line x1={margin.left} x2={width - margin.right} y1={y} y2={y} />
                <text x={margin.left - 6} y={y + 4} text-anchor="end">
                  {format(max * fraction)}
                </text>
              </g>
            );
          })}
          {max === 0 && (
            <text
              class="chart-empty"
              x={margin.left + plotWidth / 2}
              y={margin.top + plotHeight / 2}
              text-anchor="middle"
            >
              {emptyText}
            </text>
          )}
          {days.map((day, dayIndex) => {
            const x = margin.left + dayIndex * slot + (slot - barWidth) / 2;
            let stacked = 0;
            return (
              <g key={day}>
                {groups.map((group, groupIndex) => {
                  const value = values[dayIndex]?.[groupIndex] ?? 0;
                  if (value === 0) return null;
                  const barHeight = Math.max(scale(value), 1);
                  stacked += barHeight;
                  return (
                    <rect
                      key={group}
                      x={x}
                      y={margin.top + plotHeight - stacked}
                      width={barWidth}
                      height={barHeight}
                      fill={groupColours[groupIndex % groupColours.length]}
                    >
                      <title>{`${formatDay(day)} · ${groupLabel(group)}: ${format(value)}`}</title>
                    </rect>
                  );
                })}
                {dayIndex % labelEvery === 0 && (
                  <text class="chart-axis" x={x + barWidth / 2} y={height - 8} text-anchor="middle">
                    {formatDay(day)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </figure>
    </div>
  );
}

export function ChartLegend({ groups, groupLabel }: { groups: string[]; groupLabel(group: string): string }) {
  return (
    <ul class="legend">
      {groups.map((group, index) => (
        <li key={group}>
          <span class="legend-swatch" style={{ background: groupColours[index % groupColours.length] }} />
          {groupLabel(group)}
        </li>
      ))}
    </ul>
  );
}
