import { deserialize, serialize } from 'bson';
import { type Doc, fromWire, isPlainObject } from './values.js';

// MongoDB wire protocol: a 16-byte header (length, requestID, responseTo, opCode), then the body.
// The driver opens with a legacy OP_QUERY `ismaster` and uses OP_MSG for everything after it.

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
const HEADER_SIZE = 16;
/** mongod's `maxMessageSizeBytes`, advertised in hello. */
export const MAX_MESSAGE_SIZE = 48_000_000;

/** A decoded request: the command body with `$db` set, and how to answer it. */
export interface WireRequest {
  readonly requestId: number;
  readonly opCode: typeof OP_QUERY | typeof OP_MSG;
  readonly body: Doc;
  /** OP_MSG moreToCome: the client expects no reply (unacknowledged write). */
  readonly moreToCome: boolean;
}

/** Reassembles whole messages from TCP chunks (a message may span chunks; a chunk may hold several). */
export class MessageFramer {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: Buffer[] = [];
    while (this.pending.length >= 4) {
      const length = this.pending.readInt32LE(0);
      if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE)
        throw new Error(`invalid message length ${length}`);
      if (this.pending.length < length) break;
      messages.push(this.pending.subarray(0, length));
      this.pending = this.pending.subarray(length);
    }
    return messages;
  }
}

function decodeDocument(bytes: Buffer): Doc {
  // promoteValues: false keeps Int32 and Double apart; fromWire keeps only what needs wrapping.
  return fromWire(deserialize(bytes, { promoteValues: false, promoteBuffers: false })) as Doc;
}

function readCString(message: Buffer, at: number): [string, number] {
  const end = message.indexOf(0, at);
  if (end < 0) throw new Error('unterminated cstring');
  return [message.toString('utf8', at, end), end + 1];
}

function decodeMsg(message: Buffer, requestId: number): WireRequest {
  const flags = message.readUInt32LE(HEADER_SIZE);
  const end = flags & CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let at = HEADER_SIZE + 4;
  let body: Doc | undefined;
  const sequences: Doc = {};
  while (at < end) {
    const kind = message[at];
    at += 1;
    const size = message.readInt32LE(at);
    if (kind === 0) {
      body = decodeDocument(message.subarray(at, at + size));
    } else if (kind === 1) {
      // Document sequence: size, identifier, then documents up to the end of the section.
      const [identifier, docsAt] = readCString(message, at + 4);
      const docs: Doc[] = [];
      for (let doc = docsAt; doc < at + size; doc += message.readInt32LE(doc)) {
        docs.push(decodeDocument(message.subarray(doc, doc + message.readInt32LE(doc))));
      }
      sequences[identifier] = docs;
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
    at += size;
  }
  if (!body) throw new Error('OP_MSG without a body section');
  return {
    requestId,
    opCode: OP_MSG,
    body: { ...body, ...sequences },
    moreToCome: (flags & MORE_TO_COME) !== 0,
  };
}

function decodeQuery(message: Buffer, requestId: number): WireRequest {
  const [namespace, next] = readCString(message, HEADER_SIZE + 4);
  const docAt = next + 8; // numberToSkip, numberToReturn
  const query = decodeDocument(message.subarray(docAt, docAt + message.readInt32LE(docAt)));
  // Legacy clients may wrap the command as {$query: {...}, $readPreference: ...}.
  const command = isPlainObject(query.$query) ? query.$query : query;
  const db = namespace.slice(0, namespace.indexOf('.'));
  return { requestId, opCode: OP_QUERY, body: { ...command, $db: db }, moreToCome: false };
}

/** Decodes one complete message; throws on opcodes the emulator does not speak (e.g. compression). */
export function decodeMessage(message: Buffer): WireRequest {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) return decodeMsg(message, requestId);
  if (opCode === OP_QUERY) return decodeQuery(message, requestId);
  throw new Error(`unsupported opCode ${opCode}`);
}

let nextRequestId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const buffer = Buffer.alloc(HEADER_SIZE);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  buffer.writeInt32LE(responseTo, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

/** Encodes the reply to a request, in the same protocol the request used. */
export function encodeReply(request: WireRequest, reply: Doc): Buffer {
  const bson = serialize(reply, { ignoreUndefined: true });
  if (request.opCode === OP_MSG) {
    const prefix = Buffer.alloc(5); // flagBits = 0, section kind 0
    return Buffer.concat([header(HEADER_SIZE + 5 + bson.length, request.requestId, OP_MSG), prefix, bson]);
  }
  // OP_REPLY: responseFlags, cursorID (int64), startingFrom, numberReturned = 1.
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(1, 16);
  return Buffer.concat([header(HEADER_SIZE + 20 + bson.length, request.requestId, OP_REPLY), fields, bson]);
}
