import { plural, type VerifyIdentityStrings } from '../verify-identity.js';

/** English: see `VerifyIdentityStrings` in ../verify-identity.ts. */
export const strings: VerifyIdentityStrings = {
  locale: 'en-GB',
  title: 'Show who you are',
  invitationFor: (name) => `This invitation is for ${name}.`,
  meetingAt: (when) => `The meeting starts on ${when}.`,
  progress: {
    invite: 'Reading your invitation…',
    login: 'Waiting for the login…',
    'send-code': 'Sending the code…',
    'check-code': 'Checking the code…',
    name: 'Sending your name…',
  },

  method: { bankid: 'BankID', siths: 'SITHS card', mitid: 'MitID', 'bankid-no': 'Norwegian BankID', suomifi: 'Suomi.fi' },
  loginIntro: (method) => `To join the meeting, log in with ${method}, so we know it is you.`,
  loginButton: (method) => `Log in with ${method}`,
  popupHint: 'The login opens in a new window.',
  loginWaiting: 'Log in in the window that opened. This page continues by itself when you are done.',
  showWindow: 'Show the login window',
  cancel: 'Cancel',

  smsIntro: 'We send a code by text message (SMS) to the mobile number the meeting leader registered for you.',
  sendCode: 'Send code',
  codeSent: (to, until) => `We sent a code to ${to}. It is valid until ${until}.`,
  codeLabel: 'Code from the SMS',
  codeHint: '6 digits',
  submitCode: 'Continue',
  resendCode: 'Send a new code',

  nameLabel: 'Your first and last name',
  nameHint: 'The meeting leader sees your name and lets you in.',
  submitName: 'Continue',

  verifiedTitle: 'You have shown who you are',
  verifiedText: 'You can go on to the meeting.',
  tryAgain: 'Try again',
  reopenLink: 'Open the link in your invitation again to start over.',

  problem: {
    codeInvalid: (n) => ({
      title: 'Wrong code',
      text:
        n === undefined
          ? 'The code does not match the one we sent. Check the SMS and type it again.'
          : n === 0
            ? 'That was the last try for this code. Send a new code and type that one.'
            : `The code does not match the one we sent. Check the SMS and try again: you have ${n} ${plural(n, 'try', 'tries')} left.`,
    }),
    codeExpired: (minutes) => ({
      title: 'The code has expired',
      text: `${minutes === undefined ? 'A code is valid for a short time only.' : `A code is valid for ${minutes} ${plural(minutes, 'minute', 'minutes')}.`} Send a new code and type that one.`,
    }),
    codeFormat: { title: 'Check the code', text: 'The code is the 6 digits in the SMS.' },
    tooManyWrongCodes: { title: 'Too many tries', text: 'The code was typed wrong too many times. Send a new code and type that one.' },
    codesWait: (n) => ({ title: 'Too many codes sent', text: `Wait ${n} ${plural(n, 'minute', 'minutes')}, then send a new code.` }),
    noMoreCodes: { title: 'No more codes can be sent', text: 'Contact the meeting leader to get a new invitation.' },
    rateLimited: { title: 'Too many tries', text: 'Wait a minute, then try again.' },
    inviteExpired: { title: 'The link has expired', text: 'Ask the meeting leader for a new invitation.' },
    inviteUsed: {
      title: 'The link has already been used',
      text: 'An invitation link works once. If you have already joined on another device or in another window, go on there. Otherwise ask the meeting leader for a new invitation.',
    },
    linkBroken: {
      title: 'The link does not work',
      text: 'Open the whole link from your invitation again. If it still does not work, ask the meeting leader for a new one.',
    },
    meetingEnded: { title: 'The meeting has ended', text: 'It is no longer possible to join. Contact the meeting leader if you have questions.' },
    removed: {
      title: 'You cannot join this meeting',
      text: 'The meeting leader has taken you off the meeting. Contact them if you think this is a mistake.',
    },
    identityMismatch: (m) => ({
      title: 'The login does not match the invitation',
      text: `The ${m} you logged in with belongs to someone other than the person this invitation is for. If the invitation is yours, ask the meeting leader to check it. If someone else logged in, let the invited person log in with their own ${m}.`,
    }),
    assuranceTooLow: (m) => ({
      title: 'The login is not secure enough',
      text: `This meeting needs a safer e-identification than the one you used. Log in again with ${m}.`,
    }),
    loginFailed: { title: 'The login did not go through', text: 'It was cancelled, took too long, or failed on the way. Try again.' },
    loginCancelled: { title: 'The login was cancelled', text: 'The login window closed before you had logged in. Try again when you are ready.' },
    idpUnavailable: (m) => ({
      title: 'The login service does not answer',
      text: `Logging in with ${m} does not work right now. Try again in a few minutes.`,
    }),
    sendFailed: { title: 'The SMS could not be sent', text: 'Try again in a while. If it still fails, contact the meeting leader.' },
    network: { title: 'No connection', text: 'We cannot reach the meeting service. Check that you are online, then try again.' },
    invalidName: { title: 'Check your name', text: 'Type your first and last name, in letters.' },
    other: { title: 'Something went wrong', text: 'Try again. If it happens again, contact support.' },
  },
};
