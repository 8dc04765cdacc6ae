import type { ConsentHow, ConsentView, IdentityKind, Role, RosterStatus, VerifyMethod } from '@care-meet/protocol/wire';
import type { Catalog } from '../localize.js';
import type { ChairActionStrings } from './chair-actions.js';

/** Why the roster cannot be shown (the server's code), or `other`. */
export type RosterProblem = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'other';

/** Why an admit or remove failed (the server's code), or `other`. */
export type ActionProblem = 'NETWORK' | 'FORBIDDEN' | 'MEETING_ENDED' | 'NOT_FOUND' | 'other';

/**
 * Everything `<care-roster>` says. Functions that take a person's `name` return a button's or
 * link's accessible name: it always contains the visible label word for word (WCAG 2.5.3), so
 * "Ta bort" is spoken, and can be said to voice control, as "Ta bort Rut Exempel".
 */
export interface RosterStrings extends ChairActionStrings {
  title: string;
  /** The badge, for screen readers and when it changes: "3 av 5 anslutna". */
  count: (connected: number, registered: number) => string;

  loading: string;
  noMeeting: string;
  reconnecting: string;
  ended: string;
  problem: Readonly<Record<RosterProblem, string>>;

  role: Readonly<Record<Role, string>>;
  /** How the person proves who they are. */
  verify: Readonly<Record<VerifyMethod, string>>;
  /** What the masked id is; a guest's is their phone number or e-mail address. */
  idKind: Readonly<Record<Exclude<IdentityKind, 'guest'>, string>>;
  guestContact: Readonly<Record<'sms-code' | 'name', string>>;
  /** After the name a guest typed (`typedName`), when it is not the name on the list. */
  typedNameDiffers: string;
  status: Readonly<Record<RosterStatus, string>>;
  connectedAt: (time: string) => string;

  lobbyTitle: string;
  connectedTitle: string;
  notConnectedTitle: string;
  removedTitle: string;
  strangersTitle: string;
  strangersText: string;
  strangerAt: (time: string) => string;

  /** Not connected `minutes` after the start (the rule's threshold, `NO_SHOW_AFTER_MS`). */
  noShow: (minutes: number) => string;
  call: (phone: string) => string;
  callNamed: (phone: string, name: string) => string;

  admit: string;
  admitNamed: (name: string) => string;
  turnAway: string;
  turnAwayNamed: (name: string) => string;
  remove: string;
  removeNamed: (name: string) => string;
  readmit: string;
  readmitNamed: (name: string) => string;

  /** Removing someone not on the list: what happens to them (in place of `removeText`). */
  confirmRemoveStrangerText: string;
  cancel: string;

  failedAdmit: (name: string) => string;
  failedRemove: (name: string) => string;
  failedTurnAway: (name: string) => string;
  actionProblem: Readonly<Record<ActionProblem, string>>;

  /** The individual's consent is not recorded (the warning, and what is announced). */
  consentMissing: string;
  /** "Consent given 10:05". */
  consentGiven: (time: string) => string;
  /** How consent was given and who recorded it, as a sentence: "Told to staff verbally, recorded by the meeting leader." */
  consentHow: (how: ConsentHow, by: ConsentView['by']) => string;
  /** Before the names of people the consent does not cover (added after it was given). */
  consentNotCovered: string;
  /** "Consent withdrawn 10:12", and what the chair should do about it. */
  consentWithdrawn: (time: string) => string;
  recordConsent: string;
  recordConsentAgain: string;
  /** The confirmation's question, above the list of everyone on it. */
  consentQuestion: (individual: string) => string;
  /** The individual, when the list has no one registered as such to name. */
  consentIndividual: string;
  consentHowLegend: string;
  consentVerbal: string;
  consentWritten: string;
  /** Beside someone in the confirmation's list who was not on it when the chair opened it. */
  consentAdded: string;
  /** The confirmation's confirm button. */
  confirm: string;
  /** The server refused because the list changed between showing it and confirming (`PARTICIPANTS_CHANGED`). */
  consentChanged: string;
  failedConsent: string;
  /** The button, while consent is in force, for a withdrawal the individual told the chair about. */
  recordWithdrawal: string;
  /** The withdrawal confirmation's question. */
  withdrawalQuestion: (individual: string) => string;
  /** Under the question: what a withdrawal means for the meeting. */
  withdrawalText: string;
  failedWithdrawal: string;
  /** The server had no consent in force to withdraw (`CONFLICT`): she withdrew it herself meanwhile, say. */
  withdrawalNotInForce: string;

  announceWaiting: (name: string) => string;
  announceStranger: (name: string) => string;
  announceNoShow: (name: string) => string;
}

/** Each language loads when an element first shows it: see `Catalog` in ../localize.ts. */
export const rosterStrings: Catalog<RosterStrings> = {
  en: () => import('./en/roster.js'),
  sv: () => import('./sv/roster.js'),
  da: () => import('./da/roster.js'),
  nb: () => import('./nb/roster.js'),
  fi: () => import('./fi/roster.js'),
};
