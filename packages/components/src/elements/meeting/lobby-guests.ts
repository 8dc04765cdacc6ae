import type { MeetingSessionState } from '../../core/meeting-session.js';
import type { RoomState } from '../../core/room-state.js';

/** A guest waiting in the lobby, for what the room says and counts (the list itself is `<care-lobby-list>`'s). */
export interface LobbyGuest {
  id: string;
  /** The registered name (before the first roster, the name in the lobby room). */
  name: string;
}

/**
 * Who waits in the lobby: the roster's lobby (from the server). Before the roster has come,
 * everyone in the lobby room; once it has, only those the server says wait (someone just let in
 * may still be leaving the lobby room).
 */
export function lobbyGuests(state: MeetingSessionState, lobby: RoomState | null): LobbyGuest[] {
  const roster = state.roster;
  if (!roster) return (lobby?.participants ?? []).filter((p) => !p.isLocal).map((p) => ({ id: p.identity, name: p.name }));
  return roster.participants.filter((entry) => entry.status === 'lobby').map((entry) => ({ id: entry.id, name: entry.name }));
}
