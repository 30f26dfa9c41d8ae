import { isUtf8 } from 'node:buffer';
import type { FastifyRequest } from 'fastify';
import { checkMedia } from '../../domain/media/media.rules.js';
import { DomainFailure, failWith } from './errors.js';
import { TEXT_UPLOAD_TYPES, type TextMime, type UploadedFile, type UploadSpec } from './route.js';

/**
 * What any upload request may hold, whatever the route: one file, a few short text fields. The file size
 * limit is each route's `upload.maxBytes`.
 */
export const MULTIPART_LIMITS = {
  files: 1,
  fields: 10,
  parts: 11,
  fieldSize: 4 * 1024,
  fieldNameSize: 100,
  headerPairs: 50,
} as const;

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The multipart plugin's own refusals, by its error codes, as the console's coded failures. */
function translate(error: unknown, spec: UploadSpec): unknown {
  if (error instanceof DomainFailure || !(error instanceof Error)) return error;
  const code = 'code' in error ? error.code : undefined;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new DomainFailure({
        code: 'MEDIA.TOO_LARGE',
        details: `the file is larger than the ${megabytes(spec.maxBytes)} limit`,
        maxBytes: spec.maxBytes,
      });
    case 'FST_FILES_LIMIT':
      return new DomainFailure({ code: 'UPLOAD.TOO_MANY_PARTS', details: 'send one file per request' });
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new DomainFailure({
        code: 'UPLOAD.TOO_MANY_PARTS',
        details: `at most ${MULTIPART_LIMITS.fields} form fields and one file`,
      });
    default:
      // Anything else while reading the form is a body that is not well-formed multipart (cut short,
      // bad boundary, a field named like a prototype property): the client's input, not our bug.
      return new DomainFailure({
        code: 'UPLOAD.INVALID',
        details: `malformed multipart body: ${error.message}`,
      });
  }
}

/**
 * Read a multipart/form-data request: exactly one file, in the route's field, plus text fields. The file is
 * held in memory up to the route's `maxBytes` (a larger one is refused 413 once the limit is passed) and
 * its type is decided by its magic bytes, never by the client's Content-Type or file name; a type not in
 * `accept` is refused 415 naming the accepted ones. Nothing is written anywhere here.
 */
export async function readUpload(
  request: FastifyRequest,
  spec: UploadSpec,
): Promise<{ file: UploadedFile; fields: Record<string, string> }> {
  const field = spec.field ?? 'file';
  const acceptedTypes = [...spec.accept, ...(spec.acceptText ?? [])];
  const accepted = acceptedTypes.join(', ');
  if (!request.isMultipart())
    failWith({
      code: 'UPLOAD.NOT_MULTIPART',
      details: `send the file as multipart/form-data in the field "${field}" (accepted: ${accepted})`,
      accepted: acceptedTypes,
    });

  const fields: Record<string, string> = {};
  let received: { data: Buffer; filename: string; claimedMime: string } | undefined;
  try {
    for await (const part of request.parts({ limits: { ...MULTIPART_LIMITS, fileSize: spec.maxBytes } })) {
      if (part.type === 'file') {
        if (part.fieldname !== field)
          failWith({
            code: 'UPLOAD.INVALID',
            details: `the file goes in the field "${field}", not "${part.fieldname}"`,
            field: part.fieldname,
          });
        received = { data: await part.toBuffer(), filename: part.filename, claimedMime: part.mimetype };
        continue;
      }
      if (part.fieldnameTruncated || part.valueTruncated)
        failWith({
          code: 'UPLOAD.INVALID',
          details: `form field "${part.fieldname}" is longer than ${MULTIPART_LIMITS.fieldSize} bytes`,
          field: part.fieldname,
        });
      if (typeof part.value !== 'string' || Object.hasOwn(fields, part.fieldname))
        failWith({
          code: 'UPLOAD.INVALID',
          details: `form field "${part.fieldname}" must be one text value`,
          field: part.fieldname,
        });
      fields[part.fieldname] = part.value;
    }
  } catch (error) {
    throw translate(error, spec);
  }
  if (!received) return failWith({ code: 'UPLOAD.NO_FILE', details: `no file in the field "${field}"` });

  const text = spec.acceptText?.length ? textUpload(received, spec.acceptText, accepted) : undefined;
  if (text) return { file: text, fields };

  const check = await checkMedia(
    {
      mimetype: received.claimedMime,
      size: received.data.length,
      filename: received.filename,
      head: received.data,
    },
    { maxBytes: spec.maxBytes, accept: [...spec.accept] },
  );
  if (!check.ok)
    return failWith({
      code: check.code,
      details: `${check.details}; accepted: ${accepted}`,
      accepted: acceptedTypes,
    });
  return {
    file: {
      data: received.data,
      mime: check.mime,
      kind: check.kind,
      ...(received.filename && { filename: received.filename }),
      claimedMime: received.claimedMime,
    },
    fields,
  };
}

/**
 * A plain-text upload (CSV, a chat export): taken when the name ends in an accepted text extension and
 * the bytes are UTF-8 without NULs, which no binary format (zip, PDF, image, executable) passes. The
 * magic-byte sniffer is not asked: short text can look like a signature to it ("BM…" is a bitmap).
 * Undefined when the name names no accepted text type, so the magic-byte check decides.
 */
function textUpload(
  received: { data: Buffer; filename: string; claimedMime: string },
  acceptText: readonly TextMime[],
  accepted: string,
): UploadedFile | undefined {
  const extension = received.filename.match(/\.([a-z0-9]+)$/i)?.[1]?.toLowerCase();
  const mime = acceptText.find((type) => TEXT_UPLOAD_TYPES[type] === extension);
  if (!mime) return undefined;
  const { data } = received;
  const notText = (why: string) =>
    failWith({
      code: 'MEDIA.TYPE_MISMATCH',
      details: `"${received.filename}" is named .${extension} but ${why}; accepted: ${accepted}`,
    });
  // Excel's "Unicode text" is UTF-16: say how to save it instead.
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))
    return notText('is UTF-16 text: save it as "CSV UTF-8"');
  if (!isUtf8(data) || data.includes(0)) return notText('is not UTF-8 text (save it as "CSV UTF-8")');
  return { data, mime, kind: 'text', filename: received.filename, claimedMime: received.claimedMime };
}
