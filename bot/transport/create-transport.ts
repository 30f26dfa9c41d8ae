import type { Config } from '../../domain/platform/config.js';
import type { Logger } from '../../domain/platform/logger.js';
import { RemoteSimulatorTransport } from './simulator/remote-simulator-transport.js';
import { SimulatorTransport } from './simulator/simulator-transport.js';
import type { Transport } from './transport.js';
import type { LastStoredAt } from './whatsapp/catch-up.js';

export interface TransportDeps {
  /** When a chat's newest stored customer message was sent: where WhatsApp's catch-up after a reconnect resumes. */
  lastStoredAt: LastStoredAt;
}

/** The transport the configuration asks for; whatsapp-web.js (and puppeteer) load only when used. */
export async function createTransport(config: Config, log: Logger, deps: TransportDeps): Promise<Transport> {
  if (config.transport === 'simulator') {
    return config.waSimUrl
      ? new RemoteSimulatorTransport({ url: config.waSimUrl, log })
      : new SimulatorTransport();
  }
  const { createWhatsAppTransport } = await import('./whatsapp/whatsapp-transport.js');
  return createWhatsAppTransport({ config, log, lastStoredAt: deps.lastStoredAt });
}
