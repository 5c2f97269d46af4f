// The fetch under every call: gzip request compression, retries with backoff honouring the server's
// retry-after-ms / Retry-After, a timeout, and typed errors for every failure (see errors.ts).

import { APIConnectionError, APITimeoutError, statusError } from './errors.js';

export const COMPRESSION_THRESHOLD_BYTES = 1024;
export const MAX_RETRY_AFTER_SECONDS = 60;
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429]);
export const RETRY_COUNT_HEADER = 'X-Retry-Count';

export interface TransportOptions {
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** Whole-request timeout in milliseconds, retries included (default 60 000). */
  timeoutMs?: number;
  /** Gzip request bodies over COMPRESSION_THRESHOLD_BYTES (default true). */
  compression?: boolean;
  /** The fetch to wrap (default globalThis.fetch). */
  fetch?: typeof fetch;
  /** Waits between attempts (injectable for tests). */
  sleep?: (ms: number) => Promise<void>;
}

/** The server's requested delay in seconds: retry-after-ms first, then Retry-After (seconds or date). */
export function retryAfterSeconds(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && milliseconds.trim() !== '' && Number.isFinite(Number(milliseconds))) {
    return Number(milliseconds) / 1000;
  }
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (Number.isFinite(Number(value))) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : (date - now) / 1000;
}

export function shouldRetryStatus(response: Response): boolean {
  const override = (response.headers.get('x-should-retry') ?? '').toLowerCase();
  if (override === 'true') return true;
  if (override === 'false') return false;
  return RETRYABLE_STATUSES.has(response.status) || response.status >= 500;
}

export function backoffSeconds(retriesDone: number): number {
  const base = Math.min(0.25 * 2 ** retriesDone, 8);
  return base * (1 - 0.25 * Math.random());
}

function delaySeconds(retriesDone: number, response: Response | undefined): number {
  const server = response === undefined ? undefined : retryAfterSeconds(response.headers);
  if (server !== undefined && server >= 0 && server <= MAX_RETRY_AFTER_SECONDS) return server;
  return backoffSeconds(retriesDone);
}

async function gzip(body: ArrayBuffer): Promise<ArrayBuffer> {
  const stream = new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'));
  return await new Response(stream).arrayBuffer();
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A fetch with compression, retries, a timeout and typed errors; only 2xx responses are returned. */
export function createTransport(options: TransportOptions = {}): typeof fetch {
  const maxRetries = options.maxRetries ?? 4;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const compression = options.compression ?? true;
  const inner = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? defaultSleep;

  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    let body: ArrayBuffer | undefined = request.body === null ? undefined : await request.arrayBuffer();
    if (compression && body !== undefined && body.byteLength > COMPRESSION_THRESHOLD_BYTES) {
      body = await gzip(body);
      headers.set('Content-Encoding', 'gzip');
    }
    if (!headers.has('Accept-Encoding')) headers.set('Accept-Encoding', 'gzip');
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
    for (let retriesDone = 0; ; retriesDone++) {
      if (retriesDone > 0) headers.set(RETRY_COUNT_HEADER, String(retriesDone));
      let response: Response | undefined;
      try {
        response = await inner(request.url, { method: request.method, headers, body, signal });
      } catch (error) {
        if (deadline.aborted) throw new APITimeoutError(`request timed out after ${timeoutMs} ms`, { cause: error });
        if (signal.aborted) throw error;
        if (retriesDone >= maxRetries) {
          throw new APIConnectionError(`connection error: ${String(error)}`, { cause: error });
        }
      }
      if (response !== undefined) {
        if (response.ok) return response;
        if (retriesDone >= maxRetries || !shouldRetryStatus(response)) throw await statusError(response);
        await response.body?.cancel();
      }
      await sleep(delaySeconds(retriesDone, response) * 1000);
    }
  };
}
