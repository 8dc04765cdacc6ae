import type { VerifyMethod } from '@care-meet/protocol/wire';
import type { Catalog } from '../localize.js';

/**
 * What the meeting leader is told and asked when she lets someone in, turns them away or removes
 * them: the same words in `<care-roster>` and in `<care-meeting>`'s tools and video tiles, so the
 * two never drift apart. Both tables spread it in.
 */
export interface ChairActionStrings {
  /** Under the lobby's heading while someone waits: what to do before letting them in. */
  lobbyHint: string;
  /** Before the name a guest typed themselves ("Typed name: Kurt K."). */
  typedName: string;
  /** In the lobby list when nobody waits (the meeting leader's tools show the list always). */
  noneWaiting: string;
  /** In a waiting guest's camera box while the lobby room has no picture of them. */
  noPicture: string;
  /** The confirmation before removing someone from the meeting. */
  removeTitle: (name: string) => string;
  removeText: string;
  /** The confirmation before turning a lobby guest away. */
  turnAwayTitle: (name: string) => string;
  turnAwayText: string;
  /** On a lobby guest's card: how they proved who they are, by the way their invitation asks. */
  provedBy: Readonly<Record<VerifyMethod, string>>;
}

/** Each language loads when an element first shows it: see `Catalog` in ../localize.ts. */
export const chairActionStrings: Catalog<ChairActionStrings> = {
  en: () => import('./en/chair-actions.js'),
  sv: () => import('./sv/chair-actions.js'),
  da: () => import('./da/chair-actions.js'),
  nb: () => import('./nb/chair-actions.js'),
  fi: () => import('./fi/chair-actions.js'),
};
