import type { FastifyRequest } from 'fastify';
import { checkMedia } from '../../domain/media/media.rules.js';
import { DomainFailure, failWith } from './errors.js';
import type { UploadedFile, UploadSpec } from './route.js';

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
  const accepted = spec.accept.join(', ');
  if (!request.isMultipart())
    failWith({
      code: 'UPLOAD.NOT_MULTIPART',
      details: `send the file as multipart/form-data in the field "${field}" (accepted: ${accepted})`,
      accepted: spec.accept,
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
      accepted: spec.accept,
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
