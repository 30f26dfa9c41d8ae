import { createServer, type Socket } from 'node:net';
import { runCommand } from './commands.js';
import { Cursors } from './cursors.js';
import { Store } from './store.js';
import { decodeMessage, encodeReply, MessageFramer } from './wire.js';

/** Where to listen; port 0 or none picks a free port. */
export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Receives protocol violations and emulator bugs; defaults to stderr. */
  log?: (message: string) => void;
}

/** A running emulator. */
export interface RunningEmulator {
  uri: string;
  port: number;
  /** Destroys open client sockets and stops listening. */
  close(): Promise<void>;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Starts an in-memory MongoDB wire-compatible server for tests and local development. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((message: string) => process.stderr.write(`mongo-emulator: ${message}\n`));
  const store = new Store();
  const cursors = new Cursors();
  const sockets = new Set<Socket>();
  let connections = 0;

  const serve = (socket: Socket) => {
    const connectionId = ++connections;
    const framer = new MessageFramer();
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    // Clients reset connections routinely (pool shutdown, killed tests); the socket is closed either way.
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const message of framer.push(chunk)) {
          const request = decodeMessage(message);
          const reply = runCommand(request.body, { store, cursors, connectionId }, (error) =>
            log(describe(error)),
          );
          if (!request.moreToCome) socket.write(encodeReply(request, reply));
        }
      } catch (error) {
        // A framing or decoding error leaves the stream unusable; mongod closes the connection too.
        log(`closing connection ${connectionId}: ${describe(error)}`);
        socket.destroy();
      }
    });
  };

  const server = createServer(serve);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('emulator is not listening on TCP');
  const uriHost = host.includes(':') ? `[${host}]` : host;
  return {
    uri: `mongodb://${uriHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
