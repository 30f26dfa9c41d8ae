import type { Connection } from 'mongoose';
import { contactModel } from '../contacts/contact.model.js';
import { rfmReport } from './rfm.use-case.js';

const BATCH = 1_000;

/**
 * Store every customer's RFM scores and segment on their contact, as of `now`, so the contact page
 * shows it without computing the whole report; customers without a completed order lose a stale one.
 * Idempotent: a rerun writes the same values.
 */
export async function storeRfmSegments(
  connection: Connection,
  input: { now: Date; timeZone: string },
): Promise<{ scored: number; cleared: number }> {
  const rows = await rfmReport(connection, input);
  const contacts = contactModel(connection);
  for (let start = 0; start < rows.length; start += BATCH) {
    await contacts.bulkWrite(
      rows.slice(start, start + BATCH).map((row) => ({
        updateOne: {
          filter: { _id: row.contactId },
          update: { $set: { rfm: { r: row.r, f: row.f, m: row.m, segment: row.segment, at: input.now } } },
        },
      })),
      { ordered: false },
    );
  }
  const cleared = await contacts.updateMany({ 'rfm.at': { $lt: input.now } }, { $unset: { rfm: 1 } });
  return { scored: rows.length, cleared: cleared.modifiedCount };
}
