/**
 * A request body read whole, up to a limit: more than the limit is 413 as soon as it is known (from
 * Content-Length, or while reading), without holding more than the limit in memory.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './httpError.js';

export function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    return Promise.reject(tooLarge(Number(declared), limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer): void => {
      length += chunk.length;
      if (length > limit) {
        req.off('data', onData);
        req.off('end', onEnd);
        req.resume(); // the rest is discarded; the answer closes the connection
        reject(tooLarge(length, limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', (e) => reject(new HttpError(400, `request body could not be read: ${e.message}`)));
  });
}

function tooLarge(bytes: number, limit: number): HttpError {
  return new HttpError(413, `request body of ${bytes} bytes or more is over the limit of ${limit} bytes`, { Connection: 'close' });
}
