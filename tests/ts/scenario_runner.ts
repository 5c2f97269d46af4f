// Runs the shared cross-client scenario steps (tests/contract/contract_harness/scenarios.py) through
// the TypeScript client, so its answers can be compared with the two Python clients'.
//
// stdin:  {"baseUrl", "apiKey", "namespace", "prefix", "steps": [{"label", "operation", "body", "params"}]}
// stdout: one outcome per step, in order: {"value": <result JSON>} or {"error_status", "error_message"}.
//
// Each step is one call of the client's public surface (namespace handle methods, `namespaces()`),
// with retries and compression off, as the Python adapters do: one request per step, as sent.

import { APIStatusError, Turbopuffer, type Namespace } from '../../generated-ts/src/index.js';
import type * as T from '../../generated-ts/src/gen/types.gen.js';

interface Step {
  label: string;
  operation: string;
  body: unknown;
  params: Record<string, unknown>;
}

interface Input {
  baseUrl: string;
  apiKey: string;
  namespace: string;
  prefix: string;
  steps: Step[];
}

type Outcome = { value: unknown } | { error_status: number; error_message: string };

async function listNamespaces(tpuf: Turbopuffer, params: Record<string, unknown>, prefix: string) {
  const query = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? value.replaceAll('{prefix}', prefix) : value]),
  ) as NonNullable<T.ListNamespacesData['query']>;
  const ids: { id: string }[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await tpuf.namespaces({ ...query, ...(cursor === undefined ? {} : { cursor }) });
    ids.push(...page.namespaces.map((summary) => ({ id: summary.id })));
    cursor = page.next_cursor;
    if (cursor === undefined) return { namespaces: ids };
  }
}

async function call(tpuf: Turbopuffer, ns: Namespace, step: Step, prefix: string): Promise<unknown> {
  const body = step.body as never;
  switch (step.operation) {
    case 'write':
      return await ns.write(body);
    case 'query':
      if (step.body !== null && typeof step.body === 'object' && 'queries' in step.body) return await ns.multiQuery(body);
      return await ns.query(body);
    case 'explainQuery':
      return await ns.explainQuery(body);
    case 'getSchema':
      return await ns.schema();
    case 'updateSchema':
      return await ns.updateSchema(body);
    case 'getMetadata':
      return await ns.metadata();
    case 'hintCacheWarm':
      return await ns.hintCacheWarm();
    case 'deleteNamespace':
      return await ns.deleteAll();
    case 'listNamespaces':
      return await listNamespaces(tpuf, step.params, prefix);
    default:
      throw new Error(`the TypeScript scenario runner has no call for operation ${step.operation}`);
  }
}

function errorMessage(error: APIStatusError): string {
  const body = error.body;
  if (body !== null && typeof body === 'object' && 'error' in body && typeof body.error === 'string') return body.error;
  return String(body);
}

async function main(): Promise<void> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const input = JSON.parse(text) as Input;
  const tpuf = new Turbopuffer({ baseUrl: input.baseUrl, apiKey: input.apiKey, maxRetries: 0, compression: false });
  const ns = tpuf.namespace(input.namespace);
  const outcomes: Outcome[] = [];
  for (const step of input.steps) {
    try {
      outcomes.push({ value: await call(tpuf, ns, step, input.prefix) });
    } catch (error) {
      if (!(error instanceof APIStatusError)) throw error;
      outcomes.push({ error_status: error.status, error_message: errorMessage(error) });
    }
  }
  process.stdout.write(JSON.stringify(outcomes));
}

await main();
