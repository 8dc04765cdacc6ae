import type { OidcMethod } from '@care-meet/protocol/wire';
import type { VerifyAction, VerifyProblem } from '../../core/verify-identity-flow.js';
import type { Catalog } from '../localize.js';

/** A problem as the person reads it: what went wrong, and what to do next. */
export interface ProblemText {
  title: string;
  text: string;
}

type Method = (method: string) => ProblemText;

/** Everything `<care-verify-identity>` says. */
export interface VerifyIdentityStrings {
  /** For dates and times (`Intl`): the language with the region whose conventions we write. */
  locale: string;
  title: string;
  invitationFor: (name: string) => string;
  meetingAt: (when: string) => string;
  /** Said while each action is under way, beside the spinner. */
  progress: Readonly<Record<VerifyAction, string>>;

  /** The e-identifications, as they read mid-sentence. */
  method: Readonly<Record<OidcMethod, string>>;
  loginIntro: (method: string) => string;
  loginButton: (method: string) => string;
  popupHint: string;
  loginWaiting: string;
  showWindow: string;
  cancel: string;

  smsIntro: string;
  sendCode: string;
  codeSent: (to: string, until: string) => string;
  codeLabel: string;
  codeHint: string;
  submitCode: string;
  resendCode: string;

  nameLabel: string;
  nameHint: string;
  submitName: string;

  verifiedTitle: string;
  verifiedText: string;
  tryAgain: string;
  /** Added when the invitation was lost on the way back from a failed login. */
  reopenLink: string;

  problem: {
    codeInvalid: (triesLeft: number | undefined) => ProblemText;
    /** `minutes`: how long a code is valid, when the server said (its setting). */
    codeExpired: (minutes: number | undefined) => ProblemText;
    codeFormat: ProblemText;
    tooManyWrongCodes: ProblemText;
    codesWait: (minutes: number) => ProblemText;
    noMoreCodes: ProblemText;
    rateLimited: ProblemText;
    inviteExpired: ProblemText;
    inviteUsed: ProblemText;
    linkBroken: ProblemText;
    meetingEnded: ProblemText;
    removed: ProblemText;
    identityMismatch: Method;
    assuranceTooLow: Method;
    loginFailed: ProblemText;
    loginCancelled: ProblemText;
    idpUnavailable: Method;
    sendFailed: ProblemText;
    network: ProblemText;
    invalidName: ProblemText;
    other: ProblemText;
  };
}

/**
 * What went wrong and what to do next, for `problem`, in the language of `strings`. `method` is
 * the invitation's e-identification, when it is one.
 *
 * @example
 * describeProblem(await loadStrings(verifyIdentityStrings, 'en'), { code: 'CODE_INVALID', triesLeft: 3, … }, 'bankid');
 * // { title: 'Wrong code', text: '… you have 3 tries left.' }
 */
export function describeProblem(strings: VerifyIdentityStrings, problem: VerifyProblem, method: OidcMethod | null): ProblemText {
  const p = strings.problem;
  const m = method ? strings.method[method] : strings.method.bankid;
  const described = ((): ProblemText => {
    switch (problem.code) {
      case 'CODE_INVALID':
        return p.codeInvalid(problem.triesLeft);
      case 'CODE_EXPIRED':
        return p.codeExpired(problem.validMinutes);
      case 'CODE_FORMAT':
        return p.codeFormat;
      case 'RATE_LIMITED':
        if (problem.during === 'check-code') return p.tooManyWrongCodes;
        if (problem.noMoreCodes) return p.noMoreCodes;
        if (problem.waitMinutes !== undefined) return p.codesWait(problem.waitMinutes);
        return p.rateLimited;
      case 'INVITE_EXPIRED':
        return p.inviteExpired;
      case 'INVITE_USED':
        return p.inviteUsed;
      case 'NOT_FOUND':
      case 'INVITE_MISSING':
        return p.linkBroken;
      case 'MEETING_ENDED':
        return p.meetingEnded;
      case 'REMOVED':
        return p.removed;
      case 'IDENTITY_MISMATCH':
        return p.identityMismatch(m);
      case 'ASSURANCE_TOO_LOW':
        return p.assuranceTooLow(m);
      case 'LOGIN_FAILED':
        return p.loginFailed;
      case 'LOGIN_CANCELLED':
        return p.loginCancelled;
      case 'IDP_UNAVAILABLE':
        return p.idpUnavailable(m);
      case 'SEND_FAILED':
        return p.sendFailed;
      case 'NETWORK':
        return p.network;
      case 'INVALID_NAME':
        return p.invalidName;
      default:
        return p.other;
    }
  })();
  // A login that failed on the way back, with the invitation lost: only the link can start again.
  const lost =
    problem.final && problem.during === 'login' && !['INVITE_USED', 'INVITE_EXPIRED', 'MEETING_ENDED', 'REMOVED', 'NOT_FOUND'].includes(problem.code);
  return lost ? { title: described.title, text: `${described.text} ${strings.reopenLink}` } : described;
}

/** Kept here too, where the tables first imported it from. */
export { plural } from '../localize.js';

/** Each language loads when an element first shows it: see `Catalog` in ../localize.ts. */
export const verifyIdentityStrings: Catalog<VerifyIdentityStrings> = {
  en: () => import('./en/verify-identity.js'),
  sv: () => import('./sv/verify-identity.js'),
  da: () => import('./da/verify-identity.js'),
  nb: () => import('./nb/verify-identity.js'),
  fi: () => import('./fi/verify-identity.js'),
};
