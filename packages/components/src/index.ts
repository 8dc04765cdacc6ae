// Elements: importing this module defines every tag. To import a class without defining it, or to
// define it under another name, import from `elements/…` instead.
export { CareDeviceCheck } from './define/care-device-check.js';
export { CareMeeting } from './define/care-meeting.js';
export type { HostSession, MeetingPhaseKind } from './elements/meeting/meeting.js';
export { CareRoster } from './define/care-roster.js';
export { CareVerifyIdentity } from './define/care-verify-identity.js';

// Events
export { DeviceCheckCompleteEvent } from './events/device-check-complete.js';
export { RosterAdmitEvent, RosterConsentEvent, RosterConsentWithdrawEvent, RosterRemoveEvent } from './events/roster-events.js';
export type { RosterAdmitDetail, RosterConsentDetail, RosterConsentWithdrawDetail, RosterRemoveDetail } from './events/roster-events.js';
export { VerifiedEvent } from './events/verify-identity-verified.js';
export {
  MeetingConnectionEvent,
  MeetingEndedEvent,
  MeetingEndRequestEvent,
  MeetingErrorEvent,
  MeetingEvaluationEvent,
  MeetingJoinedEvent,
  MeetingLeaveRequestEvent,
  MeetingLeftEvent,
  MeetingRemovedEvent,
  MeetingWaitingEvent,
} from './events/meeting-events.js';
export type {
  MeetingConnectionDetail,
  MeetingEndedDetail,
  MeetingEndRequestDetail,
  MeetingErrorDetail,
  MeetingEvaluationDetail,
  MeetingJoinedDetail,
  MeetingLeaveRequestDetail,
  MeetingLeftDetail,
  MeetingRemovedDetail,
  MeetingWaitingDetail,
} from './events/meeting-events.js';

// The meeting session shared by the elements, and its HTTP client
export { CareApiClient, CareApiError } from './core/api-client.js';
export type * from '@care-meet/protocol/wire';
export { openEventStream } from './core/event-stream.js';
export { MeetingSession } from './core/meeting-session.js';
export type { MeetingPhase, MeetingSessionOptions, MeetingSessionState, RefreshOptions } from './core/meeting-session.js';
export { disconnectCauseOf, INITIAL_ROOM_STATE, MAX_MESSAGES, readParticipant, roleOf, RoomStateStore } from './core/room-state.js';
export type {
  ChatMessage,
  ConnectionStatus,
  DisconnectCause,
  LocalProblems,
  Participant,
  ParticipantLike,
  PublicationLike,
  RoomLike,
  RoomListener,
  RoomState,
  TrackLike,
} from './core/room-state.js';
export { defaultMediaRoomFactory, LiveKitMediaRoom } from './core/media-room.js';
export type { LiveRoom, LocalParticipantLike, MediaConnectOptions, MediaRoom, MediaRoomFactory, MediaRoomPurpose } from './core/media-room.js';
export { CHAT_MAX_LENGTH, CHAT_TOPIC, checkChatMessage, decodeChat, encodeChat, maskNationalIds } from './core/chat-guard.js';
export type { ChatVerdict, NationalIdKind } from './core/chat-guard.js';
export { meetingContext } from './context/meeting-context.js';
export { deriveRosterView, flaggedAheadOfServer, noShowDueAt, NO_SHOW_AFTER_MS } from './core/roster-view.js';
export type { RosterConsent, RosterPerson, RosterView } from './core/roster-view.js';
export { RosterFeed, sessionRosterSource } from './core/roster-feed.js';
export type { RosterFeedOptions, RosterFeedState, RosterSource } from './core/roster-feed.js';
export { browserEnvironment, isOidcMethod, normalizeCode, PENDING_LOGIN_KEY, toProblem, VerifyIdentityFlow } from './core/verify-identity-flow.js';
export type {
  LoginWindow,
  VerifiedIdentity,
  VerifyAction,
  VerifyEnvironment,
  VerifyIdentityFlowOptions,
  VerifyIdentityState,
  VerifyPhase,
  VerifyProblem,
} from './core/verify-identity-flow.js';

// Core: framework-agnostic state and checks, for hosts building their own UI
export { checkBrowserSupport, detectBrowser, detectSinkSupport, guidanceTarget } from './core/browser-support.js';
export type { BrowserFeature, BrowserInfo, BrowserName, BrowserSupport, GuidanceTarget, OsName, SinkSupport } from './core/browser-support.js';
export { checkConnection, ConnectionCheck, toHttpUrl } from './core/connection-check.js';
export type { ConnectionCheckOptions, ConnectionProblem, ConnectionReport, ConnectionState, StepStatus } from './core/connection-check.js';
export { CHECK_NAMES, collectResults } from './core/device-check-results.js';
export type {
  BrowserDetail,
  CameraDetail,
  CheckName,
  CheckProgress,
  CheckResult,
  CheckStatus,
  ConnectionDetail,
  DeviceCheckResults,
  MicrophoneDetail,
  SpeakerDetail,
} from './core/device-check-results.js';
export { DEVICE_PREFERENCES_KEY, DevicePreferences } from './core/device-preferences.js';
export type { DeviceChoices, DevicePreferencesOptions, StorageLike } from './core/device-preferences.js';
export { LevelMeter, rmsToLevel, rootMeanSquare } from './core/level-meter.js';
export type { LevelMeterOptions, LevelReading } from './core/level-meter.js';
export { MediaCheck } from './core/media-check.js';
export type { InputState, InputStatus, MediaCheckOptions, MediaCheckState, Question, ToneStatus } from './core/media-check.js';
export { listDevices, openInputs } from './core/media-devices.js';
export type { DeviceKind, DeviceLists, DeviceOption, InputKind, OpenedInput } from './core/media-devices.js';
export { classifyMediaError } from './core/media-problem.js';
export type { MediaProblem } from './core/media-problem.js';
export { Store } from './core/observable.js';
export type { Readable, Unsubscribe } from './core/observable.js';
export { playTestTone } from './core/test-tone.js';
export type { TestTone, TestToneOptions } from './core/test-tone.js';

// Lit adapters and text
export { SubscribeController } from './controllers/subscribe-controller.js';
export {
  DEFAULT_LANG,
  LANGS,
  LocalizeController,
  loadStrings,
  matchLang,
  pickText,
  plural,
  resolveLang,
  stringsLoading,
  updateWithStrings,
} from './i18n/localize.js';
export type { Catalog, Lang, Translations } from './i18n/localize.js';
// The string tables are catalogs: `await loadStrings(deviceCheckStrings, 'sv')` gives the Swedish words.
export { deviceCheckStrings } from './i18n/strings/device-check.js';
export type { BrowserAdvice, DeviceCheckStrings } from './i18n/strings/device-check.js';
export { meetingStrings, refusalText } from './i18n/strings/meeting.js';
export type { MeetingStrings } from './i18n/strings/meeting.js';
export { GUIDE_STEPS, meetingRoomStrings } from './i18n/strings/meeting-room.js';
export type { GuideStep, MeetingRoomStrings } from './i18n/strings/meeting-room.js';
export { chairActionStrings } from './i18n/strings/chair-actions.js';
export type { ChairActionStrings } from './i18n/strings/chair-actions.js';
export { rosterStrings } from './i18n/strings/roster.js';
export type { ActionProblem, RosterProblem, RosterStrings } from './i18n/strings/roster.js';
export { mediaGuidance, mediaGuidanceStrings } from './i18n/strings/media-guidance.js';
export type { DeviceNoun, MediaGuidanceStrings } from './i18n/strings/media-guidance.js';
