// turbopuffer-openapi-client: a TypeScript client generated from spec/turbopuffer.yaml.

export { Turbopuffer, Namespace, type TurbopufferOptions } from './client.js';
export * from './errors.js';
export {
  createTransport,
  retryAfterSeconds,
  shouldRetryStatus,
  COMPRESSION_THRESHOLD_BYTES,
  type TransportOptions,
} from './transport.js';
export * as lang from './lang.js';
export type * from './gen/types.gen.js';
export * as sdk from './gen/sdk.gen.js';
