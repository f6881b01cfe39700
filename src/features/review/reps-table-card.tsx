import type { Rep } from '../../contract/guru.ts';
import { Card, CardHeader } from '../../components/card.tsx';
import { MeasureLegend } from './measure-legend.tsx';
import { RepTable } from './rep-table.tsx';

/** Every rep and its measures, with the legend of what each measure means; `compareId` links each rep to the compare view. */
export function RepsTableCard({
  compareId,
  reps,
  activeIndex,
  onSelect,
}: {
  compareId?: string;
  reps: readonly Rep[];
  activeIndex: number | undefined;
  onSelect: (index: number) => void;
}) {
  return (
    <Card className="min-w-0 print:shadow-none print:ring-0">
      <CardHeader title="Reps" />
      <RepTable reps={reps} activeIndex={activeIndex} onSelect={onSelect} compareHref={compareId === undefined ? undefined : (i) => `/compare?a=${encodeURIComponent(compareId)}:${i + 1}`} />
      <MeasureLegend reps={reps} />
    </Card>
  );
}
