import { useEffect, useState, type RefObject } from 'react';

/** Where the picture sits inside the video element (object-fit: contain), in CSS pixels. */
export interface PictureBox {
  /** The element's size. */
  width: number;
  height: number;
  /** The picture's offset and size inside it. */
  left: number;
  top: number;
  pictureWidth: number;
  pictureHeight: number;
}

export function pictureBox(width: number, height: number, videoWidth: number, videoHeight: number): PictureBox {
  const vw = videoWidth || width;
  const vh = videoHeight || height;
  const scale = Math.min(width / vw, height / vh) || 0;
  return { width, height, left: (width - vw * scale) / 2, top: (height - vh * scale) / 2, pictureWidth: vw * scale, pictureHeight: vh * scale };
}

/**
 * The picture's box, kept up to date as the element resizes and the video's size becomes known.
 * Any other element (the skeleton replay's area, shaped as the video) is its own picture.
 */
export function usePictureBox(pictureRef: RefObject<HTMLVideoElement | HTMLElement | null>): PictureBox | null {
  const [box, setBox] = useState<PictureBox | null>(null);
  useEffect(() => {
    const element = pictureRef.current;
    if (!element) return;
    const video = element instanceof HTMLVideoElement ? element : null;
    const measure = () => {
      if (!video) return setBox(pictureBox(element.clientWidth, element.clientHeight, element.clientWidth, element.clientHeight));
      setBox(video.videoWidth ? pictureBox(video.clientWidth, video.clientHeight, video.videoWidth, video.videoHeight) : null);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    video?.addEventListener('loadedmetadata', measure);
    return () => {
      observer.disconnect();
      video?.removeEventListener('loadedmetadata', measure);
    };
  }, [pictureRef]);
  return box;
}
