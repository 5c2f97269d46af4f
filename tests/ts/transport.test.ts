// The TypeScript client's transport against a local scripted HTTP server (node:http): each test
// queues the answers the server gives, sends real requests through the client, then checks what
// arrived (headers, decompressed body, retry count) and what the caller got back.

import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  APIConnectionError,
  APIStatusError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  Turbopuffer,
  UnprocessableEntityError,
  lang,
  type TransportOptions,
} from '../../generated-ts/src/index.js';

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as it arrived on the wire (still compressed when Content-Encoding says so). */
  raw: Buffer;
  at: number;
}

const OK: Answer = { status: 200, body: JSON.stringify({ rows: [{ id: 1 }] }) };
const error = (status: number, message: string, headers: Record<string, string> = {}): Answer => ({
  status,
  headers,
  body: JSON.stringify({ status: 'error', error: message }),
});

let server: Server;
let baseUrl = '';
let answers: Answer[] = [];
let received: Received[] = [];

before(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        raw: Buffer.concat(chunks),
        at: performance.now(),
      });
      const answer = answers.shift() ?? error(500, 'the test queued no answer for this request');
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  answers = [];
  received = [];
});

/** A client on the scripted server; `waits` collects every delay the transport asks to sleep. */
function client(options: Partial<TransportOptions> = {}) {
  const waits: number[] = [];
  const tpuf = new Turbopuffer({
    baseUrl,
    apiKey: 'test-key',
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  return { ns: tpuf.namespace('scripted'), waits };
}

const query = { rank_by: lang.rankBy.asc('id'), top_k: 1 };
const decoded = (r: Received): unknown =>
  JSON.parse((r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.raw) : r.raw).toString('utf-8'));

describe('retries honour the server', () => {
  test('429 with retry-after-ms: the transport waits that long, then retries once with X-Retry-Count', async () => {
    answers = [error(429, 'slow down', { 'retry-after-ms': '1500' }), OK];
    const { ns, waits } = client();
    const result = await ns.query(query);
    assert.deepEqual(result.rows, [{ id: 1 }]);
    assert.deepEqual(waits, [1500]);
    assert.equal(received.length, 2);
    assert.equal(received[0]!.headers['x-retry-count'], undefined);
    assert.equal(received[1]!.headers['x-retry-count'], '1');
    assert.deepEqual(decoded(received[1]!), decoded(received[0]!));
  });

  test('the real wait between the two attempts is at least retry-after-ms (default sleep)', async () => {
    answers = [error(429, 'slow down', { 'retry-after-ms': '700' }), OK];
    const tpuf = new Turbopuffer({ baseUrl, apiKey: 'test-key' });
    await tpuf.namespace('scripted').query(query);
    assert.equal(received.length, 2);
    const gap = received[1]!.at - received[0]!.at;
    // The own backoff of a first retry is at most 250 ms: 700 ms can only come from the header.
    assert.ok(gap >= 650, `retried after ${gap.toFixed(0)} ms, the server asked for 700`);
  });

  test('Retry-After in seconds is honoured; retry-after-ms wins when both are sent', async () => {
    answers = [
      error(503, 'busy', { 'retry-after': '2' }),
      error(429, 'busy', { 'retry-after': '5', 'retry-after-ms': '20' }),
      OK,
    ];
    const { ns, waits } = client();
    await ns.query(query);
    assert.deepEqual(waits, [2000, 20]);
    assert.deepEqual(received.map((r) => r.headers['x-retry-count']), [undefined, '1', '2']);
  });

  test('a Retry-After over 60 s is not trusted: the own backoff applies', async () => {
    answers = [error(429, 'busy', { 'retry-after': '3600' }), OK];
    const { ns, waits } = client();
    await ns.query(query);
    assert.equal(waits.length, 1);
    assert.ok(waits[0]! > 0 && waits[0]! <= 250, `waited ${waits[0]} ms`);
  });

  test('retries stop after maxRetries: the last error is thrown, every retry counted', async () => {
    answers = [error(429, 'a'), error(429, 'b'), error(429, 'c'), OK];
    const { ns, waits } = client({ maxRetries: 2 });
    const thrown = await ns.query(query).catch((e: unknown) => e);
    assert.ok(thrown instanceof RateLimitError, String(thrown));
    assert.equal(thrown.status, 429);
    assert.match(thrown.message, /c$/);
    assert.equal(waits.length, 2);
    assert.deepEqual(received.map((r) => r.headers['x-retry-count']), [undefined, '1', '2']);
  });

  test('x-should-retry: false is not retried, even on a status that normally is', async () => {
    answers = [error(503, 'do not come back', { 'x-should-retry': 'false' }), OK];
    const { ns, waits } = client();
    const thrown = await ns.query(query).catch((e: unknown) => e);
    assert.ok(thrown instanceof InternalServerError, String(thrown));
    assert.equal(thrown.status, 503);
    assert.equal(received.length, 1);
    assert.deepEqual(waits, []);
  });

  test('x-should-retry: true retries a status that normally is not', async () => {
    answers = [error(400, 'try again', { 'x-should-retry': 'true', 'retry-after-ms': '5' }), OK];
    const { ns, waits } = client();
    await ns.query(query);
    assert.equal(received.length, 2);
    assert.deepEqual(waits, [5]);
  });

  test('a 400 without the header is thrown at once', async () => {
    answers = [error(400, 'bad'), OK];
    const { ns } = client();
    await assert.rejects(ns.query(query), BadRequestError);
    assert.equal(received.length, 1);
  });
});

describe('gzip request bodies', () => {
  const big = Array.from({ length: 100 }, (_, i) => ({ id: i, title: `row number ${i} `.repeat(4) }));

  test('a body over the threshold is sent gzip-compressed and inflates to the request', async () => {
    answers = [{ status: 200, body: JSON.stringify({ rows_affected: 100 }) }];
    const { ns } = client();
    await ns.write({ upsert_rows: big });
    const [request] = received;
    assert.equal(request!.headers['content-encoding'], 'gzip');
    assert.equal(request!.raw[0], 0x1f); // gzip magic bytes on the wire
    assert.equal(request!.raw[1], 0x8b);
    const sent = JSON.stringify({ upsert_rows: big });
    assert.ok(request!.raw.length < sent.length / 2, `${request!.raw.length} compressed bytes`);
    assert.deepEqual(decoded(request!), { upsert_rows: big });
    assert.equal(request!.url, '/v2/namespaces/scripted');
    assert.equal(request!.headers.authorization, 'Bearer test-key');
  });

  test('a retried compressed body is sent compressed again, whole', async () => {
    answers = [error(429, 'later', { 'retry-after-ms': '1' }), { status: 200, body: '{"rows_affected":100}' }];
    const { ns } = client();
    await ns.write({ upsert_rows: big });
    assert.equal(received.length, 2);
    for (const request of received) {
      assert.equal(request.headers['content-encoding'], 'gzip');
      assert.deepEqual(decoded(request), { upsert_rows: big });
    }
  });

  test('a small body, or compression: false, is sent as plain JSON', async () => {
    answers = [OK, { status: 200, body: '{"rows_affected":100}' }];
    await client().ns.query(query);
    await client({ compression: false }).ns.write({ upsert_rows: big });
    assert.deepEqual(received.map((r) => r.headers['content-encoding']), [undefined, undefined]);
    assert.deepEqual(JSON.parse(received[1]!.raw.toString('utf-8')), { upsert_rows: big });
  });
});

describe('typed errors per status', () => {
  const cases: [number, typeof APIStatusError][] = [
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [413, PayloadTooLargeError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [418, APIStatusError],
  ];
  for (const [status, ErrorClass] of cases) {
    test(`${status} is a ${ErrorClass.name} with the server's status, message and body`, async () => {
      answers = [error(status, `message for ${status}`)];
      const thrown = await client({ maxRetries: 0 }).ns.query(query).catch((e: unknown) => e);
      assert.ok(thrown instanceof ErrorClass, `${status}: ${String(thrown)}`);
      assert.ok(thrown instanceof APIStatusError);
      assert.equal(thrown.constructor, ErrorClass);
      assert.equal(thrown.status, status);
      assert.equal(thrown.message, `Error code: ${status} - message for ${status}`);
      assert.deepEqual(thrown.body, { status: 'error', error: `message for ${status}` });
      assert.equal(received.length, 1);
    });
  }

  test('a non-JSON error body keeps its text as the message', async () => {
    answers = [{ status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>bad gateway</h1>' }];
    const thrown = await client({ maxRetries: 0 }).ns.query(query).catch((e: unknown) => e);
    assert.ok(thrown instanceof InternalServerError, String(thrown));
    assert.equal(thrown.body, '<h1>bad gateway</h1>');
    assert.match(thrown.message, /<h1>bad gateway<\/h1>/);
  });

  test('no server on the port is an APIConnectionError, after the retries', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const waits: number[] = [];
    const tpuf = new Turbopuffer({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: 'k',
      maxRetries: 2,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await assert.rejects(tpuf.namespace('n').query(query), APIConnectionError);
    assert.equal(waits.length, 2);
  });
});
