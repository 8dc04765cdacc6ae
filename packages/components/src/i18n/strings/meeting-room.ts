import type { Role } from '@care-meet/protocol/wire';
import type { NationalIdKind } from '../../core/chat-guard.js';
import type { Catalog } from '../localize.js';

/** The meeting-structure guide (seed 001), in order. */
export const GUIDE_STEPS = ['welcome', 'purpose', 'reason', 'introductions', 'questions', 'summary'] as const;
export type GuideStep = (typeof GUIDE_STEPS)[number];

/**
 * What `<care-meeting>` says in the lobby, in the room and after it: tiles, controls, chat, the
 * meeting leader's tools, the evaluation. Loaded with the room (see `meeting.ts`).
 */
export interface MeetingRoomStrings {
  role: Readonly<Record<Role, string>>;
  /** Shown after one's own name. */
  you: string;
  speaking: string;
  micOff: string;
  cameraOff: string;
  screenOf: (name: string) => string;

  lobbyTitle: string;
  lobbyText: string;
  /** `lobbyText` when the host runs no media server: nobody sees or hears a waiting guest then, so it promises nothing about who does. */
  lobbyTextNoMedia: string;
  lobbyCamera: string;
  yourCamera: string;

  noRecording: string;
  /** The calm mark in the room's header of a meeting encrypted end to end (issue #19). */
  encrypted: string;
  /** Said once (live region) on coming into an encrypted meeting. */
  encryptedAnnounce: string;
  dialInTitle: string;
  dialNumber: string;
  meetingNumber: string;
  pin: string;

  videoRegion: string;
  controlsRegion: string;
  microphone: string;
  camera: string;
  speaker: string;
  shareScreen: string;
  devices: string;
  chat: string;
  tools: string;
  leave: string;
  turnOnSound: string;
  soundBlocked: string;

  connecting: string;
  reconnecting: string;
  reconnectingFresh: (attempt: number) => string;
  connectionLost: string;
  /** The media server could not be reached at all (a firewall, a network that blocks video calls). */
  unreachable: string;
  /** The first connection failed because nothing answers at the media server (it is not running): not the person's network. */
  serviceDown: string;
  reconnect: string;
  duplicate: string;
  /**
   * The host runs no media server for this meeting (`no-media-server`): said where the connection
   * state would be, instead of trying to connect. Not an error: there is nothing to connect to.
   */
  noMediaServer: string;

  joined: (name: string) => string;
  left: (name: string) => string;
  inRoom: string;
  newMessage: (name: string) => string;
  /** After the Chat button's name, with the count drawn on it: messages that came while the chat was closed. */
  unreadMessages: (count: number) => string;
  /** Said (live region) when a guest starts waiting in the lobby while the leader's tools are closed. */
  guestWaiting: (name: string) => string;
  /** After the leader tools button's name, with the count drawn on it: guests waiting in the lobby. */
  guestsWaiting: (count: number) => string;
  /** Said (live region) when someone else starts sharing their screen. */
  screenShared: (name: string) => string;

  chatWarning: string;
  chatLabel: string;
  send: string;
  noMessages: string;
  idKind: Readonly<Record<NationalIdKind, string>>;
  chatRefused: (kinds: string) => string;
  chatTooLong: string;
  chatFailed: string;
  /** In the chat panel instead of the field, when the host runs no media server: chat goes through it. */
  chatNoMediaServer: string;

  toolsTitle: string;
  remove: (name: string) => string;
  removeShort: string;
  guideTitle: string;
  guide: Readonly<Record<GuideStep, string>>;
  endMeeting: string;
  endTitle: string;
  endText: string;
  endConfirm: string;
  cancel: string;
  actionFailed: string;

  /** The card that asks the individual for her consent to the meeting and to who takes part (seed 004): its heading. */
  consentTitle: string;
  /** Above the list of everyone taking part. */
  consentQuestion: string;
  /** Beside someone the consent in force does not cover: added after it was given, or since the list was shown. */
  consentNew: string;
  consentAgree: string;
  /** Hides the card for this visit to the room. */
  consentNotNow: string;
  /** Under the list: what to do instead of agreeing. */
  consentRefuse: string;
  consentRecorded: string;
  /** Closes the "consent recorded" confirmation. */
  consentClose: string;
  /** The list changed between showing it and agreeing (`PARTICIPANTS_CHANGED`): it is shown again. */
  consentChanged: string;
  /** Before the reason, when recording failed. */
  consentFailed: string;

  evaluationTitle: string;
  evaluationIntro: string;
  scaleLow: string;
  scaleHigh: string;
  yes: string;
  no: string;
  submit: string;
  sending: string;
  evaluationSent: string;
  evaluationAlreadySent: string;
  evaluationFailed: string;
}

/** Each language loads when an element first shows it: see `Catalog` in ../localize.ts. */
export const meetingRoomStrings: Catalog<MeetingRoomStrings> = {
  en: () => import('./en/meeting-room.js'),
  sv: () => import('./sv/meeting-room.js'),
  da: () => import('./da/meeting-room.js'),
  nb: () => import('./nb/meeting-room.js'),
  fi: () => import('./fi/meeting-room.js'),
};
