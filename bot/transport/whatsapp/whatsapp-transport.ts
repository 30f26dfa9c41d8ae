import path from 'node:path';
import qrcode from 'qrcode-terminal';
import wweb from 'whatsapp-web.js';
import { z } from 'zod';
import type { Config } from '../../../domain/platform/config.js';
import { describeError } from '../../../domain/platform/errors.js';
import type { Logger } from '../../../domain/platform/logger.js';
import { TransportEmitter } from '../events.js';
import type {
  ConnectionState,
  InboundMessage,
  MediaFile,
  SendOptions,
  Sent,
  Transport,
} from '../transport.js';
import { type Backoff, DEFAULT_BACKOFF, formatDelay, nextDelay } from './backoff.js';
import { type LastStoredAt, missedMessages, needsCatchUp } from './catch-up.js';
import { isIgnoredMessage, mapAck, mapMessage } from './map-message.js';

// whatsapp-web.js is CommonJS: only `Client` is a named ESM export, the rest hangs off the default.
const { Client, LocalAuth, MessageMedia } = wweb;
type Client = wweb.Client;

export interface WhatsAppTransportDeps {
  config: Pick<Config, 'dataDir' | 'chromiumPath'>;
  log: Logger;
  backoff?: Backoff;
  /** Builds the library's client; tests pass one that never launches Chromium. */
  createClient?: (options: wweb.ClientOptions) => Client;
  /** Shows the login QR code to the operator; qrcode-terminal on stdout by default. */
  printQr?: (qr: string) => void;
  random?: () => number;
  /**
   * When a chat's newest stored customer message was sent, so the catch-up after a (re)connect fetches
   * only what came later. Without it every fetched unread message is passed on (the inbox dedupes).
   */
  lastStoredAt?: LastStoredAt;
}

/** The real WhatsApp session: whatsapp-web.js driving the system Chromium. Nothing starts until start(). */
export function createWhatsAppTransport(deps: WhatsAppTransportDeps): Transport {
  return new WhatsAppTransport(deps);
}

/**
 * WhatsApp Web's JavaScript heap limit. Unbounded, one renderer can grow until the kernel's OOM killer
 * picks a victim on a 1–2 GB VPS (possibly MongoDB); bounded, the tab crashes and we reconnect.
 */
const RENDERER_HEAP_MB = 512;

/** How long stop() waits for a start-up in progress to settle before closing Chromium regardless. */
const SETTLE_TIMEOUT_MS = 10_000;

/**
 * Chromium flags for a small VPS. Puppeteer already passes several of them; they are repeated so the
 * list we rely on does not change under us with a puppeteer upgrade.
 */
export function chromiumArgs(runningAsRoot: boolean): string[] {
  return [
    // Chromium refuses to start as root with its sandbox on; as an ordinary user the sandbox stays.
    ...(runningAsRoot ? ['--no-sandbox'] : []),
    // Containers and small VPS images often have a 64 MB /dev/shm; shared memory then goes to /tmp.
    '--disable-dev-shm-usage',
    // No GPU on a VPS: skip probing for one.
    '--disable-gpu',
    // Nothing to load, and each extension would be one more process.
    '--disable-extensions',
    '--no-first-run',
    // No background fetches, component updates or sync traffic to Google.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Voice notes are downloaded, never played.
    '--mute-audio',
    `--js-flags=--max-old-space-size=${RENDERER_HEAP_MB}`,
    // Not --no-zygote: Chromium refuses it unless the sandbox is off, and measured here it costs memory
    // (renderers stop sharing the zygote's pages). Not --single-process: unsupported and crash-prone.
  ];
}

/** Evaluated in WhatsApp Web once ready: the account's phone and @lid ids, to recognise quotes of our messages. */
const OWN_IDS_SCRIPT = `(() => {
  const me = window.require('WAWebUserPrefsMeUser');
  return [me.getMaybeMePnUser(), me.getMaybeMeLidUser()].filter(Boolean).map((wid) => wid._serialized);
})()`;

/**
 * One line for the log: puppeteer's network errors shortened to their code ("net::ERR_NAME_NOT_RESOLVED"),
 * anything else to its first line. The library also rejects with bare strings ("auth timeout").
 */
export function describeFailure(error: unknown): string {
  const text = describeError(error);
  const networkError = /net::ERR_[A-Z_]+/.exec(text);
  if (networkError) return networkError[0];
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? 'unknown error';
  return firstLine.trim().slice(0, 200);
}

/** The log line for a failed start-up, naming what the operator can act on. */
export function describeStartFailure(error: unknown): string {
  const reason = describeFailure(error);
  if (reason.startsWith('net::')) return `WhatsApp unreachable (${reason})`;
  if (reason.includes('executablePath')) return `Chromium not found (${reason}; check CHROMIUM_PATH)`;
  return `WhatsApp could not start (${reason})`;
}

