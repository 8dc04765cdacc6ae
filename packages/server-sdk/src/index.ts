export { CareMeet } from './care-meet.js';
export type {
  CareMeetOptions,
  Caller,
  EvaluationQuestion,
  InviteView,
  JoinResult,
  MeetingView,
  ParticipantView,
  Roster,
  RosterEntry,
  SessionGrant,
} from './care-meet.js';
export { CareMeetError, HTTP_STATUS_BY_CODE, isCareMeetError, type CareMeetErrorCode } from './errors.js';
export * from './model.js';
export {
  DEFAULT_ADMISSION_POLICY,
  decideChairAction,
  decideJoin,
  grantsFor,
  meetingState,
  type AdmissionPolicy,
  type ChairAction,
  type JoinDecision,
  type MediaGrants,
} from './admission/decide.js';
export { MAX_TOKEN_TTL_SECONDS, mintToken, type MintOptions } from './livekit/mint-token.js';
export { LiveKitRoomControl, DEFAULT_ROOM_LIMITS, type RoomControl, type RoomLimits } from './livekit/room-control.js';
export type { MeetingStore, Stranger, ConnectionChange } from './store/meeting-store.js';
export { SqliteMeetingStore } from './store/sqlite-store.js';
export { MeetingEventBus, type MeetingEvent } from './events.js';
export { createCareMeetHandler, type FetchHandler, type HandlerOptions, type RequestContext } from './http/handler.js';
export { toNodeListener, type NodeListenerOptions } from './http/node-adapter.js';
export { ENVIRONMENT, configFromEnv, createServer, type RunningServer, type ServerConfig } from './config.js';
export { jsonLogger, silentLogger, type Logger } from './logger.js';
export { parseBookMeeting, parseParticipant, parseProvenIdentity, type BookMeetingInput, type ParticipantInput } from './schemas.js';
export * from './validation/index.js';
