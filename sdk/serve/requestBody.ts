/**
 * A request body received under the gate's limits: a size limit per route (413 as soon as it is known,
 * from Content-Length or while reading), the global budget of bodies in flight (503 beyond it), and a
 * deadline for the whole body (408). Chunks are handed on as they arrive (a batch is split into lines
 * as it streams in); the bytes count against the budget until the answer has been sent.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './httpError.js';
import type { BodyBudget } from './bodyBudget.js';

/** Hands each chunk to `onChunk` (which may throw an HttpError to refuse); resolves at the body's end. */
export function receiveBody(req: IncomingMessage, res: ServerResponse, limit: number, budget: BodyBudget, onChunk: (chunk: Buffer) => void): Promise<void> {
  const declaredText = req.headers['content-length'];
  const declared = declaredText === undefined ? null : Number(declaredText);
  if (declared !== null && declared > limit) return Promise.reject(tooLarge(declared, limit));
  let taken = 0;
  const take = (bytes: number): boolean => {
    if (!budget.take(bytes)) return false;
    taken += bytes;
    return true;
  };
  const release = (): void => {
    budget.give(taken);
    taken = 0;
  };
  res.once('close', release);
  // A declared length is taken whole at once: a client cannot announce 16 MiB, send little, and hold the budget's promise.
  if (declared !== null && declared > 0 && !take(declared)) return Promise.reject(busy(budget));
  return new Promise((resolve, reject) => {
    let length = 0;
    const stop = (e: HttpError): void => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.resume(); // the rest is discarded; the answer closes the connection
      reject(e);
    };
    const timer = setTimeout(() => stop(new HttpError(408, `the request body did not arrive within ${budget.timeoutMs / 1000} s (${length} bytes received)`, { Connection: 'close' })), budget.timeoutMs);
    const onData = (chunk: Buffer): void => {
      length += chunk.length;
      if (length > limit) return stop(tooLarge(length, limit));
      if (declared === null && !take(chunk.length)) return stop(busy(budget));
      try {
        onChunk(chunk);
      } catch (e) {
        stop(e instanceof HttpError ? e : new HttpError(400, `request body could not be read: ${e instanceof Error ? e.message : String(e)}`, { Connection: 'close' }));
      }
    };
    const onEnd = (): void => {
      clearTimeout(timer);
      resolve();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(new HttpError(400, `request body could not be read: ${e.message}`));
    });
  });
}

/** A body read whole (a single presentation: at most 64 KiB). */
export async function readBody(req: IncomingMessage, res: ServerResponse, limit: number, budget: BodyBudget): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  await receiveBody(req, res, limit, budget, (chunk) => {
    chunks.push(chunk);
    length += chunk.length;
  });
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
}

function tooLarge(bytes: number, limit: number): HttpError {
  return new HttpError(413, `request body of ${bytes} bytes or more is over the limit of ${limit} bytes`, { Connection: 'close' });
}

function busy(budget: BodyBudget): HttpError {
  return new HttpError(503, `request bodies in flight hold the gate's budget of ${budget.totalBytes} bytes: try again shortly`, { Connection: 'close', 'Retry-After': '1' });
}
