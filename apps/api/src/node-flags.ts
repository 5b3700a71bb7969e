/**
 * The Node.js (V8) flags every api process is started with. `npm start` (package.json), the command in
 * docs/operations.md and the benchmark's startApi (test/bench/api.ts) all use exactly these;
 * node-flags.spec.ts holds package.json and the docs to this list.
 *
 * Not a leak: the live heap after a full GC stays at ~55 MB under load. But V8 sizes the young
 * generation from the machine's memory (128 MB under ten concurrent case reads on a 24 GB machine) and
 * lets the old generation grow to two or three times its live size before collecting, so RSS reached
 * 225–350 MB at 100 000 children. `--max-semi-space-size` caps the young generation and
 * `--heap-growing-percent=50` lets the old one grow to 1.5× its live size (with a semi-space of 8 MB:
 * 159–179 MB at 100 000 children), with no CPU cost per request that paired runs could see.
 * `--optimize-for-size` kept RSS lower (131–146 MB) but cost 25–55 % more CPU per request
 * (test/bench/findings.md, "RSS"). At 1 M children RSS under load was still 205–240 MB, and
 * /proc/<pid>/smaps showed why: 60–80 MB of anonymous memory outside the V8 heap, in the malloc arenas
 * of V8's compiler threads (glibc's arena limit and trim thresholds moved it little). Without Maglev,
 * V8's mid-tier compiler (`--no-maglev`), that was 35–40 MB and RSS 188–196 MB on case reads, while
 * TurboFan still optimises the hot code; a whole run then peaked at 209 MB on the national summary, and
 * a semi-space of 4 MB took ~8 MB more off. A growing percentage of 30 was lower still but cost CPU per
 * request. The top-tier compiler's background thread held its own arena the same way (a whole run's peak
 * jumped by ~12 MB when it recompiled the probes' path): `--no-concurrent-recompilation` compiles on the
 * main thread, which reuses its memory; the run's peak fell from 203 to 193 MB with CPU per request
 * within noise. Measured in test/bench/findings.md, "RSS at the national million".
 * V8 heap flags: they must be on the command line (main.ts runs after the heap is set up, and Node
 * refuses them in NODE_OPTIONS); `--heap-growing-percent` is V8's, not a documented Node option, so
 * check it still exists when the pinned Node changes major version (Node exits on an unknown flag).
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=50', '--no-maglev', '--no-concurrent-recompilation'];
