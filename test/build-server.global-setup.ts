/**
 * Vitest global setup: builds the server into dist/ before any test runs, so that the tests that
 * start Tollgate as a process (bin/tollgate.js) run the compiled output of the sources under test,
 * never a stale build (esbuild takes a second or two); and decides once which external services
 * the run uses (test/helpers/test-services.ts), saying what it skips at the start and the end.
 */
import type { TestProject } from 'vitest/node';
import { buildServer } from '../scripts/build-server.js';
import { chooseTestServices, type TestServices } from './helpers/test-services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testServices: TestServices;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const [services] = await Promise.all([chooseTestServices(), buildServer()]);
  project.provide('testServices', services);
  const report = () => {
    for (const line of services.skipped) process.stdout.write(`\n[tollgate tests] ${line}\n`);
  };
  report();
  return report;
}
