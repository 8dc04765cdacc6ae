export { CareMeet } from './care-meet.js';
export type {
  CareMeetOptions,
  ConsentView,
  Caller,
  EvaluationQuestion,
  InviteView,
  JoinResult,
  MeetingView,
  OwnStanding,
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
  decideConsent,
  decideJoin,
  grantsFor,
  meetingState,
  type AdmissionPolicy,
  type ChairAction,
  type JoinDecision,
  type MediaGrants,
} from './admission/decide.js';
export { MAX_TOKEN_TTL_SECONDS, mintToken, type MintOptions } from './livekit/mint-token.js';
export {
  LiveKitRoomControl,
  DEFAULT_ROOM_LIMITS,
  type LiveParticipant,
  type MediaServerPermission,
  type RoomControl,
  type RoomLimits,
} from './livekit/room-control.js';
export type {
  MeetingStore,
  Stranger,
  ConnectionChange,
  OidcMethod,
  PendingLogin,
  RateLimitCount,
  Redemption,
  RoomToDelete,
  SmsCodeAttempt,
  SmsCodeAttemptResult,
  SmsCodeIssue,
  SmsCodeIssueResult,
  WebhookClaim,
  WebhookClaimResult,
  SealedMeetingKey,
  KeyRotation,
} from './store/meeting-store.js';
export { KEYRING_SIZE, MEETING_KEY_BYTES, MeetingKeyError, MeetingKeySealer, keyringIndex, newMeetingKey, parseKeyEncryptionKey } from './e2ee/meeting-keys.js';
export { DEFAULT_ROOM_DELETION_RETRY, ROOM_DELETIONS_LEASE, type RoomDeletionRetry } from './livekit/room-deletions.js';
export { SCHEMA_VERSION, SqliteMeetingStore, StoreSchemaError } from './store/sqlite-store.js';
export { PostgresMeetingStore, type PostgresMeetingStoreOptions } from './store/postgres-store.js';
export { POSTGRES_SCHEMA_VERSION } from './store/postgres-schema.js';
export { isPostgresUrl, openMeetingStore } from './store/open-store.js';
export {
  MeetingEventBus,
  type ConsentRequestEvent,
  type MeetingEvent,
  type MeetingEventFanOut,
  type MeetingEventResyncListener,
  type ParticipantStreamEvent,
} from './events.js';
export { NOTIFY_PAYLOAD_LIMIT, PostgresEventFanOut, eventChannelFor, type EventChannelTimings } from './store/postgres-events.js';
export { LOGIN_BINDING_COOKIE, createCareMeetHandler, type FetchHandler, type HandlerOptions, type RequestContext } from './http/handler.js';
export {
  MESSAGE_LANGUAGES,
  OutboxSender,
  defaultMessageTimeZone,
  formatMeetingTime,
  invitationMessage,
  maskPhone,
  smsCodeMessage,
  type InvitationMessage,
  type MessageLanguage,
  type MessageSender,
  type OutboxMessage,
} from './identity/messages.js';
export {
  DEFAULT_IDENTITY_CLAIMS,
  IDENTITY_KIND_OF_METHOD,
  LOGIN_TTL_MS,
  OIDC_METHODS,
  type IdentityClaimNames,
  type IdentityProviderConfig,
  type IdentityProviderFetch,
  type IdentityProviders,
} from './identity/oidc.js';
export { SMS_CODE_POLICY, type SmsCodePolicy } from './identity/sms.js';
export { VERIFY_METHODS, isVerifyMethod } from './identity/verify-methods.js';
export { preferredMessageLanguage } from './identity/accept-language.js';
export { DEFAULT_SMS_BODY, HttpSmsGateway, SmsGatewayError, type JsonValue, type SmsGatewayFailure, type SmsGatewayOptions } from './delivery/sms-gateway.js';
export { SmtpMailer, type SmtpMailerOptions } from './delivery/smtp-mailer.js';
export { MessageTransports, NoTransportError } from './delivery/message-transports.js';
export { DEFAULT_ACCEPTED_ACR, DEPLOYMENT_ENVIRONMENT, e2eeSettingFrom, type DeploymentSettings } from './deployment-settings.js';
export type { CareVerifyResultMessage, OidcCallbackOutcome } from './identity/oidc-callback-page.js';
export { toNodeListener, type NodeListenerOptions } from './http/node-adapter.js';
export { ENVIRONMENT, configFromEnv, createServer, type RunningServer, type ServerConfig } from './config.js';
export { jsonLogger, silentLogger, type Logger } from './logger.js';
export { parseBookMeeting, parseParticipant, parseProvenIdentity, type BookMeetingInput, type ParticipantInput } from './schemas.js';
export * from './validation/index.js';
