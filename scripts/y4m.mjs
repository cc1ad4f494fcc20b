// Luminance frames as a 4:2:0 Y4M video for Chromium's fake camera (--use-file-for-fake-video-capture).
import { writeFileSync } from 'node:fs';

/** Writes luminance frames as a 4:2:0 Y4M video (neutral chroma) that Chromium's fake camera loops. */
export function writeY4m(path, frames, { width, height, fps = 10 }) {
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const parts = [header];
  for (const luma of frames) parts.push(Buffer.from('FRAME\n', 'ascii'), luma, chroma);
  writeFileSync(path, Buffer.concat(parts));
}
