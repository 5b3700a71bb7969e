/**
 * The oldest Node.js major the app runs on. `npm start` runs it on the Node.js 24 LTS that the
 * `node` package installs into node_modules/.bin; a bare `node dist/…` on an older machine Node
 * would fail later and less clearly (pg-boss 12 and nestjs-pino 5 need 22).
 *
 * This file imports nothing, so the apps can load it (node-guard.ts) before any dependency.
 */
export const MINIMUM_NODE_MAJOR = 22;

/** One line to stop with, or undefined when this Node is new enough. */
export function unsupportedNodeMessage(version: string): string | undefined {
  const major = Number(/^v?(\d+)/.exec(version)?.[1]);
  if (major >= MINIMUM_NODE_MAJOR) return undefined;
  return `Qoldau needs Node.js ${MINIMUM_NODE_MAJOR} or newer, not ${version}: start it with npm (npm start, npm run start:worker), which runs the Node.js 24 LTS the project installs`;
}

/** Stops the process with one line on an old Node. */
export function requireSupportedNode(): void {
  const message = unsupportedNodeMessage(process.version);
  if (message) {
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}

export function nodeVersionLine(app: string): string {
  return `Qoldau ${app} on Node.js ${process.version}\n`;
}
