// Access-token checks as a LiveKit server performs them, and the signing of webhook tokens.
//
// Sources (livekit/livekit, livekit/protocol):
//  - pkg/service/auth.go APIKeyAuthMiddleware: token from `Authorization: Bearer …` or `access_token`;
//    a header without the `Bearer ` prefix, an unparsable token, an unknown key or a failed
//    verification are all answered 401 in plain text (not Twirp JSON), with these exact messages.
//  - protocol auth/verifier.go: the API key is the `iss` claim; verification is go-jose v3
//    `Claims(key, &jwt.Claims, &ClaimGrants)` then `Validate(Expected{Issuer, Time: now})`, i.e.
//    `exp`/`nbf`/`iat` with go-jose's default leeway of one minute, and no claim is required
//    (a token without `exp` is accepted).
//  - protocol auth/grants.go: ClaimGrants / VideoGrant JSON fields and their defaults
//    (canPublish, canSubscribe default true; canPublishData defaults to canPublish;
//    canUpdateOwnMetadata defaults false). Go's encoding/json matches keys case-insensitively.
//  - protocol auth/accesstoken.go ToJWT: HS256, `typ: JWT`, iss/nbf/exp(+sub) plus the grants.

import { createHmac, timingSafeEqual } from 'node:crypto';

import { decodePlain, int64, num, ProtoJsonError, str, type JsonObject, type JsonValue, type ProtoMessage } from './proto-json.js';
import { RoomConfiguration } from './livekit-schema.js';

/** go-jose's jwt.DefaultLeeway */
export const LEEWAY_MS = 60_000;

export interface VideoGrant {
  roomCreate: boolean;
  roomList: boolean;
  roomRecord: boolean;
  roomAdmin: boolean;
  roomJoin: boolean;
  room: string;
  /** undefined = not set in the token (LiveKit then applies its default) */
  canPublish: boolean | undefined;
  canSubscribe: boolean | undefined;
  canPublishData: boolean | undefined;
  /** as in the token: lower-case source names (`camera`, `microphone`, `screen_share`, `screen_share_audio`) */
  canPublishSources: string[];
  canUpdateOwnMetadata: boolean | undefined;
  ingressAdmin: boolean;
  hidden: boolean;
  recorder: boolean;
  agent: boolean;
  canSubscribeMetrics: boolean | undefined;
  destinationRoom: string;
}

export interface ClaimGrants {
  /** `sub`, or `jti` when `sub` is empty */
  identity: string;
  name: string;
  kind: string;
  video: VideoGrant | undefined;
  sip: { admin: boolean; call: boolean } | undefined;
  roomConfig: RoomConfig | undefined;
  roomPreset: string;
  sha256: string;
  metadata: string;
  attributes: Record<string, string>;
}

export interface RoomConfig {
  emptyTimeout: number;
  departureTimeout: number;
  maxParticipants: number;
  metadata: string;
}

export interface VerifiedToken {
  readonly ok: true;
  readonly apiKey: string;
  readonly grants: ClaimGrants;
  /** the verified JWT payload as sent */
  readonly payload: JsonObject;
  readonly exp: number | undefined;
  readonly nbf: number | undefined;
  readonly iat: number | undefined;
}

export interface RejectedToken {
  readonly ok: false;
  readonly status: 401;
  readonly message: string;
}

export const MSG_INVALID_AUTH_HEADER = 'invalid authorization header. Must start with Bearer ';
export const MSG_INVALID_AUTH_TOKEN = 'invalid authorization token';

function b64urlDecode(part: string): Buffer | undefined {
  // go-jose uses base64.RawURLEncoding: URL alphabet, no padding
  if (!/^[A-Za-z0-9_-]*$/.test(part) || part.length % 4 === 1) return undefined;
  return Buffer.from(part, 'base64url');
}

function parseJsonObject(buf: Buffer): JsonObject | null | undefined {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(buf));
  } catch {
    return undefined;
  }
  if (v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) return undefined;
  return v as JsonObject;
}

/** Go encoding/json field lookup: exact key first, else a case-insensitive match; last key wins. */
function goField(obj: JsonObject, name: string): JsonValue | undefined {
  let found: JsonValue | undefined;
  const lower = name.toLowerCase();
  const hasExact = Object.prototype.hasOwnProperty.call(obj, name);
  for (const [k, v] of Object.entries(obj)) {
    if (k === name || (!hasExact && k.toLowerCase() === lower)) found = v;
  }
  return found;
}

class GoJsonError extends Error {}

