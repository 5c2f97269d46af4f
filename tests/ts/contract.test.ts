// Contract tests of the TypeScript client against a real emulator (TPUF_BASE_URL, TPUF_API_KEY):
// every attribute kind, ANN, BM25, filters, aggregations, multi-query, writes, errors.
// Run by tests/ts/test_ts_client.py, which starts the emulator and compiles this file.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Turbopuffer,
  NotFoundError,
  UnprocessableEntityError,
  APIStatusError,
  lang,
  type QueryResult,
} from '../../generated-ts/src/index.js';

const baseUrl = process.env.TPUF_BASE_URL ?? '';
const apiKey = process.env.TPUF_API_KEY ?? '';
const tpuf = new Turbopuffer({ baseUrl, apiKey, maxRetries: 1 });
const prefix = `ts-${process.pid}-`;

const docs = [
  { id: 1, vector: [1, 0, 0], title: 'red fox jumps', count: 3, price: 1.5, done: true, tags: ['a', 'b'], uid: '9b6c2a8e-0b7f-4b39-9d5c-2f1b8e0b6a11', at: '2024-01-02T03:04:05Z' },
  { id: 2, vector: [0, 1, 0], title: 'lazy brown dog', count: 7, price: 2.5, done: false, tags: ['b'], uid: '1b6c2a8e-0b7f-4b39-9d5c-2f1b8e0b6a12', at: '2024-02-02T03:04:05Z' },
  { id: 3, vector: [0, 0, 1], title: 'quick red fox', count: 7, price: 9.0, done: true, tags: [], uid: '2b6c2a8e-0b7f-4b39-9d5c-2f1b8e0b6a13', at: '2024-03-02T03:04:05Z' },
];

async function seeded(name: string) {
  const ns = tpuf.namespace(prefix + name);
  const result = await ns.write({
    upsert_rows: docs,
    distance_metric: 'cosine_distance',
    schema: {
      title: { type: 'string', full_text_search: true },
      count: { type: 'int' },
      price: { type: 'float' },
      done: { type: 'bool' },
      tags: { type: '[]string' },
      uid: { type: 'uuid' },
      at: { type: 'datetime' },
    },
  });
  assert.equal((result as { rows_affected?: number }).rows_affected, 3);
  return ns;
}

const ids = (result: QueryResult) => (result.rows ?? []).map((row) => row.id);

test('every attribute kind round-trips through a write and a query', async () => {
  const ns = await seeded('kinds');
  const result = await ns.query({ rank_by: lang.rankBy.asc('id'), top_k: 10, include_attributes: true });
  assert.deepEqual(ids(result), [1, 2, 3]);
  const first = result.rows![0]!;
  assert.equal(first.title, 'red fox jumps');
  assert.equal(first.count, 3);
  assert.equal(first.price, 1.5);
  assert.equal(first.done, true);
  assert.deepEqual(first.tags, ['a', 'b']);
  assert.equal(first.uid, docs[0]!.uid);
  assert.match(String(first.at), /^2024-01-02T03:04:05/);
  const schema = await ns.schema();
  assert.equal(schema.uid?.type, 'uuid');
  assert.equal(schema.tags?.type, '[]string');
});

test('ANN ranks by vector distance, filters narrow it', async () => {
  const ns = await seeded('ann');
  const nearest = await ns.query({ rank_by: lang.rankBy.ANN('vector', [0.9, 0.1, 0]), top_k: 2 });
  assert.deepEqual(ids(nearest), [1, 2]);
  assert.ok(typeof nearest.rows![0]!.$dist === 'number');
  const filtered = await ns.query({
    rank_by: lang.rankBy.ANN('vector', [0.9, 0.1, 0]),
    top_k: 3,
    filters: lang.filter.And([lang.filter.Eq('done', true), lang.filter.Gte('count', 5)]),
  });
  assert.deepEqual(ids(filtered), [3]);
});

