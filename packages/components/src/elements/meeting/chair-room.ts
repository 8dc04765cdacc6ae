import { loadStrings, resolveLang } from '../../i18n/localize.js';
import { chairActionStrings } from '../../i18n/strings/chair-actions.js';
import { defineDependencies } from '../dependencies.js';
import { CareChairTools, CHAIR_TOOLS_PARTS } from './parts/chair-tools/chair-tools.js';
import type { MeetingViewHost } from './room-view.js';
import { TileRemoval } from './tile-removal.js';

/**
 * What only the meeting leader's room loads, with one dynamic import from room-view.ts when the
 * join answer says `chair`: her tools (`<care-chair-tools>`, which bring the roster, the
 * confirmation and her action words) and Remove on the others' tiles. The individual and guests
 * never download any of it (bench/shipped-size.mjs checks that).
 */
export interface ChairRoom {
  /** The tools' parts, which `<care-meeting>` forwards as its own (`exportparts`). */
  readonly parts: string;
  readonly removal: TileRemoval;
}

/** The room's parts that only the meeting leader gets, registered when her code loads. */
export const dependencies = { 'care-chair-tools': CareChairTools };

/**
 * Registers the meeting leader's tools and makes Remove on the tiles for the room of `host`, once
 * her action words are loaded in the room's language: the room shows the tools' title until then,
 * and then the whole panel at once, as when the words waited with the room's own.
 *
 * @example
 * ```ts
 * const { chairRoom } = await import('./chair-room.js');
 * this.#tools = await chairRoom(this.#host);
 * ```
 */
export async function chairRoom(host: MeetingViewHost): Promise<ChairRoom> {
  await loadStrings(chairActionStrings, resolveLang(host));
  defineDependencies(dependencies);
  return { parts: CHAIR_TOOLS_PARTS, removal: new TileRemoval(host) };
}
