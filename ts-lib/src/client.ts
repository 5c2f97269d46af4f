// The public entry point: `new Turbopuffer({ apiKey, baseUrl })` and its namespace handle,
// `tpuf.namespace('docs')`, whose methods send one generated SDK call each through the transport.

import { createClient, type Client } from './gen/client/index.js';
import * as sdk from './gen/sdk.gen.js';
import type * as T from './gen/types.gen.js';
import { createTransport, type TransportOptions } from './transport.js';

export interface TurbopufferOptions extends TransportOptions {
  /** The API key (default: the TURBOPUFFER_API_KEY environment variable). */
  apiKey?: string;
  /**
   * The server, e.g. `https://gcp-us-central1.turbopuffer.com` or a local emulator's URL
   * (default: the TURBOPUFFER_BASE_URL environment variable).
   */
  baseUrl?: string;
}

export class Turbopuffer {
  readonly client: Client;

  constructor(options: TurbopufferOptions = {}) {
    const apiKey = options.apiKey ?? globalThis.process?.env?.TURBOPUFFER_API_KEY;
    if (apiKey === undefined || apiKey === '') {
      throw new Error('an API key is required: pass apiKey or set TURBOPUFFER_API_KEY');
    }
    const baseUrl = options.baseUrl ?? globalThis.process?.env?.TURBOPUFFER_BASE_URL;
    if (baseUrl === undefined || baseUrl === '') {
      throw new Error('a server is required: pass baseUrl or set TURBOPUFFER_BASE_URL');
    }
    this.client = createClient({
      baseUrl: baseUrl.replace(/\/+$/, ''),
      auth: apiKey,
      fetch: createTransport(options),
      throwOnError: true,
    });
  }

  namespace(name: T.NamespaceName): Namespace {
    return new Namespace(this.client, name);
  }

  /** One page of namespaces (pass `cursor` from the previous page's `next_cursor`). */
  async namespaces(query: T.ListNamespacesData['query'] = {}): Promise<T.ListNamespacesResult> {
    return (await sdk.listNamespaces({ client: this.client, query, throwOnError: true })).data;
  }
}

/** A handle on one namespace: nothing is sent until a method is called. */
export class Namespace {
  constructor(
    private readonly client: Client,
    readonly name: T.NamespaceName,
  ) {}

  private get path(): { namespace: T.NamespaceName } {
    return { namespace: this.name };
  }

  async write(body: T.WriteRequest): Promise<T.WriteResponse> {
    return (await sdk.write({ client: this.client, path: this.path, body, throwOnError: true })).data;
  }

  async query(body: T.QueryRequest): Promise<T.QueryResult> {
    const { data } = await sdk.query({ client: this.client, path: this.path, body, throwOnError: true });
    return data as T.QueryResult;
  }

  async multiQuery(body: T.MultiQueryRequest): Promise<T.MultiQueryResult> {
    return (await sdk.multiQuery({ client: this.client, path: this.path, body, throwOnError: true })).data;
  }

  async explainQuery(body: T.QueryRequest): Promise<T.ExplainQueryResult> {
    return (await sdk.explainQuery({ client: this.client, path: this.path, body, throwOnError: true })).data;
  }

  async schema(): Promise<T.NamespaceSchema> {
    return (await sdk.getSchema({ client: this.client, path: this.path, throwOnError: true })).data;
  }

  async updateSchema(body: T.SchemaUpdate): Promise<T.NamespaceSchema> {
    return (await sdk.updateSchema({ client: this.client, path: this.path, body, throwOnError: true })).data;
  }

  async metadata(): Promise<T.NamespaceMetadata> {
    return (await sdk.getMetadata({ client: this.client, path: this.path, throwOnError: true })).data;
  }

  async hintCacheWarm(): Promise<T.HintCacheWarmResult> {
    return (await sdk.hintCacheWarm({ client: this.client, path: this.path, throwOnError: true })).data;
  }

  async deleteAll(): Promise<T.DeleteNamespaceResult> {
    return (await sdk.deleteNamespace({ client: this.client, path: this.path, throwOnError: true })).data;
  }
}
