/**
 * The Node.js (V8) flags every api process is started with. `npm start` (package.json), the command in
 * docs/operations.md and the benchmark's startApi (test/bench/api.ts) all use exactly these;
 * node-flags.spec.ts holds package.json and the docs to this list.
 *
 * --optimize-for-size: V8 sizes its young generation from the machine's memory — on a 24 GB machine
 * it grew to 128 MB under ten concurrent case reads, while the live heap after a full GC stayed at
 * ~55 MB — and lets the old generation grow to two or three times its live size before collecting.
 * With this flag the young generation stays at 2 MB and the old one close to its live size: RSS
 * under load fell from 225–350 MB to 130–150 MB at 100 000 children (test/bench/findings.md, "RSS").
 * A V8 heap flag: it must be on the command line (main.ts runs after the heap is set up, and Node
 * refuses it in NODE_OPTIONS).
 */
export const API_NODE_FLAGS: readonly string[] = ['--optimize-for-size'];
