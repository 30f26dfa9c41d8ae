import { EventEmitter } from 'node:events';
import type { TransportEvents } from './transport.js';

/** The typed event half of a Transport, shared by both implementations. */
export class TransportEmitter {
  readonly #events = new EventEmitter();

  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void {
    this.#events.on(event, listener);
  }

  off<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void {
    this.#events.off(event, listener);
  }

  protected emit<E extends keyof TransportEvents>(event: E, ...args: Parameters<TransportEvents[E]>): void {
    this.#events.emit(event, ...args);
  }
}
