import type { MeetingStore } from './meeting-store.js';
import { PostgresMeetingStore } from './postgres-store.js';
import { SqliteMeetingStore } from './sqlite-store.js';

/** Whether a `CARE_MEET_DB` value names a PostgreSQL database rather than an SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Opens the store a `CARE_MEET_DB` value names: a `postgres://` (or `postgresql://`) URL opens
 * `PostgresMeetingStore`, which several instances share; anything else is an SQLite file (or
 * `:memory:`), the embedded default for one instance.
 *
 * @example
 * ```ts
 * const store = await openMeetingStore(process.env.CARE_MEET_DB ?? './care-meet.db');
 * ```
 */
export async function openMeetingStore(location: string): Promise<MeetingStore> {
  if (typeof location !== 'string' || location === '') throw new TypeError('openMeetingStore: give an SQLite file, :memory:, or a postgres:// URL');
  if (isPostgresUrl(location)) return PostgresMeetingStore.open({ connectionString: location });
  return new SqliteMeetingStore({ filename: location });
}
