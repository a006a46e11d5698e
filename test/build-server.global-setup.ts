/**
 * Vitest global setup: builds the server into dist/ before any test runs, so that the tests that
 * start Tollgate as a process (bin/tollgate.js) run the compiled output of the sources under test,
 * never a stale build. esbuild takes a second or two.
 */
import { buildServer } from '../scripts/build-server.js';

export default async function setup(): Promise<void> {
  await buildServer();
}
