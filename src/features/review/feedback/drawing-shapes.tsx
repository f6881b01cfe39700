import { useId } from 'react';
import { drawnAngle, type NormalisedPoint, type Shape } from '../../../contract/feedback.ts';
import type { Point } from '../../../contract/geometry.ts';
import type { PictureBox } from './use-picture-box.ts';

const COLOUR = '#facc15';
const HALO = 'rgba(15,23,42,0.85)';

export const toBox = (box: PictureBox, p: NormalisedPoint): Point => ({ x: box.left + p.x * box.pictureWidth, y: box.top + p.y * box.pictureHeight });

/** One line as drawn: a dark halo under the colour, so it reads on light and dark frames alike. */
function Stroke({ d, markerEnd }: { d: string; markerEnd?: string }) {
  return (
    <>
      <path d={d} fill="none" stroke={HALO} strokeWidth={5} strokeLinecap="round" strokeLinejoin="round" />
      <path d={d} fill="none" stroke={COLOUR} strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round" markerEnd={markerEnd} />
    </>
  );
}

const path = (points: Point[]) => points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');

/** A drawing over the picture, in the box's pixels; an angle carries its value. */
export function DrawnShape({ shape, box }: { shape: Shape; box: PictureBox }) {
  const marker = useId();
  const points = shape.points.map((p) => toBox(box, p));
  switch (shape.kind) {
    case 'line':
      return <Stroke d={path(points)} />;
    case 'arrow':
      return (
        <>
          <defs>
            <marker id={marker} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
              <path d="M0 0 L10 5 L0 10 z" fill={COLOUR} stroke={HALO} strokeWidth={1} />
            </marker>
          </defs>
          <Stroke d={path(points)} markerEnd={`url(#${marker})`} />
        </>
      );
    case 'circle': {
      const [c, edge] = points;
      const r = Math.hypot(edge.x - c.x, edge.y - c.y);
      return <Stroke d={`M${c.x - r} ${c.y} a${r} ${r} 0 1 0 ${2 * r} 0 a${r} ${r} 0 1 0 ${-2 * r} 0`} />;
    }
    case 'angle': {
      const [, vertex] = points;
      const degrees = drawnAngle(shape, box.pictureWidth, box.pictureHeight) ?? 0;
      return (
        <>
          <Stroke d={path(points)} />
          <text x={vertex.x + 10} y={vertex.y - 10} fill={COLOUR} stroke={HALO} strokeWidth={3} paintOrder="stroke" fontSize={16} fontWeight={700}>
            {Math.round(degrees)}°
          </text>
        </>
      );
    }
  }
}

/** The points placed so far (and where the pointer is), while a shape is being drawn. */
export function PartialShape({ points, box }: { points: Point[]; box: PictureBox }) {
  return (
    <>
      {points.length > 1 && <Stroke d={path(points)} />}
      {points.map((p, i) => (
        <circle key={i} cx={p.x} cy={p.y} r={4} fill={COLOUR} stroke={HALO} strokeWidth={1.5} />
      ))}
      <rect x={box.left} y={box.top} width={box.pictureWidth} height={box.pictureHeight} fill="none" stroke={COLOUR} strokeDasharray="6 4" strokeWidth={1} />
    </>
  );
}
