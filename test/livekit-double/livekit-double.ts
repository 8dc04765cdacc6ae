// A wire-faithful test double of a single-node LiveKit server (livekit-server v1.x) for care-meet's
// tests: Twirp RoomService/Egress over JSON, access-token checks, a simulated client connect, and
// signed webhooks. Test-only; never shipped. See README.md in this folder for what it reproduces
// (with the upstream file each behaviour was read from) and what it leaves out.

import { createHash, randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import {
  MSG_INVALID_AUTH_HEADER,
  signToken,
  verifyAccessToken,
  type ClaimGrants,
  type RejectedToken,
  type VerifiedToken,
  type VideoGrant,
} from './access-token.js';
import {
  bool,
  decodeMessage,
  decodePlain,
  encodeMessage,
  enumName,
  int64,
  num,
  numList,
  parseJsonLoose,
  ProtoJsonError,
  str,
  strList,
  strMap,
  sub,
  type EncodeOptions,
  type JsonObject,
  type JsonValue,
  type MessageDef,
  type ProtoMessage,
  type UnknownFieldMode,
} from './proto-json.js';
import * as S from './livekit-schema.js';

// ---------------------------------------------------------------------------------------------
// Public types

export interface LiveKitDoubleOptions {
  apiKey: string;
  apiSecret: string;
  /** where webhooks are POSTed; none are sent without it (events are still recorded) */
  webhookUrl?: string;
  /**
   * `room.auto_create`. Default false here (care-meet's deployment requires it); LiveKit's own
   * default is true, under which any valid join token re-creates a deleted room.
   */
  autoCreate?: boolean;
  /**
   * What to do with request fields the message does not have. The real server DISCARDS them
   * (twirp v8.1.3 generated code: `protojson.UnmarshalOptions{DiscardUnknown: true}`); the double
   * REJECTS them by default (400 `malformed`) so that our own requests are checked.
   */
  unknownFields?: UnknownFieldMode;
  /**
   * LiveKit OSS ignores `revokeTokenTs` (RoomManager.RemoveParticipant never reads it), so a removed
   * participant can rejoin with the same token. Set true to emulate the proto's documented meaning
   * (LiveKit Cloud): refuse tokens whose `nbf` is before the timestamp; 0 means now + 1 min.
   */
  enforceRevokeTokenTs?: boolean;
  /** Twirp JSON field names: 'proto' (`empty_timeout`, twirp's default, what livekit-server sends) or 'json' (`emptyTimeout`) */
  responseFieldNames?: 'proto' | 'json';
  /** a space after every comma in JSON the double writes, as Go's protojson does in some builds (default true) */
  goJsonSpacing?: boolean;
  /** server config `room.empty_timeout` / `room.departure_timeout` / `room.max_participants` (defaults 300 / 20 / 0) */
  roomDefaults?: { emptyTimeout?: number; departureTimeout?: number; maxParticipants?: number };
  /** clock in milliseconds (token validity, timestamps); default Date.now */
  clock?: () => number;
}

export type TrackSourceName = 'UNKNOWN' | 'CAMERA' | 'MICROPHONE' | 'SCREEN_SHARE' | 'SCREEN_SHARE_AUDIO';

export interface DoublePermission {
  canSubscribe: boolean;
  canPublish: boolean;
  canPublishData: boolean;
  canPublishSources: TrackSourceName[];
  hidden: boolean;
  recorder: boolean;
  canUpdateMetadata: boolean;
  agent: boolean;
  canSubscribeMetrics: boolean;
  canManageAgentSession: boolean;
}

export interface DoubleParticipant {
  room: string;
  sid: string;
  identity: string;
  name: string;
  metadata: string;
  attributes: Record<string, string>;
  /** ParticipantInfo.Kind name, e.g. STANDARD */
  kind: string;
  state: 'ACTIVE';
  joinedAt: number;
  joinedAtMs: number;
  version: number;
  permission: DoublePermission;
  /** the verified payload of the token it connected with */
  token: JsonObject;
}

export interface DoubleRoom {
  sid: string;
  name: string;
  emptyTimeout: number;
  departureTimeout: number;
  maxParticipants: number;
  metadata: string;
  /** unix seconds */
  creationTime: number;
  creationTimeMs: number;
  numParticipants: number;
  numPublishers: number;
  activeRecording: boolean;
  /** how the room came to exist: an API CreateRoom, or a client connect under auto_create */
  createdBy: 'CreateRoom' | 'join';
}

export type EgressStatusName =
  'EGRESS_STARTING' | 'EGRESS_ACTIVE' | 'EGRESS_ENDING' | 'EGRESS_COMPLETE' | 'EGRESS_FAILED' | 'EGRESS_ABORTED' | 'EGRESS_LIMIT_REACHED';

export interface DoubleEgress {
  egressId: string;
  roomId: string;
  roomName: string;
  status: EgressStatusName;
  /** unix nanoseconds, as EgressInfo carries them */
  startedAt: bigint;
  endedAt: bigint;
  updatedAt: bigint;
  /** true once a StopEgress call for it succeeded */
  stoppedViaApi: boolean;
}

export interface TwirpCall {
  /** `RoomService` or `Egress` */
  service: string;
  method: string;
  /** the request body as JSON (the raw text when it was not JSON) */
  body: JsonValue | string;
  /** the verified JWT payload, or null when no valid token came with the call */
  grants: JsonObject | null;
  status: number;
  /** Twirp error code, or `plain` for the auth middleware's text answers; absent on success */
  error?: string;
  message?: string;
  at: number;
}

export interface WebhookDelivery {
  event: string | undefined;
  id: string | undefined;
  body: string;
  authorization: string | null;
  /** HTTP status our server answered; 0 when it could not be reached; null when no webhookUrl is set */
  status: number | null;
  error?: string;
  at: number;
}

export interface DisconnectRecord {
  room: string;
  identity: string;
  sid: string;
  /** DisconnectReason name: DUPLICATE_IDENTITY, PARTICIPANT_REMOVED, ROOM_DELETED, CLIENT_INITIATED, ROOM_CLOSED */
  reason: string;
  at: number;
}

export interface RevocationRecord {
  room: string;
  identity: string;
  /** as sent in RemoveParticipant (0 when absent) */
  revokeTokenTs: number;
  /** what a server enforcing it would use: the value, or now + 60 s when 0 */
  effectiveTs: number;
  at: number;
}

export type JoinResult = { ok: true; room: string; identity: string; sid: string } | { ok: false; status: number; reason: string };

export interface JoinOptions {
  /** metadata / attributes the client asks for at connect (needs canUpdateOwnMetadata) */
  metadata?: string;
  attributes?: Record<string, string>;
}

/** A webhook event in protobuf JSON form (lowerCamel or proto names); id and createdAt are filled in when absent. */
export type WebhookEventInput = { event: string } & JsonObject;

export interface LiveKitDouble {
  readonly url: string;
  readonly wsUrl: string;
  readonly calls: TwirpCall[];
  readonly webhooks: WebhookDelivery[];
  readonly disconnects: DisconnectRecord[];
  readonly revocations: RevocationRecord[];
  rooms(): DoubleRoom[];
  room(name: string): DoubleRoom | undefined;
  participants(room: string): DoubleParticipant[];
  participant(room: string, identity: string): DoubleParticipant | undefined;
  egresses(): DoubleEgress[];
  /** What the server does when a client connects with `token` (validation, auto-create, duplicate identity, limits, webhooks). */
  join(token: string, options?: JoinOptions): Promise<JoinResult>;
  /** The client disconnects. False when it was not connected. */
  leave(room: string, identity: string): Promise<boolean>;
  /** What the server does when a room's empty/departure timeout fires. False when no such room. */
  closeRoom(room: string): Promise<boolean>;
  /** An egress (recording) starts in `room`, as if started elsewhere; emits `egress_started`. */
  startEgress(room: string, options?: { status?: 'EGRESS_STARTING' | 'EGRESS_ACTIVE' }): Promise<{ egress: DoubleEgress; webhookStatus: number | null }>;
  /** Sends a signed webhook event; resolves to the HTTP status our server answered. */
  sendWebhook(event: WebhookEventInput): Promise<number>;
  /** Sends `body` as is: signed correctly when `authorization` is undefined, without the header when null. */
  sendRawWebhook(body: string, authorization?: string | null): Promise<number>;
  /** The Authorization value LiveKit would send with `body`. */
  signWebhook(body: string): string;
  /** Waits until every queued webhook has been answered. */
  flushWebhooks(): Promise<void>;
  /** Forgets all rooms, egresses and records. */
  reset(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Internal state

interface PermissionState {
  canSubscribe: boolean;
  canPublish: boolean;
  canPublishData: boolean;
  canPublishSources: number[];
  hidden: boolean;
  recorder: boolean;
  canUpdateMetadata: boolean;
  agent: boolean;
  canSubscribeMetrics: boolean;
  canManageAgentSession: boolean;
}

interface ParticipantState {
  sid: string;
  identity: string;
  name: string;
  metadata: string;
  attributes: Record<string, string>;
  kind: number;
  joinedAtMs: number;
  version: number;
  permission: PermissionState;
  token: JsonObject;
}

interface RoomState {
  sid: string;
  name: string;
  emptyTimeout: number;
  departureTimeout: number;
  maxParticipants: number;
  metadata: string;
  creationTimeMs: number;
  createdBy: 'CreateRoom' | 'join';
  participants: Map<string, ParticipantState>;
}

interface EgressState {
  egressId: string;
  roomId: string;
  roomName: string;
  status: number;
  startedAtMs: number;
  endedAtMs: number;
  updatedAtMs: number;
  stoppedViaApi: boolean;
}

type TwirpCode =
  | 'canceled'
  | 'unknown'
  | 'invalid_argument'
  | 'malformed'
  | 'deadline_exceeded'
  | 'not_found'
  | 'bad_route'
  | 'already_exists'
  | 'permission_denied'
  | 'unauthenticated'
  | 'resource_exhausted'
  | 'failed_precondition'
  | 'aborted'
  | 'out_of_range'
  | 'unimplemented'
  | 'internal'
  | 'unavailable'
  | 'data_loss';

// twirp ServerHTTPStatusFromErrorCode
const TWIRP_STATUS: Record<TwirpCode, number> = {
  canceled: 408,
  unknown: 500,
  invalid_argument: 400,
  malformed: 400,
  deadline_exceeded: 408,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  resource_exhausted: 429,
  failed_precondition: 412,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  data_loss: 500,
};

class TwirpError extends Error {
  constructor(
    readonly code: TwirpCode,
    msg: string,
    readonly meta: Record<string, string> = {},
  ) {
    super(msg);
  }
}

/** A client-connect refusal: HTTP status and the plain-text body the server writes. */
class ConnectError extends Error {
  constructor(
    readonly status: number,
    msg: string,
  ) {
    super(msg);
  }
}

// livekit-server pkg/config defaults (limit section)
const MAX_ROOM_NAME_LENGTH = 256;
const MAX_IDENTITY_LENGTH = 256;
const MAX_PARTICIPANT_NAME_LENGTH = 256;
const MAX_METADATA_SIZE = 64_000;
const MAX_ATTRIBUTES_SIZE = 64_000;

const ACTIVE_EGRESS = new Set([0, 1]); // STARTING, ACTIVE

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** protocol utils/guid.New: prefix + 12 random base62 characters */
function guid(prefix: string): string {
  const bytes = randomBytes(12);
  let out = prefix;
  for (const b of bytes) out += ID_ALPHABET[b % ID_ALPHABET.length];
  return out;
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Go's encoding/json escapes <, > and & (twirp writes its errors with json.Marshal). */
function goJsonMarshal(v: JsonValue): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------
// Grants -> permission (protocol auth/grants.go VideoGrant.ToPermission)

const SOURCE_FROM_STRING: Record<string, number> = { camera: 1, microphone: 2, screen_share: 3, screen_share_audio: 4 };

function toPermission(v: VideoGrant): PermissionState {
  const canPublish = v.canPublish ?? true;
  return {
    canPublish,
    canPublishData: v.canPublishData ?? canPublish,
    canSubscribe: v.canSubscribe ?? true,
    canPublishSources: v.canPublishSources.map((s) => SOURCE_FROM_STRING[s.toLowerCase()] ?? 0),
    canUpdateMetadata: v.canUpdateOwnMetadata ?? false,
    hidden: v.hidden,
    recorder: v.recorder,
    agent: v.agent,
    canSubscribeMetrics: v.canSubscribeMetrics ?? false,
    canManageAgentSession: false,
  };
}

function permissionProto(p: PermissionState): ProtoMessage {
  return {
    can_subscribe: p.canSubscribe,
    can_publish: p.canPublish,
    can_publish_data: p.canPublishData,
    can_publish_sources: [...p.canPublishSources],
    hidden: p.hidden,
    recorder: p.recorder,
    can_update_metadata: p.canUpdateMetadata,
    agent: p.agent,
    can_subscribe_metrics: p.canSubscribeMetrics,
    can_manage_agent_session: p.canManageAgentSession,
  };
}

/** protocol auth/grants.go kindToProto */
function kindToProto(kind: string): number {
  switch (kind.toLowerCase()) {
    case 'ingress':
      return 1;
    case 'egress':
      return 2;
    case 'sip':
      return 3;
    case 'agent':
      return 4;
    default:
      return 0;
  }
}

// ---------------------------------------------------------------------------------------------

export async function startLiveKitDouble(options: LiveKitDoubleOptions): Promise<LiveKitDouble> {
  const double = new Double(options);
  await double.listen();
  return double;
}

class Double implements LiveKitDouble {
  readonly calls: TwirpCall[] = [];
  readonly webhooks: WebhookDelivery[] = [];
  readonly disconnects: DisconnectRecord[] = [];
  readonly revocations: RevocationRecord[] = [];

  private readonly keys: ReadonlyMap<string, string>;
  private readonly autoCreate: boolean;
  private readonly unknownFields: UnknownFieldMode;
  private readonly clock: () => number;
  private readonly twirpEncoding: EncodeOptions;
  private readonly webhookEncoding: EncodeOptions;
  private readonly defaults: { emptyTimeout: number; departureTimeout: number; maxParticipants: number };

  private roomsByName = new Map<string, RoomState>();
  private egressById = new Map<string, EgressState>();
  private webhookChain: Promise<unknown> = Promise.resolve();
  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      }
      res.end(`livekit double internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    });
  });
  private readonly sockets = new Set<Socket>();
  private port = 0;

  constructor(private readonly options: LiveKitDoubleOptions) {
    if (!options.apiKey || !options.apiSecret) throw new Error('apiKey and apiSecret are required');
    this.keys = new Map([[options.apiKey, options.apiSecret]]);
    this.autoCreate = options.autoCreate ?? false;
    this.unknownFields = options.unknownFields ?? 'reject';
    this.clock = options.clock ?? Date.now;
    const commaSpace = options.goJsonSpacing ?? true;
    this.twirpEncoding = { protoNames: (options.responseFieldNames ?? 'proto') === 'proto', emitDefaults: true, commaSpace };
    this.webhookEncoding = { protoNames: false, emitDefaults: false, commaSpace };
    this.defaults = {
      emptyTimeout: options.roomDefaults?.emptyTimeout ?? 300,
      departureTimeout: options.roomDefaults?.departureTimeout ?? 20,
      maxParticipants: options.roomDefaults?.maxParticipants ?? 0,
    };
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Socket) => this.handleUpgrade(req, socket));
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    await this.flushWebhooks();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  reset(): void {
    this.roomsByName = new Map();
    this.egressById = new Map();
    this.calls.length = 0;
    this.webhooks.length = 0;
    this.disconnects.length = 0;
    this.revocations.length = 0;
  }

  // --- inspection -----------------------------------------------------------------------------

  rooms(): DoubleRoom[] {
    return [...this.roomsByName.values()].map((r) => this.roomSnapshot(r));
  }
  room(name: string): DoubleRoom | undefined {
    const r = this.roomsByName.get(name);
    return r && this.roomSnapshot(r);
  }
  participants(room: string): DoubleParticipant[] {
    const r = this.roomsByName.get(room);
    return r ? [...r.participants.values()].map((p) => this.participantSnapshot(r, p)) : [];
  }
  participant(room: string, identity: string): DoubleParticipant | undefined {
    const r = this.roomsByName.get(room);
    const p = r?.participants.get(identity);
    return r && p ? this.participantSnapshot(r, p) : undefined;
  }
  egresses(): DoubleEgress[] {
    return [...this.egressById.values()].map((e) => ({
      egressId: e.egressId,
      roomId: e.roomId,
      roomName: e.roomName,
      status: enumName(S.EgressStatus, e.status) as EgressStatusName,
      startedAt: BigInt(e.startedAtMs) * 1_000_000n,
      endedAt: BigInt(e.endedAtMs) * 1_000_000n,
      updatedAt: BigInt(e.updatedAtMs) * 1_000_000n,
      stoppedViaApi: e.stoppedViaApi,
    }));
  }

  private roomSnapshot(r: RoomState): DoubleRoom {
    const m = this.roomProto(r);
    return {
      sid: r.sid,
      name: r.name,
      emptyTimeout: r.emptyTimeout,
      departureTimeout: r.departureTimeout,
      maxParticipants: r.maxParticipants,
      metadata: r.metadata,
      creationTime: Math.floor(r.creationTimeMs / 1000),
      creationTimeMs: r.creationTimeMs,
      numParticipants: num(m, 'num_participants'),
      numPublishers: num(m, 'num_publishers'),
      activeRecording: bool(m, 'active_recording'),
      createdBy: r.createdBy,
    };
  }

  private participantSnapshot(r: RoomState, p: ParticipantState): DoubleParticipant {
    return structuredClone({
      room: r.name,
      sid: p.sid,
      identity: p.identity,
      name: p.name,
      metadata: p.metadata,
      attributes: p.attributes,
      kind: enumName(S.ParticipantKind, p.kind),
      state: 'ACTIVE' as const,
      joinedAt: Math.floor(p.joinedAtMs / 1000),
      joinedAtMs: p.joinedAtMs,
      version: p.version,
      permission: {
        ...p.permission,
        canPublishSources: p.permission.canPublishSources.map((n) => enumName(S.TrackSource, n) as TrackSourceName),
      },
      token: p.token,
    });
  }

  // --- proto views ----------------------------------------------------------------------------

  private roomProto(r: RoomState): ProtoMessage {
    const ps = [...r.participants.values()];
    return {
      sid: r.sid,
      name: r.name,
      empty_timeout: r.emptyTimeout,
      departure_timeout: r.departureTimeout,
      max_participants: r.maxParticipants,
      creation_time: BigInt(Math.floor(r.creationTimeMs / 1000)),
      creation_time_ms: BigInt(r.creationTimeMs),
      turn_password: '',
      enabled_codecs: [],
      metadata: r.metadata,
      num_participants: ps.filter((p) => !p.permission.hidden).length,
      num_publishers: 0,
      active_recording: [...this.egressById.values()].some((e) => e.roomName === r.name && ACTIVE_EGRESS.has(e.status)),
    };
  }

  private participantProto(p: ParticipantState, state = 2, disconnectReason = 0): ProtoMessage {
    return {
      sid: p.sid,
      identity: p.identity,
      state,
      tracks: [],
      metadata: p.metadata,
      joined_at: BigInt(Math.floor(p.joinedAtMs / 1000)),
      joined_at_ms: BigInt(p.joinedAtMs),
      name: p.name,
      version: p.version,
      permission: permissionProto(p.permission),
      region: '',
      is_publisher: false,
      kind: p.kind,
      attributes: { ...p.attributes },
      disconnect_reason: disconnectReason,
      kind_details: [],
      data_tracks: [],
      client_protocol: 0,
      capabilities: [],
    };
  }

  private egressProto(e: EgressState): ProtoMessage {
    return {
      egress_id: e.egressId,
      room_id: e.roomId,
      room_name: e.roomName,
      source_type: 0,
      status: e.status,
      started_at: BigInt(e.startedAtMs) * 1_000_000n,
      ended_at: BigInt(e.endedAtMs) * 1_000_000n,
      updated_at: BigInt(e.updatedAtMs) * 1_000_000n,
      room_composite: { roomName: e.roomName },
      stream_results: [],
      file_results: [],
      segment_results: [],
      image_results: [],
      error: '',
      error_code: 0,
      details: '',
      manifest_location: '',
      backup_storage_used: false,
      retry_count: 0,
    };
  }

  // --- HTTP -----------------------------------------------------------------------------------

  private plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...extra });
    res.end(text);
  }

  /** pkg/service/auth.go APIKeyAuthMiddleware: runs before every route. */
  private authenticate(req: IncomingMessage, url: URL): { token: VerifiedToken | undefined } | RejectedToken {
    const header = req.headers.authorization;
    let raw: string;
    if (header !== undefined && header !== '') {
      if (!header.startsWith('Bearer ')) return { ok: false, status: 401, message: MSG_INVALID_AUTH_HEADER };
      raw = header.slice('Bearer '.length);
    } else {
      raw = url.searchParams.get('access_token') ?? '';
    }
    if (raw === '') return { token: undefined };
    const v = verifyAccessToken(raw, this.keys, this.clock());
    return v.ok ? { token: v } : v;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.startsWith('//') ? url.pathname.slice(1) : url.pathname;
    const extra: Record<string, string> = path === '/rtc/validate' ? { 'Access-Control-Allow-Origin': '*' } : {};
    const auth = this.authenticate(req, url);
    if ('ok' in auth) {
      if (path.startsWith('/twirp/')) {
        const body = (await readBody(req)).toString('utf8');
        this.record(path, body, null, auth.status, 'plain', auth.message);
      }
      this.plain(res, auth.status, auth.message, extra);
      return;
    }
    if (path.startsWith('/twirp/')) {
      await this.handleTwirp(req, res, path, auth.token);
      return;
    }
    if (path === '/rtc/validate') {
      try {
        this.validateConnect(auth.token, {});
        this.plain(res, 200, 'success', extra);
      } catch (e) {
        if (!(e instanceof ConnectError)) throw e;
        this.plain(res, e.status, e.message, extra);
      }
      return;
    }
    if (path === '/rtc') {
      // not a WebSocket upgrade (those arrive on 'upgrade'): the real RTCService answers 404
      res.writeHead(404);
      res.end();
      return;
    }
    if (path === '/') {
      this.plain(res, 200, 'OK');
      return;
    }
    this.plain(res, 404, '404 page not found\n');
  }

  private handleUpgrade(req: IncomingMessage, socket: Socket): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, text: string): void => {
      socket.end(
        `HTTP/1.1 ${status} ${status === 200 ? 'OK' : 'Error'}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
    };
    if (url.pathname !== '/rtc') return reply(404, '404 page not found\n');
    const auth = this.authenticate(req, url);
    if ('ok' in auth) return reply(auth.status, auth.message);
    try {
      this.validateConnect(auth.token, {});
    } catch (e) {
      if (e instanceof ConnectError) return reply(e.status, e.message);
      throw e;
    }
    reply(501, 'livekit double: WebSocket signalling is not implemented; tests connect with double.join(token)');
  }

  private record(path: string, body: string, grants: JsonObject | null, status: number, error?: string, message?: string): void {
    const [, , svc = '', method = ''] = path.split('/');
    let parsed: JsonValue | string = body;
    try {
      parsed = parseJsonLoose(body);
    } catch {
      // keep the raw text
    }
    const call: TwirpCall = {
      service: svc.replace(/^livekit\./, ''),
      method,
      body: parsed,
      grants,
      status,
      at: this.clock(),
    };
    if (error !== undefined) call.error = error;
    if (message !== undefined) call.message = message;
    this.calls.push(call);
  }

  private async handleTwirp(req: IncomingMessage, res: ServerResponse, path: string, token: VerifiedToken | undefined): Promise<void> {
    const bodyText = (await readBody(req)).toString('utf8');
    const grants = token ? token.payload : null;
    const writeError = (err: TwirpError): void => {
      const status = TWIRP_STATUS[err.code];
      this.record(path, bodyText, grants, status, err.code, err.message);
      const payload: JsonObject = { code: err.code, msg: err.message };
      if (Object.keys(err.meta).length > 0) payload['meta'] = err.meta;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(goJsonMarshal(payload));
    };
    const badRoute = (msg: string): void => writeError(new TwirpError('bad_route', msg, { twirp_invalid_route: `${req.method ?? ''} ${path}` }));

    // twirp v8 generated ServeHTTP
    if (req.method !== 'POST') return badRoute(`unsupported method ${JSON.stringify(req.method)} (only POST is allowed)`);
    const m = /^\/twirp\/([^/]+)\/([^/]+)$/.exec(path);
    const handlers = m ? this.services[m[1] ?? ''] : undefined;
    const entry = m && handlers ? handlers[m[2] ?? ''] : undefined;
    if (!m || !entry) return badRoute(`no handler for path ${JSON.stringify(path)}`);
    const ct = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (ct === 'application/protobuf') {
      return writeError(new TwirpError('unimplemented', 'livekit double: only JSON Twirp bodies are supported'));
    }
    if (ct !== 'application/json') {
      return badRoute(`unexpected Content-Type: ${JSON.stringify(req.headers['content-type'] ?? '')}`);
    }
    if (entry === 'unimplemented') {
      return writeError(new TwirpError('unimplemented', `livekit double: ${m[1]}/${m[2]} is not implemented`));
    }
    let msg: ProtoMessage;
    try {
      msg = decodeMessage(entry.req, bodyText, this.unknownFields);
    } catch (e) {
      if (!(e instanceof ProtoJsonError)) throw e;
      // handleRequestBodyError: twirp.WrapError(malformedRequestError(msg), err)
      return writeError(new TwirpError('malformed', 'the json request could not be decoded', { cause: e.message }));
    }
    let result: { def: MessageDef; message: ProtoMessage; after?: () => void };
    try {
      result = entry.handle(msg, token?.grants);
    } catch (e) {
      if (e instanceof TwirpError) return writeError(e);
      throw e;
    }
    const out = encodeMessage(result.def, result.message, this.twirpEncoding);
    this.record(path, bodyText, grants, 200);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(out)) });
    res.end(out);
    // webhooks caused by the call go out after the answer, as LiveKit queues them
    result.after?.();
  }

  // --- Twirp services -------------------------------------------------------------------------

  private readonly services: Record<
    string,
    Record<
      string,
      | { req: MessageDef; handle: (m: ProtoMessage, g: ClaimGrants | undefined) => { def: MessageDef; message: ProtoMessage; after?: () => void } }
      | 'unimplemented'
    >
  > = {
    'livekit.RoomService': {
      CreateRoom: { req: S.CreateRoomRequest, handle: (m, g) => this.createRoom(m, g) },
      ListRooms: { req: S.ListRoomsRequest, handle: (m, g) => this.listRooms(m, g) },
      DeleteRoom: { req: S.DeleteRoomRequest, handle: (m, g) => this.deleteRoom(m, g) },
      ListParticipants: { req: S.ListParticipantsRequest, handle: (m, g) => this.listParticipants(m, g) },
      GetParticipant: { req: S.RoomParticipantIdentity, handle: (m, g) => this.getParticipant(m, g) },
      RemoveParticipant: { req: S.RoomParticipantIdentity, handle: (m, g) => this.removeParticipant(m, g) },
      UpdateParticipant: { req: S.UpdateParticipantRequest, handle: (m, g) => this.updateParticipant(m, g) },
      UpdateRoomMetadata: { req: S.UpdateRoomMetadataRequest, handle: (m, g) => this.updateRoomMetadata(m, g) },
      MutePublishedTrack: 'unimplemented',
      UpdateSubscriptions: 'unimplemented',
      SendData: 'unimplemented',
      ForwardParticipant: 'unimplemented',
      MoveParticipant: 'unimplemented',
      PerformRpc: 'unimplemented',
    },
    'livekit.Egress': {
      StopEgress: { req: S.StopEgressRequest, handle: (m, g) => this.stopEgress(m, g) },
      ListEgress: { req: S.ListEgressRequest, handle: (m, g) => this.listEgress(m, g) },
      StartRoomCompositeEgress: 'unimplemented',
      StartWebEgress: 'unimplemented',
      StartParticipantEgress: 'unimplemented',
      StartTrackCompositeEgress: 'unimplemented',
      StartTrackEgress: 'unimplemented',
      UpdateLayout: 'unimplemented',
      UpdateStream: 'unimplemented',
    },
  };

  // pkg/service/auth.go: a missing grant is wrapped by twirpAuthError as `unauthenticated` (401), not permission_denied
  private static denied(): TwirpError {
    return new TwirpError('unauthenticated', 'permissions denied');
  }
  private ensureCreate(g: ClaimGrants | undefined): void {
    if (!g?.video?.roomCreate) throw Double.denied();
  }
  private ensureList(g: ClaimGrants | undefined): void {
    if (!g?.video?.roomList) throw Double.denied();
  }
  private ensureRecord(g: ClaimGrants | undefined): void {
    if (!g?.video?.roomRecord) throw Double.denied();
  }
  private ensureAdmin(g: ClaimGrants | undefined, room: string): void {
    if (!g?.video?.roomAdmin || g.video.room !== room) throw Double.denied();
  }

  private createRoom(m: ProtoMessage, g: ClaimGrants | undefined): { def: MessageDef; message: ProtoMessage; after?: () => void } {
    this.ensureCreate(g);
    if (sub(m, 'egress') !== undefined) {
      // a single-node server has no egress launcher (ErrEgressNotConnected)
      throw new TwirpError('internal', 'egress not connected (redis required)');
    }
    const name = str(m, 'name');
    if (utf8Length(name) > MAX_ROOM_NAME_LENGTH) {
      throw new TwirpError('invalid_argument', `room name length exceeds limits: max length ${MAX_ROOM_NAME_LENGTH}`);
    }
    // An empty name is accepted: the real server (v1.13.5) answers 200 and creates a room named "".
    const existing = this.roomsByName.get(name);
    if (existing) return { def: S.Room, message: this.roomProto(existing) };
    const room = this.newRoom(name, 'CreateRoom', {
      emptyTimeout: num(m, 'empty_timeout'),
      departureTimeout: num(m, 'departure_timeout'),
      maxParticipants: num(m, 'max_participants'),
      metadata: str(m, 'metadata'),
    });
    const started = this.webhookEvent('room_started', { room: this.roomProto(room) });
    return { def: S.Room, message: this.roomProto(room), after: () => void this.queueWebhook(started) };
  }

  private newRoom(
    name: string,
    createdBy: 'CreateRoom' | 'join',
    req: { emptyTimeout: number; departureTimeout: number; maxParticipants: number; metadata: string },
  ): RoomState {
    // roomallocator.CreateRoom: config defaults, overridden by non-zero request values
    const room: RoomState = {
      sid: guid('RM_'),
      name,
      emptyTimeout: req.emptyTimeout > 0 ? req.emptyTimeout : this.defaults.emptyTimeout,
      departureTimeout: req.departureTimeout > 0 ? req.departureTimeout : this.defaults.departureTimeout,
      maxParticipants: req.maxParticipants > 0 ? req.maxParticipants : this.defaults.maxParticipants,
      metadata: req.metadata,
      creationTimeMs: this.clock(),
      createdBy,
      participants: new Map(),
    };
    this.roomsByName.set(name, room);
    return room;
  }

  private listRooms(m: ProtoMessage, g: ClaimGrants | undefined): { def: MessageDef; message: ProtoMessage } {
    this.ensureList(g);
    const names = strList(m, 'names');
    const rooms = [...this.roomsByName.values()].filter((r) => names.length === 0 || names.includes(r.name));
    return { def: S.ListRoomsResponse, message: { rooms: rooms.map((r) => this.roomProto(r)) } };
  }

  private deleteRoom(m: ProtoMessage, g: ClaimGrants | undefined): { def: MessageDef; message: ProtoMessage; after?: () => void } {
    this.ensureCreate(g);
    const name = str(m, 'room');
    const room = this.roomsByName.get(name);
    if (!room) throw new TwirpError('not_found', 'requested room does not exist');
    const events = this.closeRoomState(room, 5 /* ROOM_DELETED */, 1 /* ROOM_END_API_DELETE */);
    return { def: S.Empty('livekit.DeleteRoomResponse'), message: {}, after: () => events.forEach((e) => void this.queueWebhook(e)) };
  }

  /** Disconnects everyone, forgets the room; returns the webhook events to send. */
  private closeRoomState(room: RoomState, disconnectReason: number, endReason: number): ProtoMessage[] {
    const events: ProtoMessage[] = [];
    for (const p of [...room.participants.values()]) {
      events.push(this.disconnect(room, p, disconnectReason));
    }
    this.roomsByName.delete(room.name);
    events.push(this.webhookEvent('room_finished', { room: this.roomProto(room), room_end_reason: endReason }));
    return events;
  }

  /** Removes `p` from `room` and returns its participant_left event. */
  private disconnect(room: RoomState, p: ParticipantState, reason: number): ProtoMessage {
    room.participants.delete(p.identity);
    this.disconnects.push({ room: room.name, identity: p.identity, sid: p.sid, reason: enumName(S.DisconnectReason, reason), at: this.clock() });
    return this.webhookEvent('participant_left', {
      room: this.roomProto(room),
      participant: this.participantProto(p, 3 /* DISCONNECTED */, reason),
    });
  }

  private listParticipants(m: ProtoMessage, g: ClaimGrants | undefined): { def: MessageDef; message: ProtoMessage } {
    const name = str(m, 'room');
    this.ensureAdmin(g, name);
    // localstore.ListParticipants: an unknown room is an empty list, not an error
    const room = this.roomsByName.get(name);
    const participants = room ? [...room.participants.values()].map((p) => this.participantProto(p)) : [];
    return { def: S.ListParticipantsResponse, message: { participants } };
  }

  private getParticipant(m: ProtoMessage, g: ClaimGrants | undefined): { def: MessageDef; message: ProtoMessage } {
    const name = str(m, 'room');
    this.ensureAdmin(g, name);
    const p = this.roomsByName.get(name)?.participants.get(str(m, 'identity'));
    if (!p) throw new TwirpError('not_found', 'participant does not exist');
    return { def: S.ParticipantInfo, message: this.participantProto(p) };
  }

  private removeParticipant(m: ProtoMessage, g: ClaimGrants | undefined): { def: MessageDef; message: ProtoMessage; after?: () => void } {
    const name = str(m, 'room');
    const identity = str(m, 'identity');
    this.ensureAdmin(g, name);
    const room = this.roomsByName.get(name);
    const p = room?.participants.get(identity);
    if (!room || !p) throw new TwirpError('not_found', 'participant not found');
    const ts = Number(int64(m, 'revoke_token_ts'));
    this.revocations.push({
      room: name,
      identity,
      revokeTokenTs: ts,
      effectiveTs: ts !== 0 ? ts : Math.floor(this.clock() / 1000) + 60,
      at: this.clock(),
    });
    const left = this.disconnect(room, p, 4 /* PARTICIPANT_REMOVED */);
    return { def: S.Empty('livekit.RemoveParticipantResponse'), message: {}, after: () => void this.queueWebhook(left) };
  }

  private updateParticipant(m: ProtoMessage, g: ClaimGrants | undefined): { def: MessageDef; message: ProtoMessage } {
    // roomservice.go checks the limits before the grant
    const name = str(m, 'name');
    const metadata = str(m, 'metadata');
    const attributes = strMap(m, 'attributes');
    if (utf8Length(name) > MAX_PARTICIPANT_NAME_LENGTH) {
      throw new TwirpError('invalid_argument', `name length exceeds limits ${MAX_PARTICIPANT_NAME_LENGTH}`, { argument: 'name length exceeds limits' });
    }
    if (utf8Length(metadata) > MAX_METADATA_SIZE) {
      throw new TwirpError('invalid_argument', `metadata size exceeds limits ${MAX_METADATA_SIZE}`, { argument: 'metadata size exceeds limits' });
    }
    const attrSize = Object.entries(attributes).reduce((n, [k, v]) => n + utf8Length(k) + utf8Length(v), 0);
    if (attrSize > MAX_ATTRIBUTES_SIZE) {
      throw new TwirpError('invalid_argument', `attribute size exceeds limits ${MAX_ATTRIBUTES_SIZE}`, { argument: 'attribute size exceeds limits' });
    }
    const roomName = str(m, 'room');
    this.ensureAdmin(g, roomName);
    const p = this.roomsByName.get(roomName)?.participants.get(str(m, 'identity'));
    if (!p) throw new TwirpError('not_found', 'participant does not exist');
    // ParticipantImpl.UpdateMetadata: empty name/metadata leave the value; an empty attribute value deletes the key
    if (name !== '') p.name = name;
    if (metadata !== '') p.metadata = metadata;
    for (const [k, v] of Object.entries(attributes)) {
      if (v === '') delete p.attributes[k];
      else Object.defineProperty(p.attributes, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    const perm = sub(m, 'permission');
    if (perm) {
      // SetPermission replaces the whole permission, effective at once
      p.permission = {
        canSubscribe: bool(perm, 'can_subscribe'),
        canPublish: bool(perm, 'can_publish'),
        canPublishData: bool(perm, 'can_publish_data'),
        canPublishSources: numList(perm, 'can_publish_sources'),
        hidden: bool(perm, 'hidden'),
        recorder: bool(perm, 'recorder'),
        canUpdateMetadata: bool(perm, 'can_update_metadata'),
        agent: bool(perm, 'agent'),
        canSubscribeMetrics: bool(perm, 'can_subscribe_metrics'),
        canManageAgentSession: bool(perm, 'can_manage_agent_session'),
      };
    }
    p.version++;
    return { def: S.ParticipantInfo, message: this.participantProto(p) };
  }

  private updateRoomMetadata(m: ProtoMessage, g: ClaimGrants | undefined): { def: MessageDef; message: ProtoMessage } {
    const metadata = str(m, 'metadata');
    if (utf8Length(metadata) > MAX_METADATA_SIZE) {
      throw new TwirpError('invalid_argument', `metadata size exceeds limits ${MAX_METADATA_SIZE}`, { argument: 'metadata size exceeds limits' });
    }
    const name = str(m, 'room');
    this.ensureAdmin(g, name);
    const room = this.roomsByName.get(name);
    if (!room) throw new TwirpError('not_found', 'requested room does not exist');
    room.metadata = metadata;
    return { def: S.Room, message: this.roomProto(room) };
  }

  private stopEgress(m: ProtoMessage, g: ClaimGrants | undefined): { def: MessageDef; message: ProtoMessage; after?: () => void } {
    this.ensureRecord(g);
    const e = this.egressById.get(str(m, 'egress_id'));
    if (!e) throw new TwirpError('not_found', 'egress does not exist');
    if (!ACTIVE_EGRESS.has(e.status)) {
      throw new TwirpError('failed_precondition', `egress with status ${enumName(S.EgressStatus, e.status)} cannot be stopped`);
    }
    e.status = 2; // EGRESS_ENDING, as the egress service answers
    e.updatedAtMs = this.clock();
    e.stoppedViaApi = true;
    const answer = this.egressProto(e);
    return {
      def: S.EgressInfo,
      message: answer,
      after: () => {
        e.status = 3; // EGRESS_COMPLETE
        e.endedAtMs = this.clock();
        e.updatedAtMs = e.endedAtMs;
        void this.queueWebhook(this.webhookEvent('egress_ended', { egress_info: this.egressProto(e) }));
      },
    };
  }

  private listEgress(m: ProtoMessage, g: ClaimGrants | undefined): { def: MessageDef; message: ProtoMessage } {
    this.ensureRecord(g);
    const roomName = str(m, 'room_name');
    const egressId = str(m, 'egress_id');
    const active = bool(m, 'active');
    const items = [...this.egressById.values()].filter(
      (e) => (roomName === '' || e.roomName === roomName) && (egressId === '' || e.egressId === egressId) && (!active || ACTIVE_EGRESS.has(e.status)),
    );
    return { def: S.ListEgressResponse, message: { items: items.map((e) => this.egressProto(e)) } };
  }

  // --- client connect -------------------------------------------------------------------------

  /** pkg/service/utils.go ValidateConnectRequest + roomallocator.ValidateCreateRoom; throws ConnectError. */
  private validateConnect(token: VerifiedToken | undefined, opts: JoinOptions): { token: VerifiedToken; video: VideoGrant; roomName: string } {
    const g = token?.grants;
    if (!token || !g || !g.video) throw new ConnectError(401, 'no permissions to access the room');
    if (!g.video.roomJoin) throw new ConnectError(401, 'permissions denied');
    if (g.identity === '') throw new ConnectError(400, 'identity cannot be empty');
    if (utf8Length(g.identity) > MAX_IDENTITY_LENGTH) {
      throw new ConnectError(400, `participant identity length exceeds limits: max length ${MAX_IDENTITY_LENGTH}`);
    }
    const roomName = g.video.room;
    if (roomName === '') throw new ConnectError(400, 'no room name');
    if (utf8Length(roomName) > MAX_ROOM_NAME_LENGTH) {
      throw new ConnectError(400, `room name length exceeds limits: max length ${MAX_ROOM_NAME_LENGTH}`);
    }
    if (!this.autoCreate && !this.roomsByName.has(roomName)) throw new ConnectError(404, 'requested room does not exist');
    const wantsMetadata = (opts.metadata ?? '') !== '' || Object.keys(opts.attributes ?? {}).length > 0;
    if (wantsMetadata && !(g.video.canUpdateOwnMetadata ?? false)) throw new ConnectError(401, 'no permissions to access the room');
    return { token, video: g.video, roomName };
  }

  async join(rawToken: string, opts: JoinOptions = {}): Promise<JoinResult> {
    const verified = verifyAccessToken(rawToken, this.keys, this.clock());
    if (!verified.ok) return { ok: false, status: verified.status, reason: verified.message };
    let checked: { token: VerifiedToken; video: VideoGrant; roomName: string };
    try {
      checked = this.validateConnect(verified, opts);
    } catch (e) {
      if (e instanceof ConnectError) return { ok: false, status: e.status, reason: e.message };
      throw e;
    }
    const { token, video, roomName } = checked;
    const g = token.grants;
    if (this.options.enforceRevokeTokenTs) {
      const issued = token.nbf ?? token.iat ?? 0;
      const revoked = this.revocations.some((r) => r.room === roomName && r.identity === g.identity && issued < r.effectiveTs);
      if (revoked) return { ok: false, status: 401, reason: 'livekit double: token revoked by RemoveParticipant revokeTokenTs' };
    }

    const events: ProtoMessage[] = [];
    // RoomManager.StartSession -> getOrCreateRoom (room config from the token's roomConfig)
    let room = this.roomsByName.get(roomName);
    if (!room) {
      const rc = g.roomConfig;
      room = this.newRoom(roomName, 'join', {
        emptyTimeout: rc?.emptyTimeout ?? 0,
        departureTimeout: rc?.departureTimeout ?? 0,
        maxParticipants: rc?.maxParticipants ?? 0,
        metadata: rc?.metadata ?? '',
      });
      events.push(this.webhookEvent('room_started', { room: this.roomProto(room) }));
    }
    // an existing participant with the same identity is removed first
    const existing = room.participants.get(g.identity);
    if (existing) events.push(this.disconnect(room, existing, 2 /* DUPLICATE_IDENTITY */));
    // rtc/room.go Join: dependent participants (agents, egress) do not count
    const kind = kindToProto(g.kind);
    const dependent = (k: number): boolean => k === 4 || k === 2;
    const counted = [...room.participants.values()].filter((p) => !dependent(p.kind)).length;
    if (room.maxParticipants > 0 && !dependent(kind) && counted >= room.maxParticipants) {
      await Promise.all(events.map((e) => this.queueWebhook(e)));
      return { ok: false, status: 500, reason: 'room has exceeded its max participants' };
    }
    const attributes = { ...g.attributes };
    for (const [k, v] of Object.entries(opts.attributes ?? {})) {
      if (v !== '') Object.defineProperty(attributes, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    const p: ParticipantState = {
      sid: guid('PA_'),
      identity: g.identity,
      name: g.name,
      metadata: (opts.metadata ?? '') !== '' ? (opts.metadata ?? '') : g.metadata,
      attributes,
      kind,
      joinedAtMs: this.clock(),
      version: 1,
      permission: toPermission(video),
      token: token.payload,
    };
    room.participants.set(p.identity, p);
    events.push(this.webhookEvent('participant_joined', { room: this.roomProto(room), participant: this.participantProto(p) }));
    await Promise.all(events.map((e) => this.queueWebhook(e)));
    return { ok: true, room: room.name, identity: p.identity, sid: p.sid };
  }

  async leave(roomName: string, identity: string): Promise<boolean> {
    const room = this.roomsByName.get(roomName);
    const p = room?.participants.get(identity);
    if (!room || !p) return false;
    await this.queueWebhook(this.disconnect(room, p, 1 /* CLIENT_INITIATED */));
    return true;
  }

  async closeRoom(roomName: string): Promise<boolean> {
    const room = this.roomsByName.get(roomName);
    if (!room) return false;
    const events = this.closeRoomState(room, 10 /* ROOM_CLOSED */, 2 /* ROOM_END_IDLE_TIMEOUT */);
    await Promise.all(events.map((e) => this.queueWebhook(e)));
    return true;
  }

  async startEgress(
    roomName: string,
    options: { status?: 'EGRESS_STARTING' | 'EGRESS_ACTIVE' } = {},
  ): Promise<{ egress: DoubleEgress; webhookStatus: number | null }> {
    const room = this.roomsByName.get(roomName);
    if (!room) throw new Error(`livekit double: no room ${JSON.stringify(roomName)}`);
    const now = this.clock();
    const e: EgressState = {
      egressId: guid('EG_'),
      roomId: room.sid,
      roomName,
      status: options.status === 'EGRESS_ACTIVE' ? 1 : 0,
      startedAtMs: now,
      endedAtMs: 0,
      updatedAtMs: now,
      stoppedViaApi: false,
    };
    this.egressById.set(e.egressId, e);
    const delivery = await this.queueWebhook(this.webhookEvent('egress_started', { egress_info: this.egressProto(e) }));
    const egress = this.egresses().find((x) => x.egressId === e.egressId);
    if (!egress) throw new Error('unreachable');
    return { egress, webhookStatus: delivery.status };
  }

  // --- webhooks -------------------------------------------------------------------------------

  /** telemetry NotifyEvent: id EV_…, createdAt now (unix seconds) */
  private webhookEvent(event: string, fields: ProtoMessage): ProtoMessage {
    return { event, ...fields, id: guid('EV_'), created_at: BigInt(Math.floor(this.clock() / 1000)) };
  }

  signWebhook(body: string): string {
    // protocol webhook notifier: AccessToken valid 5 min carrying sha256 = base64(SHA-256(body))
    const sha256 = createHash('sha256').update(body, 'utf8').digest('base64');
    return signToken(this.options.apiKey, this.options.apiSecret, { sha256 }, 5 * 60, this.clock());
  }

  private queueWebhook(event: ProtoMessage): Promise<WebhookDelivery> {
    const body = encodeMessage(S.WebhookEvent, event, this.webhookEncoding);
    return this.enqueue(
      body,
      undefined,
      typeof event['event'] === 'string' ? event['event'] : undefined,
      typeof event['id'] === 'string' ? event['id'] : undefined,
    );
  }

  private enqueue(body: string, authorization: string | null | undefined, event: string | undefined, id: string | undefined): Promise<WebhookDelivery> {
    const run = async (): Promise<WebhookDelivery> => {
      const auth = authorization === undefined ? this.signWebhook(body) : authorization;
      const delivery: WebhookDelivery = { event, id, body, authorization: auth, status: null, at: this.clock() };
      const target = this.options.webhookUrl;
      if (target !== undefined) {
        const r = await postWebhook(target, body, auth);
        delivery.status = r.status;
        if (r.error !== undefined) delivery.error = r.error;
      }
      this.webhooks.push(delivery);
      return delivery;
    };
    const p = this.webhookChain.then(run, run);
    this.webhookChain = p.catch(() => undefined);
    return p;
  }

  async sendWebhook(input: WebhookEventInput): Promise<number> {
    if (this.options.webhookUrl === undefined) throw new Error('livekit double: no webhookUrl configured');
    // strict decode: a typo in a test's event fails here instead of producing a silently different payload
    const m = decodePlain(S.WebhookEvent, input, 'reject');
    if (str(m, 'id') === '') m['id'] = guid('EV_');
    if (int64(m, 'created_at') === 0n) m['created_at'] = BigInt(Math.floor(this.clock() / 1000));
    const d = await this.queueWebhook(m);
    return d.status ?? 0;
  }

  async sendRawWebhook(body: string, authorization?: string | null): Promise<number> {
    if (this.options.webhookUrl === undefined) throw new Error('livekit double: no webhookUrl configured');
    let event: string | undefined;
    let id: string | undefined;
    try {
      const v = parseJsonLoose(body);
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        if (typeof v['event'] === 'string') event = v['event'];
        if (typeof v['id'] === 'string') id = v['id'];
      }
    } catch {
      // arbitrary bytes are fine
    }
    const d = await this.enqueue(body, authorization, event, id);
    return d.status ?? 0;
  }

  async flushWebhooks(): Promise<void> {
    let seen: Promise<unknown> | undefined;
    while (seen !== this.webhookChain) {
      seen = this.webhookChain;
      await seen;
    }
  }
}

function postWebhook(target: string, body: string, authorization: string | null): Promise<{ status: number; error?: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {
      'Content-Type': 'application/webhook+json',
      'Content-Length': String(Buffer.byteLength(body)),
    };
    if (authorization !== null) headers['Authorization'] = authorization;
    const req = httpRequest(target, { method: 'POST', headers, agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', (e) => resolve({ status: res.statusCode ?? 0, error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('webhook timed out')));
    req.on('error', (e) => resolve({ status: 0, error: e.message }));
    req.end(body);
  });
}