function jsonKind(v: JsonValue): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function typeError(v: JsonValue, path: string, goType: string): GoJsonError {
  return new GoJsonError(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${path} of type ${goType}`);
}

function goBool(obj: JsonObject, key: string, path: string): boolean {
  const v = goField(obj, key);
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw typeError(v, path, 'bool');
  return v;
}
function goBoolPtr(obj: JsonObject, key: string, path: string): boolean | undefined {
  const v = goField(obj, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw typeError(v, path, 'bool');
  return v;
}
function goString(obj: JsonObject, key: string, path: string): string {
  const v = goField(obj, key);
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw typeError(v, path, 'string');
  return v;
}
function goStringSlice(obj: JsonObject, key: string, path: string): string[] {
  const v = goField(obj, key);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw typeError(v, path, '[]string');
  return v.map((x) => {
    if (typeof x !== 'string') throw typeError(x, path, 'string');
    return x;
  });
}
function goStringMap(obj: JsonObject, key: string, path: string): Record<string, string> {
  const v = goField(obj, key);
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(v, path, 'map[string]string');
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string') throw typeError(x, path, 'string');
    Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
function goObject(obj: JsonObject, key: string, path: string, goType: string): JsonObject | undefined {
  const v = goField(obj, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(v, path, goType);
  return v;
}

/** json.Unmarshal(payload, &auth.ClaimGrants{}) */
function decodeClaimGrants(p: JsonObject): Omit<ClaimGrants, 'identity'> {
  const v = goObject(p, 'video', 'ClaimGrants.video', 'auth.VideoGrant');
  const video: VideoGrant | undefined = v && {
    roomCreate: goBool(v, 'roomCreate', 'ClaimGrants.video.roomCreate'),
    roomList: goBool(v, 'roomList', 'ClaimGrants.video.roomList'),
    roomRecord: goBool(v, 'roomRecord', 'ClaimGrants.video.roomRecord'),
    roomAdmin: goBool(v, 'roomAdmin', 'ClaimGrants.video.roomAdmin'),
    roomJoin: goBool(v, 'roomJoin', 'ClaimGrants.video.roomJoin'),
    room: goString(v, 'room', 'ClaimGrants.video.room'),
    canPublish: goBoolPtr(v, 'canPublish', 'ClaimGrants.video.canPublish'),
    canSubscribe: goBoolPtr(v, 'canSubscribe', 'ClaimGrants.video.canSubscribe'),
    canPublishData: goBoolPtr(v, 'canPublishData', 'ClaimGrants.video.canPublishData'),
    canPublishSources: goStringSlice(v, 'canPublishSources', 'ClaimGrants.video.canPublishSources'),
    canUpdateOwnMetadata: goBoolPtr(v, 'canUpdateOwnMetadata', 'ClaimGrants.video.canUpdateOwnMetadata'),
    ingressAdmin: goBool(v, 'ingressAdmin', 'ClaimGrants.video.ingressAdmin'),
    hidden: goBool(v, 'hidden', 'ClaimGrants.video.hidden'),
    recorder: goBool(v, 'recorder', 'ClaimGrants.video.recorder'),
    agent: goBool(v, 'agent', 'ClaimGrants.video.agent'),
    canSubscribeMetrics: goBoolPtr(v, 'canSubscribeMetrics', 'ClaimGrants.video.canSubscribeMetrics'),
    destinationRoom: goString(v, 'destinationRoom', 'ClaimGrants.video.destinationRoom'),
  };
  const s = goObject(p, 'sip', 'ClaimGrants.sip', 'auth.SIPGrant');
  const sip = s && { admin: goBool(s, 'admin', 'ClaimGrants.sip.admin'), call: goBool(s, 'call', 'ClaimGrants.sip.call') };
  // RoomConfiguration.UnmarshalJSON is protojson.Unmarshal with default options: unknown fields fail.
  const rc = goField(p, 'roomConfig');
  let roomConfig: RoomConfig | undefined;
  if (rc !== undefined && rc !== null) {
    let m: ProtoMessage;
    try {
      m = decodePlain(RoomConfiguration, rc, 'reject');
    } catch (e) {
      throw new GoJsonError(e instanceof ProtoJsonError ? e.message : String(e));
    }
    roomConfig = {
      emptyTimeout: num(m, 'empty_timeout'),
      departureTimeout: num(m, 'departure_timeout'),
      maxParticipants: num(m, 'max_participants'),
      metadata: str(m, 'metadata'),
    };
  }
  return {
    name: goString(p, 'name', 'ClaimGrants.name'),
    kind: goString(p, 'kind', 'ClaimGrants.kind'),
    video,
    sip,
    roomConfig,
    roomPreset: goString(p, 'roomPreset', 'ClaimGrants.roomPreset'),
    sha256: goString(p, 'sha256', 'ClaimGrants.sha256'),
    metadata: goString(p, 'metadata', 'ClaimGrants.metadata'),
    attributes: goStringMap(p, 'attributes', 'ClaimGrants.attributes'),
  };
}

interface StdClaims {
  iss: string;
  sub: string;
  jti: string;
  exp: number | undefined;
  nbf: number | undefined;
  iat: number | undefined;
}

/** json.Unmarshal(payload, &jwt.Claims{}) as in go-jose v3; undefined when it would fail. */
function decodeStdClaims(p: JsonObject | null): StdClaims | undefined {
  const o: JsonObject = p ?? {};
  const s = (k: string): string | undefined => {
    const v = goField(o, k);
    if (v === undefined || v === null) return '';
    return typeof v === 'string' ? v : undefined;
  };
  // NumericDate.UnmarshalJSON: strconv.ParseFloat of the raw JSON; null leaves the pointer nil.
  const d = (k: string): number | undefined | false => {
    const v = goField(o, k);
    if (v === undefined || v === null) return undefined;
    return typeof v === 'number' ? Math.trunc(v) : false;
  };
  const aud = goField(o, 'aud');
  if (aud !== undefined && aud !== null && typeof aud !== 'string' && !(Array.isArray(aud) && aud.every((x) => typeof x === 'string'))) {
    return undefined;
  }
  const iss = s('iss');
  const sub = s('sub');
  const jti = s('jti');
  const exp = d('exp');
  const nbf = d('nbf');
  const iat = d('iat');
  if (iss === undefined || sub === undefined || jti === undefined || exp === false || nbf === false || iat === false) return undefined;
  return { iss, sub, jti, exp, nbf, iat };
}

/**
 * Verifies `token` the way LiveKit's auth middleware does. `keys` maps API keys to secrets.
 * Failure messages are the server's own (they echo the token, as the server does).
 */
export function verifyAccessToken(token: string, keys: ReadonlyMap<string, string>, nowMs: number): VerifiedToken | RejectedToken {
  const reject = (message: string): RejectedToken => ({ ok: false, status: 401, message });
  // auth.ParseAPIToken -> jwt.ParseSigned + UnsafeClaimsWithoutVerification
  const parts = token.split('.');
  if (parts.length !== 3) return reject(MSG_INVALID_AUTH_TOKEN);
  const [h64, p64, s64] = parts as [string, string, string];
  const headerBuf = b64urlDecode(h64);
  const payloadBuf = b64urlDecode(p64);
  const sig = b64urlDecode(s64);
  if (!headerBuf || !payloadBuf || !sig) return reject(MSG_INVALID_AUTH_TOKEN);
  const header = parseJsonObject(headerBuf);
  if (!header) return reject(MSG_INVALID_AUTH_TOKEN);
  const payload = parseJsonObject(payloadBuf);
  if (payload === undefined) return reject(MSG_INVALID_AUTH_TOKEN);
  const std = decodeStdClaims(payload);
  if (!std) return reject(MSG_INVALID_AUTH_TOKEN);

  // m.provider.GetSecret(v.APIKey())
  const secret = keys.get(std.iss);
  if (secret === undefined || secret === '') return reject(`invalid API key: ${std.iss}`);

  const fail = (err: string): RejectedToken => reject(`invalid token: ${token}, error: ${err}`);
  // v.token.Claims(secret) -> signature first
  const alg = header['alg'];
  const hash = alg === 'HS256' ? 'sha256' : alg === 'HS384' ? 'sha384' : alg === 'HS512' ? 'sha512' : undefined;
  if (!hash) return fail('go-jose/go-jose: unknown/unsupported algorithm');
  const expected = createHmac(hash, secret).update(`${h64}.${p64}`).digest();
  if (expected.length !== sig.length || !timingSafeEqual(expected, sig)) {
    return fail('go-jose/go-jose: error in cryptographic primitive');
  }
  let grants: Omit<ClaimGrants, 'identity'>;
  try {
    grants = decodeClaimGrants(payload ?? {});
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  // out.Validate(jwt.Expected{Issuer: v.apiKey, Time: time.Now()}) with DefaultLeeway
  if (std.nbf !== undefined && nowMs + LEEWAY_MS < std.nbf * 1000) {
    return fail('go-jose/go-jose/jwt: validation failed, token not valid yet (nbf)');
  }
  if (std.exp !== undefined && nowMs - LEEWAY_MS > std.exp * 1000) {
    return fail('go-jose/go-jose/jwt: validation failed, token is expired (exp)');
  }
  if (std.iat !== undefined && nowMs + LEEWAY_MS < std.iat * 1000) {
    return fail('go-jose/go-jose/jwt: validation field, token issued in the future (iat)');
  }
  return {
    ok: true,
    apiKey: std.iss,
    grants: { identity: std.sub !== '' ? std.sub : std.jti, ...grants },
    payload: payload ?? {},
    exp: std.exp,
    nbf: std.nbf,
    iat: std.iat,
  };
}

/** A token as protocol's AccessToken.ToJWT makes it (HS256, typ JWT, keys in go-jose's sorted order). */
export function signToken(apiKey: string, secret: string, claims: JsonObject, validForSeconds: number, nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  const all: JsonObject = { ...claims, exp: now + validForSeconds, iss: apiKey, nbf: now };
  const sorted: JsonObject = {};
  for (const k of Object.keys(all).sort()) {
    const v = all[k];
    if (v !== undefined) sorted[k] = v;
  }
  const h64 = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const p64 = Buffer.from(JSON.stringify(sorted)).toString('base64url');
  const s64 = createHmac('sha256', secret).update(`${h64}.${p64}`).digest('base64url');
  return `${h64}.${p64}.${s64}`;
}

/** revoke_token_ts as a number of seconds (the double keeps it only for inspection unless asked to enforce it). */
export function revokeTs(m: ProtoMessage): number {
  return Number(int64(m, 'revoke_token_ts'));
}
