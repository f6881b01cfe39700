import { useEffect } from 'react';
import { DRAWING_KINDS, DRAWING_POINTS, type DrawingKind } from '../../../contract/feedback.ts';
import { Button } from '../../../components/button.tsx';

const HOW: Record<DrawingKind, string> = {
  line: 'Click where the line starts, then where it ends.',
  angle: 'Click three points: the angle is measured at the second.',
  circle: 'Click the centre, then a point on the circle.',
  arrow: 'Click where the arrow starts, then where it points.',
};

/** The drawing tools under the video: one at a time, on a paused frame; Escape puts the tool down. */
export function DrawingTools({
  tool,
  onTool,
  playing,
  saving,
  problem,
}: {
  tool: DrawingKind | null;
  onTool: (tool: DrawingKind | null) => void;
  playing: boolean;
  saving: boolean;
  problem: string | null;
}) {
  useEffect(() => {
    if (!tool) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onTool(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tool, onTool]);

  return (
    <div className="space-y-1 print:hidden">
      <div role="group" aria-label="Drawing tools" className="flex flex-wrap items-center gap-1.5">
        <span className="mr-1 text-sm text-slate-600">Draw on this frame:</span>
        {DRAWING_KINDS.map((kind) => (
          <Button
            key={kind}
            size="sm"
            variant={tool === kind ? 'primary' : 'secondary'}
            aria-pressed={tool === kind}
            disabled={playing || saving}
            onClick={() => onTool(tool === kind ? null : kind)}
          >
            {kind[0].toUpperCase() + kind.slice(1)}
          </Button>
        ))}
      </div>
      <p role="status" className="text-xs text-slate-600">
        {problem ? <span className="text-bad">{problem}</span> : playing ? 'Pause the video to draw.' : tool ? `${HOW[tool]} (${DRAWING_POINTS[tool]} points; Escape cancels.)` : null}
      </p>
    </div>
  );
}
