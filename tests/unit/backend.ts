/** Test helper: the tfjs backends that run in Node, selected per test file. */
export { useNodeBackend, type NodeBackendName } from '../../src/node/backend';
export const NODE_BACKENDS = ['cpu', 'wasm'] as const;
