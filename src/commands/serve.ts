import { createTollgate } from '../app/tollgate.js';
import { loadSettings } from '../config/settings.js';
import { write } from './output.js';

/** `tollgate serve`: both listeners, until a signal stops them. */
export async function serve(): Promise<void> {
  const tollgate = await createTollgate(loadSettings());
  // Printed before listening: if a port is taken, the one-time key must not be lost with the error.
  if (tollgate.bootstrap?.mintedToken) {
    write(
      `\nFirst API key (operator, account "default"). It is shown only this once; store it now:\n\n  ${tollgate.bootstrap.mintedToken}\n\n`,
    );
  }
  const { gatewayUrl, adminUrl } = await tollgate.listen();
  const { logger } = tollgate.services;
  logger.info({ gatewayUrl, adminUrl }, 'tollgate is listening');
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    tollgate.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
