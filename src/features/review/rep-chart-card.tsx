import { useMemo, useState } from 'react';
import type { Rep } from '../../contract/guru.ts';
import { Card, CardHeader } from '../../components/card.tsx';
import { describeAnalysisType } from '../../lib/format.ts';
import { MeasureMeaning } from './measure-legend.tsx';
import { RepChart } from './rep-chart.tsx';
import { defaultChartType, numericAnalysisTypes } from './rep-utils.ts';

/** One measure per rep as bars, the measure picked from those with numbers; a bar picks its rep. */
export function RepChartCard({
  reps,
  activeIndex,
  onSelect,
}: {
  reps: readonly Rep[];
  activeIndex: number | undefined;
  onSelect: (index: number) => void;
}) {
  const types = useMemo(() => numericAnalysisTypes(reps), [reps]);
  const [chartType, setChartType] = useState<string | null>(null);
  const selectedType = chartType && types.includes(chartType) ? chartType : defaultChartType(types);
  if (!selectedType) return null;
  return (
    <Card className="break-inside-avoid print:shadow-none">
      <CardHeader
        title={`${describeAnalysisType(selectedType).label} per rep`}
        action={
          types.length > 1 && (
            <label className="flex items-center gap-2 text-sm text-slate-600 print:hidden">
              <span>Measure</span>
              <select
                value={selectedType}
                onChange={(e) => setChartType(e.target.value)}
                className="rounded-md border-0 py-1 pr-8 pl-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
              >
                {types.map((t) => (
                  <option key={t} value={t}>
                    {describeAnalysisType(t).label}
                  </option>
                ))}
              </select>
            </label>
          )
        }
      />
      <div className="p-3 sm:p-4">
        <MeasureMeaning type={selectedType} />
        <RepChart reps={reps} type={selectedType} activeIndex={activeIndex} onSelect={onSelect} />
      </div>
    </Card>
  );
}