class WhatsAppTransport extends TransportEmitter implements Transport {
  readonly kind = 'whatsapp' as const;
  readonly #log: Logger;
  readonly #options: () => wweb.ClientOptions;
  readonly #createClient: (options: wweb.ClientOptions) => Client;
  readonly #printQr: (qr: string) => void;
  readonly #backoff: Backoff;
  readonly #random: () => number;
  readonly #lastStoredAt: LastStoredAt;

  #running = false;
  #state: ConnectionState = 'stopped';
  /** The client in use; undefined while waiting to retry and once stopped. */
  #client: Client | undefined;
  /** The current client's initialize(), settled (never rejects); stop() waits for it. */
  #starting: Promise<void> | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  /** Failures since the last `ready`, for the backoff. */
  #failures = 0;
  #ownIds: ReadonlySet<string> = new Set();
  /** Chromium shutdowns still in progress; stop() waits for all of them. */
  readonly #closing = new Set<Promise<void>>();
  #stopping: Promise<void> | undefined;

  constructor(deps: WhatsAppTransportDeps) {
    super();
    this.#log = deps.log;
    this.#backoff = deps.backoff ?? DEFAULT_BACKOFF;
    this.#random = deps.random ?? Math.random;
    this.#lastStoredAt = deps.lastStoredAt ?? (async () => null);
    this.#createClient = deps.createClient ?? ((options) => new Client(options));
    this.#printQr =
      deps.printQr ??
      ((qr) => qrcode.generate(qr, { small: true }, (art) => process.stdout.write(`${art}\n`)));
    const { dataDir, chromiumPath } = deps.config;
    // A function, because the library stores and mutates the options (LocalAuth adds userDataDir).
    this.#options = () => ({
      authStrategy: new LocalAuth({ dataPath: path.join(dataDir, 'whatsapp-session') }),
      // The library caches WhatsApp Web's index.html; keep it in the data directory, not the cwd.
      webVersionCache: { type: 'local', path: path.join(dataDir, 'whatsapp-web-cache') },
      puppeteer: {
        executablePath: chromiumPath,
        headless: true,
        args: chromiumArgs(process.getuid?.() === 0),
      },
    });
  }

  async start(): Promise<void> {
    // Only wait when a stop is in progress: a stop() called right after start() must find the client.
    if (this.#stopping) await this.#stopping;
    if (this.#running) return;
    this.#running = true;
    this.#failures = 0;
    this.#setState('starting');
    await this.#connect();
  }

  /** Cancel any retry and close Chromium. Safe to call twice, or while a start or a retry is pending. */
  async stop(): Promise<void> {
    this.#stopping ??= this.#shutdown().finally(() => {
      this.#stopping = undefined;
    });
    await this.#stopping;
  }

  async sendText(chatId: string, text: string, options: SendOptions = {}): Promise<Sent> {
    return this.#send(
      chatId,
      text,
      options.quotedMessageId ? { quotedMessageId: options.quotedMessageId } : {},
    );
  }

  async sendMedia(
    chatId: string,
    media: MediaFile,
    options: SendOptions & { caption?: string } = {},
  ): Promise<Sent> {
    const file = new MessageMedia(media.mimetype, media.data.toString('base64'), media.filename ?? null);
    return this.#send(chatId, file, {
      ...(options.caption && { caption: options.caption }),
      ...(options.quotedMessageId && { quotedMessageId: options.quotedMessageId }),
    });
  }

  async downloadMedia(messageId: string): Promise<MediaFile | undefined> {
    // The typings promise a Message, but the library returns null for an id WhatsApp Web no longer has.
    const message: wweb.Message | null = await this.#readyClient().getMessageById(messageId);
    if (!message) return undefined;
    const media: wweb.MessageMedia | undefined = await message.downloadMedia();
    if (!media) return undefined;
    return {
      mimetype: media.mimetype,
      data: Buffer.from(media.data, 'base64'),
      ...(media.filename && { filename: media.filename }),
    };
  }

  async #send(chatId: string, content: wweb.MessageContent, options: wweb.MessageSendOptions): Promise<Sent> {
    // Typed as Message, but null when the library refuses the content for that chat (status, channels).
    const sent: wweb.Message | null = await this.#readyClient().sendMessage(chatId, content, options);
    if (!sent) throw new Error(`WhatsApp refused to send this message to ${chatId}`);
    return { id: sent.id._serialized };
  }

  /** The client, when WhatsApp Web can send; otherwise an error the outbox retries later. */
  #readyClient(): Client {
    if (this.#state !== 'ready' || !this.#client) throw new Error(`WhatsApp is not ready (${this.#state})`);
    return this.#client;
  }

  #setState(state: ConnectionState, detail?: string): void {
    this.#state = state;
    this.emit('state', { state, ...(detail && { detail }) });
  }

  /** One attempt: a fresh client (the library's is not reusable once destroyed) and initialize(). */
  async #connect(): Promise<void> {
    this.#retryTimer = undefined;
    if (!this.#running) return;
    let client: Client;
    try {
      client = this.#createClient(this.#options());
    } catch (error) {
      // Same treatment as a failed start: one log line, then retry (e.g. a data directory not yet mounted).
      this.#fail(undefined, describeStartFailure(error));
      return;
    }
    this.#client = client;
    this.#listen(client);
    const starting = client.initialize().then(
      () => this.#watchBrowser(client),
      // Offline this rejects within seconds (net::ERR_NAME_NOT_RESOLVED); it becomes a retry.
      (error: unknown) => this.#fail(client, describeStartFailure(error)),
    );
    this.#starting = starting;
    await starting;
    if (this.#starting === starting) this.#starting = undefined;
  }

  #listen(client: Client): void {
    client.on('qr', (qr) => {
      this.#printQr(qr);
      // WhatsApp Web renews the code every ~20 s: reprint it, but say what to do only once.
      if (this.#state !== 'qr') {
        this.#log.info(
          "WhatsApp needs linking: scan the QR code with the shop's phone (WhatsApp › Linked devices)",
        );
      }
      this.#setState('qr');
      this.emit('qr', qr);
    });
    client.on('authenticated', () => {
      this.#log.info('WhatsApp session authenticated; loading chats');
      this.#setState('authenticated');
    });
    client.on('ready', () => {
      this.#failures = 0;
      const ownId = client.info?.wid?._serialized;
      this.#ownIds = new Set(ownId ? [ownId] : []);
      // Own ids first: a caught-up customer message quoting the shop maps like a live one.
      void this.#learnOwnIds(client)
        .then(() => this.#catchUp(client))
        // A bug in the catch-up must not become an unhandled rejection that ends the process.
        .catch((error: unknown) =>
          this.#log.error({ err: error }, `WhatsApp catch-up failed (${describeFailure(error)})`),
        );
      this.#log.info({ ownId: ownId ?? 'unknown' }, 'WhatsApp ready');
      this.#setState('ready');
    });
    client.on('auth_failure', (message) => {
      this.#log.error('WhatsApp login failed: scan the QR code again');
      this.#setState('auth_failure', message);
    });
    client.on('disconnected', (reason) => {
      if (reason === 'LOGOUT') {
        // The library wipes the session and reloads WhatsApp Web in the same browser, which shows a new QR.
        this.#log.warn('WhatsApp was logged out from the phone: scan the new QR code to link it again');
        this.#setState('logged_out', reason);
        return;
      }
      this.#fail(client, `WhatsApp disconnected (${reason})`);
    });
    client.on('message', (message) => this.#deliver('message', message));
    client.on('message_create', (message) => {
      // Others' messages arrive here too, and again on 'message'; only the device's own are news here.
      if (message.fromMe) this.#deliver('ownMessage', message);
    });
    client.on('message_ack', (message, ack) => {
      // Only our own messages have a delivery state the outbox tracks; one without an id names none.
      const messageId: unknown = message.id?._serialized;
      if (message.fromMe && typeof messageId === 'string' && messageId !== '')
        this.emit('ack', { messageId, state: mapAck(ack) });
    });
  }

  /** Map and emit one library message; false when it was dropped (not a message, or unreadable). */
  #deliver(event: 'message' | 'ownMessage', message: wweb.Message): boolean {
    if (isIgnoredMessage(message)) return false;
    let inbound: InboundMessage;
    try {
      inbound = mapMessage(message, { ownIds: this.#ownIds });
    } catch (error) {
      // A payload WhatsApp Web shaped unexpectedly costs that one message, logged, not the session.
      this.#log.error(
        { err: error, messageId: message.id?._serialized },
        'Could not read a WhatsApp message',
      );
      return false;
    }
    this.emit(event, inbound);
    return true;
  }

  /**
   * After every `ready`: customer messages that arrived while we were away, from chats with unread
   * messages, emitted as live ones, oldest first per chat. Never throws; one chat failing costs that chat.
   */
  async #catchUp(client: Client): Promise<void> {
    let chats: wweb.Chat[];
    try {
      chats = await client.getChats();
    } catch (error) {
      if (client === this.#client)
        this.#log.warn(`WhatsApp catch-up skipped: could not list chats (${describeFailure(error)})`);
      return;
    }
    let caughtChats = 0;
    let caughtMessages = 0;
    for (const chat of chats) {
      if (!needsCatchUp(chat)) continue;
      const chatId = chat.id._serialized;
      let missed: wweb.Message[];
      try {
        missed = await missedMessages(chat, this.#lastStoredAt);
      } catch (error) {
        this.#log.warn(
          { chatId, err: error },
          `WhatsApp catch-up failed for one chat (${describeFailure(error)})`,
        );
        continue;
      }
      // A client replaced meanwhile has its own catch-up on its own `ready`.
      if (client !== this.#client) return;
      let delivered = 0;
      for (const message of missed) if (this.#deliver('message', message)) delivered += 1;
      if (delivered > 0) caughtChats += 1;
      caughtMessages += delivered;
    }
    if (client !== this.#client) return;
    this.#log.info(
      { chats: caughtChats, messages: caughtMessages },
      `WhatsApp catch-up: ${caughtMessages} messages from ${caughtChats} chats`,
    );
  }

  /** After a successful start, a Chromium that dies (OOM killer, tab crash) is a disconnect like any other. */
  #watchBrowser(client: Client): void {
    if (client !== this.#client) return;
    const browser = client.pupBrowser;
    if (!browser) return;
    if (!browser.connected) {
      // The library closes its browser itself after an auth failure it does not retry.
      this.#fail(client, 'WhatsApp stopped during start-up (Chromium closed)');
      return;
    }
    browser.once('disconnected', () => this.#fail(client, 'WhatsApp lost its browser (Chromium exited)'));
    client.pupPage?.once('error', (error) =>
      this.#fail(client, `WhatsApp Web crashed (${describeFailure(error)})`),
    );
  }

  /** Add the account's @lid id to its phone id, so replies quoting the shop map with fromMe true. */
  async #learnOwnIds(client: Client): Promise<void> {
    const page = client.pupPage;
    if (!page) return;
    let answer: unknown;
    try {
      answer = await page.evaluate(OWN_IDS_SCRIPT);
    } catch (error) {
      // Not fatal: only quotes of the shop's messages through its @lid id would map with fromMe false.
      this.#log.warn(`Could not read the account's own WhatsApp ids (${describeFailure(error)})`);
      return;
    }
    const ids = z.array(z.string()).safeParse(answer);
    if (!ids.success) {
      this.#log.warn("Could not read the account's own WhatsApp ids (unexpected answer from WhatsApp Web)");
      return;
    }
    if (client === this.#client) this.#ownIds = new Set([...this.#ownIds, ...ids.data]);
  }

  /**
   * The current client failed: log one line, close its Chromium, and try again after the backoff delay.
   * Events of a client already replaced or stopped are late echoes of the same failure and are ignored.
   */
  #fail(client: Client | undefined, summary: string): void {
    if (client !== this.#client || !this.#running) return;
    this.#client = undefined;
    const delay = nextDelay(this.#failures, this.#backoff, this.#random);
    this.#failures += 1;
    this.#log.warn(`${summary}; retrying in ${formatDelay(delay)}`);
    this.#setState('disconnected', summary);
    const closed = client ? this.#close(client) : Promise.resolve();
    // Retry only once the old Chromium is gone, so two never run side by side on a small machine.
    void closed.then(() => {
      if (this.#running) this.#retryTimer = setTimeout(() => void this.#connect(), delay);
    });
  }

  /** Close a client's Chromium, whatever state it is in; stop() waits for every close in progress. */
  #close(client: Client): Promise<void> {
    client.removeAllListeners();
    const closing = client
      .destroy()
      // Nothing else can be done with a browser that will not close; say so rather than throw from a retry.
      .catch((error: unknown) =>
        this.#log.warn(`Could not close Chromium cleanly (${describeFailure(error)})`),
      )
      .finally(() => this.#closing.delete(closing));
    this.#closing.add(closing);
    return closing;
  }

  async #shutdown(): Promise<void> {
    if (!this.#running && this.#state === 'stopped') return;
    this.#running = false;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    const client = this.#client;
    this.#client = undefined;
    if (client) {
      // Closing the browser makes a start-up in progress fail fast; but if Chromium was still launching,
      // the library only learns of it afterwards, so close once more when initialize() has settled.
      await this.#close(client);
      await settleWithin(this.#starting, SETTLE_TIMEOUT_MS);
      await this.#close(client);
    }
    await Promise.all(this.#closing);
    this.#log.info('WhatsApp stopped');
    this.#setState('stopped');
  }
}

/** Wait for a promise that never rejects, but no longer than `ms`. */
async function settleWithin(promise: Promise<void> | undefined, ms: number): Promise<void> {
  if (!promise) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([promise, timeout]);
  clearTimeout(timer);
}
