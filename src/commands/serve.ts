import { boundHeapGrowth } from '../app/heap-growth.js';
import { createTollgate } from '../app/tollgate.js';
import { loadSettings } from '../config/settings.js';
import { describeError } from '../observability/logger.js';
import { warmTokenizer } from '../providers/translate/estimate-tokens.js';
import { write } from './output.js';

/** Exit codes of a process ended by a signal it did not handle: 128 + the signal's number. */
const signalExitCodes: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * `tollgate serve`: both listeners, until SIGTERM or SIGINT. The first signal stops gracefully
 * (Tollgate.close: in flight work finishes within the grace period, usage is written, leases go
 * back), then exits 0; a second signal exits at once.
 */
export async function serve(): Promise<void> {
  const settings = loadSettings();
  boundHeapGrowth(settings.heapGrowthPercent);
  const tollgate = await createTollgate(settings);
  // Printed before listening: if a port is taken, the one-time key must not be lost with the error.
  if (tollgate.bootstrap?.mintedToken) {
    write(
      `\nFirst API key (operator, account "default"). It is shown only this once; store it now:\n\n  ${tollgate.bootstrap.mintedToken}\n\n`,
    );
  }
  const { logger } = tollgate.services;
  // Before listening: loading it blocks the event loop (~0.2 s), and on first use that stall fell
  // on every request in flight at the first estimate, typically when a client hung up under load.
  const tokenizerStarted = performance.now();
  warmTokenizer();
  logger.info({ ms: Math.round(performance.now() - tokenizerStarted) }, 'tokenizer loaded');
  const { gatewayUrl, adminUrl } = await tollgate.listen();
  logger.info({ gatewayUrl, adminUrl }, 'tollgate is listening');
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now, without finishing the graceful stop');
      process.exit(signalExitCodes[signal] ?? 1);
    }
    closing = true;
    logger.info({ signal, graceMs: settings.shutdownGraceMs }, 'shutting down');
    const started = performance.now();
    tollgate.close().then(
      () => {
        logger.info({ ms: Math.round(performance.now() - started) }, 'stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: describeError(error) }, 'graceful stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGHUP', () => {
    logger.info({ signal: 'SIGHUP' }, 'reloading the catalog');
    tollgate.reloadCatalog();
  });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
