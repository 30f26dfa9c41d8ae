import { setTimeout as wait } from 'node:timers/promises';
import { isBotPaused } from '../../domain/chats/chat.use-case.js';
import { type BotText, botText } from '../../domain/i18n/messages.js';
import {
  DEFAULT_MEDIA_POLICY,
  type MediaErrorCode,
  type MediaPolicy,
} from '../../domain/media/media.rules.js';
import { storeMedia } from '../../domain/media/media.store.js';
import type { MessageMedia } from '../../domain/messages/message.model.js';
import { updateMedia } from '../../domain/messages/message.use-case.js';
import { describeError } from '../../domain/platform/errors.js';
import type { MediaFile, Transport } from '../transport/transport.js';
import type { Handler } from './compose.js';

export interface MediaStepDeps {
  transport: Pick<Transport, 'downloadMedia'>;
  dataDir: string;
  timeZone: string;
  policy?: MediaPolicy;
  /** Waits before each retry of a failed download; its length is the number of retries. */
  retryDelaysMs?: readonly number[];
}

const REFUSAL_TEXT: Record<MediaErrorCode, BotText> = {
  'MEDIA.TOO_LARGE': 'media.too_large',
  'MEDIA.TYPE_NOT_ACCEPTED': 'media.not_accepted',
  'MEDIA.TYPE_MISMATCH': 'media.not_accepted',
  'MEDIA.UNREADABLE': 'media.unreadable',
};

/** A size as a customer reads it: "10 MB", "500 KB". */
const formatSize = (bytes: number): string =>
  bytes >= 2 ** 20 ? `${Math.floor(bytes / 2 ** 20)} MB` : `${Math.floor(bytes / 2 ** 10)} KB`;

/**
 * Download a customer's file and keep it under the data directory (see domain/media). A refused file
 * gets a polite reply and is not kept; a download that keeps failing is recorded on the message and
 * the text still goes on to the next features.
 */
export function storeIncomingMedia(deps: MediaStepDeps): Handler {
  const policy = deps.policy ?? DEFAULT_MEDIA_POLICY;
  const retryDelays = deps.retryDelaysMs ?? [1000, 5000];
  return async (context, next) => {
    const { message, stored, connection } = context;
    if (!message.hasMedia) return next();
    if (stored.media?.state === 'stored') {
      context.media = stored.media;
      return next();
    }

    let file: MediaFile | undefined;
    let failure = 'MEDIA.GONE: WhatsApp no longer has the file';
    let attempts = stored.media?.attempts ?? 0;
    for (const delay of [0, ...retryDelays]) {
      if (delay > 0) await wait(delay);
      attempts += 1;
      try {
        file = await deps.transport.downloadMedia(message.id);
        break;
      } catch (error) {
        failure = `MEDIA.DOWNLOAD_FAILED: ${describeError(error)}`;
      }
    }
    const filename = message.filename;
    if (!file) {
      await updateMedia(connection, message.id, {
        state: 'failed',
        error: failure,
        attempts,
        ...(filename && { filename }),
      });
      context.log.warn({ attempts }, `media not downloaded: ${failure}`);
      return next();
    }

    const result = await storeMedia(file, {
      dataDir: deps.dataDir,
      policy,
      now: context.now,
      timeZone: deps.timeZone,
    });
    if (!result.ok) {
      await updateMedia(connection, message.id, {
        state: 'refused',
        error: result.code,
        mime: file.mimetype,
        size: file.data.length,
        attempts,
        ...(filename && { filename }),
      });
      context.log.info({ code: result.code }, `media refused: ${result.details}`);
      // While a person has the chat, the bot stays quiet even about refused files.
      if (await isBotPaused(connection, message.chatId, context.now)) return;
      await context.reply(
        botText(context.locale, REFUSAL_TEXT[result.code], { max: formatSize(policy.maxBytes) }),
      );
      return;
    }

    const media: MessageMedia = {
      state: 'stored',
      path: result.media.path,
      mime: result.media.mime,
      size: result.media.size,
      sha256: result.media.sha256,
      attempts,
      ...(result.media.thumbnailPath && { thumbnailPath: result.media.thumbnailPath }),
      ...(result.media.width !== undefined && { width: result.media.width, height: result.media.height }),
      ...(result.media.originalFilename && { filename: result.media.originalFilename }),
    };
    await updateMedia(connection, message.id, media);
    context.media = media;
    await next();
  };
}
