import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type { J2pResponse } from '../../contract/guru.ts';
import { BONES, frameAt, poseFrames } from './pose-frames.ts';

const MIN_SCORE = 0.2;

/**
 * Draws the detected joints at `currentTimeMs` over `boxRef`, inside the letterboxed picture: the
 * video, or the skeleton replay's box (sized by the joint data's resolution) when there is none.
 */
export function SkeletonOverlay({
  j2p,
  boxRef,
  currentTimeMs,
}: {
  j2p: J2pResponse;
  boxRef: RefObject<HTMLElement | null>;
  currentTimeMs: number;
}) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const frames = useMemo(() => poseFrames(j2p), [j2p]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const box = boxRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !box || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const w = box.clientWidth;
    const h = box.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const frame = frameAt(frames, currentTimeMs / 1000);
    if (!frame) return;

    // object-fit: contain — find the picture inside the element.
    const video = box instanceof HTMLVideoElement ? box : undefined;
    const vw = video?.videoWidth || j2p.resolutionWidth || w;
    const vh = video?.videoHeight || j2p.resolutionHeight || h;
    const scale = Math.min(w / vw, h / vh);
    const pw = vw * scale;
    const ph = vh * scale;
    const ox = (w - pw) / 2;
    const oy = (h - ph) / 2;
    const at = (name: string) => {
      const j = frame.joints[name];
      return j && j.score >= MIN_SCORE ? { x: ox + j.x * pw, y: oy + j.y * ph } : null;
    };

    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    for (const [a, b] of BONES) {
      const p = at(a);
      const q = at(b);
      if (!p || !q) continue;
      ctx.strokeStyle = a.startsWith('left') || b.startsWith('left') ? 'rgba(89,176,255,0.9)' : 'rgba(251,191,36,0.9)';
      ctx.beginPath();
      ctx.moveTo(p.x, p.y);
      ctx.lineTo(q.x, q.y);
      ctx.stroke();
    }
    ctx.fillStyle = 'white';
    for (const name of Object.keys(frame.joints)) {
      const p = at(name);
      if (!p) continue;
      ctx.beginPath();
      ctx.arc(p.x, p.y, 3.5, 0, Math.PI * 2);
      ctx.fill();
    }
  }, [frames, currentTimeMs, boxRef, j2p.resolutionWidth, j2p.resolutionHeight]);

  return <canvas ref={canvasRef} aria-hidden="true" className="pointer-events-none absolute inset-0 h-full w-full" />;
}