test('BM25 full-text ranking, with and without its optional params', async () => {
  const ns = await seeded('bm25');
  const result = await ns.query({ rank_by: lang.scoreExpression.BM25('title', 'red fox'), top_k: 3 });
  assert.deepEqual(ids(result).sort(), [1, 3]);
  const tokens = await ns.query({
    rank_by: lang.rankBy.asc('id'),
    filters: lang.filter.ContainsAllTokens('title', 'fox red'),
    top_k: 3,
  });
  assert.deepEqual(ids(tokens), [1, 3]);
});

test('aggregations, grouped and not', async () => {
  const ns = await seeded('agg');
  const total = await ns.query({ aggregate_by: { n: lang.aggregateBy.Count(), s: lang.aggregateBy.Sum('count') } });
  assert.deepEqual(total.aggregations, { n: 3, s: 17 });
  const grouped = await ns.query({ aggregate_by: { n: lang.aggregateBy.Count() }, group_by: ['count'] });
  const groups = (grouped.aggregation_groups ?? []).map((g) => [g.count, g.n]).sort();
  assert.deepEqual(groups, [[3, 1], [7, 2]]);
});

test('multi-query answers each sub-query in order', async () => {
  const ns = await seeded('multi');
  const result = await ns.multiQuery({
    queries: [
      { rank_by: lang.rankBy.ANN('vector', [0, 0, 1]), top_k: 1 },
      { aggregate_by: { n: lang.aggregateBy.Count() }, filters: lang.filter.Eq('done', false) },
    ],
  });
  assert.equal(result.results.length, 2);
  assert.deepEqual((result.results[0]!.rows ?? []).map((r) => r.id), [3]);
  assert.deepEqual(result.results[1]!.aggregations, { n: 1 });
});

test('writes: patch, delete, delete_by_filter, conditional upsert; a large body goes gzip-compressed', async () => {
  const ns = await seeded('writes');
  await ns.write({ patch_rows: [{ id: 2, count: 8 }], deletes: [3] });
  let rows = (await ns.query({ rank_by: lang.rankBy.asc('id'), top_k: 10, include_attributes: ['count'] })).rows!;
  assert.deepEqual(rows.map((r) => [r.id, r.count]), [[1, 3], [2, 8]]);
  await ns.write({ delete_by_filter: lang.filter.Eq('id', 1) });
  const big = Array.from({ length: 200 }, (_, i) => ({ id: 100 + i, vector: [1, 1, i], title: 'x'.repeat(40) }));
  await ns.write({ upsert_rows: big });
  rows = (await ns.query({ rank_by: lang.rankBy.asc('id'), top_k: 1000 })).rows!;
  assert.equal(rows.length, 201);
  const meta = await ns.metadata();
  assert.equal(meta.approx_row_count, 201);
  await ns.deleteAll();
  await assert.rejects(ns.query({ rank_by: lang.rankBy.asc('id'), top_k: 1 }), NotFoundError);
});

test('errors are typed and carry the server message', async () => {
  const ns = await seeded('errors');
  const error = await ns.query({ rank_by: lang.rankBy.asc('no_such'), filters: ['count', 'Bogus', 1] as never, top_k: 1 }).catch((e: unknown) => e);
  assert.ok(error instanceof UnprocessableEntityError, String(error));
  assert.ok(error instanceof APIStatusError);
  assert.equal(error.status, 422);
  assert.match(error.message, /unknown variant `Bogus`/);
  assert.equal((error.body as { status?: string }).status, 'error');
  const unauthorised = new Turbopuffer({ baseUrl, apiKey: 'wrong', maxRetries: 0 });
  await assert.rejects(unauthorised.namespace(prefix + 'errors').schema(), (e: unknown) => e instanceof APIStatusError && e.status === 401);
});

test('namespaces lists what was written', async () => {
  await seeded('listed');
  const page = await tpuf.namespaces({ prefix: prefix + 'listed' });
  assert.deepEqual(page.namespaces.map((n) => n.id), [prefix + 'listed']);
});
