import type { Config } from '../../domain/platform/config.js';
import type { Logger } from '../../domain/platform/logger.js';
import { SimulatorTransport } from './simulator/simulator-transport.js';
import type { Transport } from './transport.js';

/** The transport the configuration asks for; whatsapp-web.js (and puppeteer) load only when used. */
export async function createTransport(config: Config, log: Logger): Promise<Transport> {
  if (config.transport === 'simulator') return new SimulatorTransport();
  const { createWhatsAppTransport } = await import('./whatsapp/whatsapp-transport.js');
  return createWhatsAppTransport({ config, log });
}
