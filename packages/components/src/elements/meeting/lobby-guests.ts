import type { Role, VerifyMethod } from '@care-meet/protocol/wire';
import type { MeetingSessionState } from '../../core/meeting-session.js';
import type { RoomState } from '../../core/room-state.js';

export interface LobbyGuest {
  id: string;
  /** The registered name. */
  name: string;
  /** The registered role; unknown before the first roster. */
  role: Role | undefined;
  /** What the guest typed as their name, when they did. */
  typedName: string | undefined;
  /** How they proved who they are (their invitation's way); unknown before the first roster. */
  verify: VerifyMethod | undefined;
  video: MediaStreamTrack | null;
  /** Their microphone in the lobby room: the meeting leader hears who waits (they do not hear her). */
  audio: MediaStreamTrack | null;
}

/**
 * Who waits in the lobby: the roster's lobby (from the server) with each guest's camera from the
 * lobby room. Before the roster has come, everyone in the lobby room; once it has, only those the
 * server says wait (someone just let in may still be leaving the lobby room).
 */
export function lobbyGuests(state: MeetingSessionState, lobby: RoomState | null): LobbyGuest[] {
  const inLobbyRoom = new Map((lobby?.participants ?? []).filter((p) => !p.isLocal).map((p) => [p.identity, p]));
  const roster = state.roster;
  if (!roster) {
    return [...inLobbyRoom.values()].map((p) => ({
      id: p.identity,
      name: p.name,
      role: undefined,
      typedName: undefined,
      verify: undefined,
      video: p.video,
      audio: p.audio,
    }));
  }
  return roster.participants
    .filter((entry) => entry.status === 'lobby')
    .map((entry) => ({
      id: entry.id,
      name: entry.name,
      role: entry.role,
      typedName: entry.typedName && entry.typedName !== entry.name ? entry.typedName : undefined,
      verify: entry.verify,
      video: inLobbyRoom.get(entry.id)?.video ?? null,
      audio: inLobbyRoom.get(entry.id)?.audio ?? null,
    }));
}
