import { AccessToken, TrackSource } from 'livekit-server-sdk';
import type { MediaGrants } from '../admission/decide.js';

/** The longest a care-meet token may live. LiveKit checks expiry only at connect, so short is safe. */
export const MAX_TOKEN_TTL_SECONDS = 120;

const SOURCE: Record<MediaGrants['canPublishSources'][number], TrackSource> = {
  camera: TrackSource.CAMERA,
  microphone: TrackSource.MICROPHONE,
  screen_share: TrackSource.SCREEN_SHARE,
  screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
};

export interface MintOptions {
  apiKey: string;
  apiSecret: string;
  /** The opaque, random per-registration identity. Never a personal id. */
  identity: string;
  /** The registered (or, for an e-mail guest, typed) name shown on the tile. */
  name: string;
  room: string;
  grants: MediaGrants;
  /** Non-sensitive attributes every participant sees (the role, how the person was identified). */
  attributes?: Record<string, string>;
  ttlSeconds: number;
}

/**
 * Mints a LiveKit access token carrying exactly `roomJoin`, `room` and the given media grants.
 * Nothing else: no `roomCreate`, `roomAdmin`, `roomRecord`, `roomList`, `ingressAdmin`, `hidden`,
 * `recorder` or `agent`, whoever asks.
 *
 * @example
 * ```ts
 * const jwt = await mintToken({ apiKey, apiSecret, identity: 'p_x', name: 'Anna', room: 'r_y',
 *   grants: grantsFor('staff', meeting), ttlSeconds: 60 });
 * ```
 */
export async function mintToken(options: MintOptions): Promise<string> {
  const { ttlSeconds } = options;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TOKEN_TTL_SECONDS) {
    throw new TypeError(`mintToken: ttlSeconds must be an integer from 1 to ${MAX_TOKEN_TTL_SECONDS}`);
  }
  if (!options.identity || !options.room) throw new TypeError('mintToken: identity and room are required');
  const at = new AccessToken(options.apiKey, options.apiSecret, {
    identity: options.identity,
    name: options.name,
    ttl: ttlSeconds,
    ...(options.attributes ? { attributes: options.attributes } : {}),
  });
  const g = options.grants;
  at.addGrant({
    roomJoin: true,
    room: options.room,
    canPublish: g.canPublish,
    canSubscribe: g.canSubscribe,
    canPublishData: g.canPublishData,
    canPublishSources: g.canPublishSources.map((s) => SOURCE[s]),
    canUpdateOwnMetadata: false,
  });
  return at.toJwt();
}
