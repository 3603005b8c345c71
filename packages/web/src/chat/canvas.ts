import { fitWithin } from './media.js';

/** A canvas's picture as bytes (JPEG for photos, PNG for drawings). */
export function canvasBytes(
  canvas: HTMLCanvasElement,
  type: 'image/jpeg' | 'image/png',
  quality = 0.85,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) =>
        blob
          ? void blob.arrayBuffer().then((b) => resolve(new Uint8Array(b)), reject)
          : reject(new Error('empty canvas')),
      type,
      quality,
    ),
  );
}

export interface Picture {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** Draws a video frame or a picked image, scaled down, and encodes it as JPEG. */
export async function toJpeg(
  source: CanvasImageSource,
  width: number,
  height: number,
): Promise<Picture> {
  const size = fitWithin(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas');
  ctx.drawImage(source, 0, 0, size.width, size.height);
  return { bytes: await canvasBytes(canvas, 'image/jpeg'), ...size };
}
