import { useState, type PointerEvent, type RefObject } from 'react';
import { DRAWING_POINTS, DRAWING_SHOWN_MS, feedbackAt, type Drawing, type DrawingKind, type NormalisedPoint } from '../../../contract/feedback.ts';
import { DrawnShape, PartialShape, toBox } from './drawing-shapes.tsx';
import { usePictureBox, type PictureBox } from './use-picture-box.ts';

type OnDrawn = (kind: DrawingKind, points: NormalisedPoint[]) => void;

/**
 * The drawings due at the current time, over the video's picture (or the skeleton replay's, when
 * the browser cannot show the video); with a tool chosen (paused), a click places the shape's next
 * point and the last one finishes it.
 */
export function DrawingLayer({
  pictureRef,
  drawings,
  currentTimeMs,
  tool,
  onDrawn,
}: {
  pictureRef: RefObject<HTMLVideoElement | HTMLElement | null>;
  drawings: readonly Drawing[];
  currentTimeMs: number;
  tool: DrawingKind | null;
  onDrawn: OnDrawn;
}) {
  const box = usePictureBox(pictureRef);
  if (!box) return null;
  return (
    <>
      <svg aria-hidden="true" data-testid="drawing-layer" width={box.width} height={box.height} className="pointer-events-none absolute inset-0 h-full w-full">
        {feedbackAt(drawings, currentTimeMs, DRAWING_SHOWN_MS).map((d) => (
          <g key={d.id} data-kind={d.shape.kind}>
            <DrawnShape shape={d.shape} box={box} />
          </g>
        ))}
      </svg>
      {/* Keyed by the tool: choosing another starts the shape over. */}
      {tool && <ToolCapture key={tool} tool={tool} box={box} onDrawn={onDrawn} />}
    </>
  );
}

function ToolCapture({ tool, box, onDrawn }: { tool: DrawingKind; box: PictureBox; onDrawn: OnDrawn }) {
  const [points, setPoints] = useState<NormalisedPoint[]>([]);
  const [pointer, setPointer] = useState<NormalisedPoint | null>(null);

  const at = (event: PointerEvent<SVGSVGElement>): NormalisedPoint | null => {
    const rect = event.currentTarget.getBoundingClientRect();
    const x = (event.clientX - rect.left - box.left) / box.pictureWidth;
    const y = (event.clientY - rect.top - box.top) / box.pictureHeight;
    return x >= 0 && x <= 1 && y >= 0 && y <= 1 ? { x, y } : null;
  };
  function place(event: PointerEvent<SVGSVGElement>) {
    const point = at(event);
    if (!point) return;
    const next = [...points, point];
    if (next.length < DRAWING_POINTS[tool]) return setPoints(next);
    setPoints([]);
    onDrawn(tool, next);
  }

  const shown = points.length && pointer ? [...points, pointer] : points;
  return (
    <svg
      aria-hidden="true"
      data-testid="drawing-capture"
      width={box.width}
      height={box.height}
      className="absolute inset-0 h-full w-full cursor-crosshair touch-none"
      onPointerDown={place}
      onPointerMove={(event) => setPointer(at(event))}
      onPointerLeave={() => setPointer(null)}
    >
      <PartialShape points={shown.map((p) => toBox(box, p))} box={box} />
    </svg>
  );
}
