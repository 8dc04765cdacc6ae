// What a care-meet database must hold whatever moment the process died at: each change together
// with the rows and audit entries that belong to it, or none of them. Read straight from the SQLite
// file while no server runs (read-only), because what a crash leaves half-done is exactly what no
// HTTP answer ever told the client about.
import { createRequire } from 'node:module';

interface Statement {
  all(...params: unknown[]): unknown[];
}
interface ReadOnlyDatabase {
  prepare(sql: string): Statement;
  close(): void;
}
type DatabaseConstructor = new (file: string, options: { readonly: boolean; fileMustExist: boolean }) => ReadOnlyDatabase;

/**
 * better-sqlite3 as the server SDK itself has it (the test package does not depend on it): the same
 * native build that wrote the file reads it.
 */
function openReadOnly(file: string): ReadOnlyDatabase {
  const sdk = createRequire(import.meta.url).resolve('@care-meet/server-sdk');
  const Database = createRequire(sdk)('better-sqlite3') as DatabaseConstructor;
  return new Database(file, { readonly: true, fileMustExist: true });
}

/** What the client was told succeeded before the crash. */
export interface Acknowledged {
  /** Meeting ids answered 201 by `POST /meetings`. */
  bookings: string[];
  /** Meeting ids answered 200 by `POST /meetings/{id}/end`. */
  ends: string[];
  /** Participant ids whose invitation redemption was answered 201 (a session handed out). */
  redemptions: string[];
}

export interface StoreSnapshot {
  /** Every way the file breaks an invariant, one line each; empty when it holds them all. */
  violations: string[];
  /** Rooms (main and lobby) of every meeting the file says has ended. */
  endedRooms: string[];
  meetings: number;
  usedInvitations: number;
  endedMeetings: number;
}

const rows = <T>(db: ReadOnlyDatabase, sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];

/** Checks the database file left behind by a server that is not running. */
export function checkStore(file: string, acknowledged: Acknowledged): StoreSnapshot {
  const db = openReadOnly(file);
  try {
    const violations: string[] = [];
    const meetings = rows<{ id: string; ended: number | null }>(db, 'SELECT id, ended_at AS ended FROM meetings');
    const known = new Map(meetings.map((m) => [m.id, m]));
    for (const id of acknowledged.bookings) if (!known.has(id)) violations.push(`booking ${id} was answered 201 but is not stored`);
    for (const id of acknowledged.ends) if (known.get(id)?.ended == null) violations.push(`end of ${id} was answered 200 but the meeting is not ended`);

    for (const r of rows<{ id: string }>(
      db,
      `SELECT m.id FROM meetings m WHERE NOT EXISTS
         (SELECT 1 FROM audit a WHERE a.meeting_id = m.id AND a.action = 'meeting.booked' AND a.outcome = 'ok')`,
    )) {
      violations.push(`meeting ${r.id} is stored without its meeting.booked audit entry`);
    }
    for (const r of rows<{ id: string }>(db, `SELECT m.id FROM meetings m WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id)`)) {
      violations.push(`meeting ${r.id} is stored without its participants`);
    }
    for (const r of rows<{ id: string }>(db, `SELECT p.id FROM participants p WHERE NOT EXISTS (SELECT 1 FROM invitations i WHERE i.participant_id = p.id)`)) {
      violations.push(`participant ${r.id} is stored without an invitation`);
    }
    for (const r of rows<{ id: string }>(
      db,
      `SELECT m.id FROM meetings m WHERE m.ended_at IS NOT NULL AND NOT EXISTS
         (SELECT 1 FROM audit a WHERE a.meeting_id = m.id AND a.action = 'meeting.ended' AND a.outcome = 'ok')`,
    )) {
      violations.push(`meeting ${r.id} is ended without its meeting.ended audit entry`);
    }
    const used = rows<{ participant: string; sessions: number; redeemed: number }>(
      db,
      `SELECT i.participant_id AS participant,
              (SELECT count(*) FROM sessions s WHERE s.participant_id = i.participant_id) AS sessions,
              (SELECT count(*) FROM audit a WHERE a.participant_id = i.participant_id AND a.action = 'invite.redeem' AND a.outcome = 'ok') AS redeemed
         FROM invitations i WHERE i.used_at IS NOT NULL`,
    );
    for (const u of used) {
      // A used invitation without a session locks its guest out for good (INVITE_USED, no session).
      if (u.sessions === 0) violations.push(`invitation of ${u.participant} is used but no session was stored for it`);
      if (u.redeemed === 0) violations.push(`invitation of ${u.participant} is used without its invite.redeem audit entry`);
    }
    const usedIds = new Set(used.map((u) => u.participant));
    for (const id of acknowledged.redemptions) if (!usedIds.has(id)) violations.push(`redemption by ${id} was answered 201 but the invitation is not used`);
    for (const r of rows<{ participant: string; sessions: number; audited: number }>(
      db,
      `SELECT s.participant_id AS participant, count(*) AS sessions,
              (SELECT count(*) FROM audit a WHERE a.participant_id = s.participant_id AND a.action = 'session.created' AND a.outcome = 'ok') AS audited
         FROM sessions s GROUP BY s.participant_id`,
    )) {
      if (r.audited < r.sessions) violations.push(`participant ${r.participant} has ${r.sessions} sessions but ${r.audited} session.created entries`);
    }
    const endedRooms = rows<{ main: string; lobby: string }>(
      db,
      'SELECT room_name AS main, lobby_room_name AS lobby FROM meetings WHERE ended_at IS NOT NULL',
    ).flatMap((r) => [r.main, r.lobby]);
    return { violations, endedRooms, meetings: meetings.length, usedInvitations: used.length, endedMeetings: endedRooms.length / 2 };
  } finally {
    db.close();
  }
}
