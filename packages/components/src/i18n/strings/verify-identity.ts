import type { OidcMethod } from '../../core/api-types.js';
import type { VerifyAction, VerifyProblem } from '../../core/verify-identity-flow.js';
import type { Translations } from '../localize.js';

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
    codeExpired: ProblemText;
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
 * describeProblem(verifyIdentityStrings.en, { code: 'CODE_INVALID', triesLeft: 3, … }, 'bankid');
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
        return p.codeExpired;
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
  const lost = problem.final && problem.during === 'login' && !['INVITE_USED', 'INVITE_EXPIRED', 'MEETING_ENDED', 'REMOVED', 'NOT_FOUND'].includes(problem.code);
  return lost ? { title: described.title, text: `${described.text} ${strings.reopenLink}` } : described;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const verifyIdentityStrings: Translations<VerifyIdentityStrings> = {
  en: {
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

    method: { bankid: 'BankID', siths: 'SITHS card', mitid: 'MitID' },
    loginIntro: (method) => `To join the meeting, log in with ${method}, so we know it is you.`,
    loginButton: (method) => `Log in with ${method}`,
    popupHint: 'The login opens in a new window.',
    loginWaiting: 'Log in in the window that opened. This page continues by itself when you are done.',
    showWindow: 'Show the login window',
    cancel: 'Cancel',

    smsIntro: 'We send a code by text message (SMS) to the mobile number in your invitation.',
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
          n === undefined ? 'The code does not match the one we sent. Check the SMS and type it again.'
          : n === 0 ? 'That was the last try for this code. Send a new code and type that one.'
          : `The code does not match the one we sent. Check the SMS and try again: you have ${n} ${plural(n, 'try', 'tries')} left.`,
      }),
      codeExpired: { title: 'The code has expired', text: 'A code is valid for 10 minutes. Send a new code and type that one.' },
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
  },
  sv: {
    locale: 'sv-SE',
    title: 'Visa vem du är',
    invitationFor: (name) => `Inbjudan gäller ${name}.`,
    meetingAt: (when) => `Mötet börjar ${when}.`,
    progress: {
      invite: 'Läser din inbjudan…',
      login: 'Väntar på inloggningen…',
      'send-code': 'Skickar koden…',
      'check-code': 'Kontrollerar koden…',
      name: 'Skickar ditt namn…',
    },

    method: { bankid: 'BankID', siths: 'SITHS-kort', mitid: 'MitID' },
    loginIntro: (method) => `För att delta i mötet loggar du in med ${method}, så att vi vet att det är du.`,
    loginButton: (method) => `Logga in med ${method}`,
    popupHint: 'Inloggningen öppnas i ett nytt fönster.',
    loginWaiting: 'Logga in i fönstret som öppnades. Den här sidan fortsätter av sig själv när du är klar.',
    showWindow: 'Visa inloggningsfönstret',
    cancel: 'Avbryt',

    smsIntro: 'Vi skickar en kod med sms till mobilnumret i din inbjudan.',
    sendCode: 'Skicka kod',
    codeSent: (to, until) => `Vi har skickat en kod till ${to}. Den gäller till kl. ${until}.`,
    codeLabel: 'Koden i sms:et',
    codeHint: '6 siffror',
    submitCode: 'Fortsätt',
    resendCode: 'Skicka en ny kod',

    nameLabel: 'Ditt för- och efternamn',
    nameHint: 'Mötesledaren ser ditt namn och släpper in dig.',
    submitName: 'Fortsätt',

    verifiedTitle: 'Du har visat vem du är',
    verifiedText: 'Du kan gå vidare till mötet.',
    tryAgain: 'Försök igen',
    reopenLink: 'Öppna länken i din inbjudan igen för att börja om.',

    problem: {
      codeInvalid: (n) => ({
        title: 'Fel kod',
        text:
          n === undefined ? 'Koden stämmer inte med den vi skickade. Titta i sms:et och skriv in den igen.'
          : n === 0 ? 'Det var sista försöket med den här koden. Skicka en ny kod och skriv in den.'
          : `Koden stämmer inte med den vi skickade. Titta i sms:et och försök igen: du har ${n} försök kvar.`,
      }),
      codeExpired: { title: 'Koden har gått ut', text: 'En kod gäller i 10 minuter. Skicka en ny kod och skriv in den.' },
      codeFormat: { title: 'Kontrollera koden', text: 'Koden är de 6 siffrorna i sms:et.' },
      tooManyWrongCodes: { title: 'För många försök', text: 'Koden har skrivits fel för många gånger. Skicka en ny kod och skriv in den.' },
      codesWait: (n) => ({ title: 'För många koder skickade', text: `Vänta ${n} ${plural(n, 'minut', 'minuter')} och skicka sedan en ny kod.` }),
      noMoreCodes: { title: 'Det går inte att skicka fler koder', text: 'Kontakta mötesledaren för att få en ny inbjudan.' },
      rateLimited: { title: 'För många försök', text: 'Vänta en minut och försök sedan igen.' },
      inviteExpired: { title: 'Länken har gått ut', text: 'Be mötesledaren om en ny inbjudan.' },
      inviteUsed: {
        title: 'Länken har redan använts',
        text: 'En inbjudningslänk fungerar en gång. Om du redan har anslutit på en annan enhet eller i ett annat fönster fortsätter du där. Annars kan du be mötesledaren om en ny inbjudan.',
      },
      linkBroken: {
        title: 'Länken fungerar inte',
        text: 'Öppna hela länken i din inbjudan igen. Fungerar den ändå inte kan du be mötesledaren om en ny.',
      },
      meetingEnded: { title: 'Mötet är avslutat', text: 'Det går inte längre att ansluta. Kontakta mötesledaren om du har frågor.' },
      removed: {
        title: 'Du kan inte ansluta till mötet',
        text: 'Mötesledaren har tagit bort dig från mötet. Kontakta mötesledaren om du tror att det är fel.',
      },
      identityMismatch: (m) => ({
        title: 'Inloggningen stämmer inte med inbjudan',
        text: `Det ${m} du loggade in med tillhör någon annan än den som inbjudan gäller. Är inbjudan din, be mötesledaren kontrollera den. Loggade någon annan in, låt den inbjudna logga in med sitt eget ${m}.`,
      }),
      assuranceTooLow: (m) => ({
        title: 'Inloggningen är inte säker nog',
        text: `Mötet kräver en säkrare e-legitimation än den du använde. Logga in igen med ${m}.`,
      }),
      loginFailed: { title: 'Inloggningen gick inte igenom', text: 'Den avbröts, tog för lång tid eller misslyckades på vägen. Försök igen.' },
      loginCancelled: { title: 'Inloggningen avbröts', text: 'Inloggningsfönstret stängdes innan du hade loggat in. Försök igen när du är redo.' },
      idpUnavailable: (m) => ({
        title: 'Inloggningstjänsten svarar inte',
        text: `Det går inte att logga in med ${m} just nu. Försök igen om några minuter.`,
      }),
      sendFailed: { title: 'Sms:et kunde inte skickas', text: 'Försök igen om en stund. Fungerar det ändå inte, kontakta mötesledaren.' },
      network: { title: 'Ingen anslutning', text: 'Vi når inte mötestjänsten. Kontrollera att du är uppkopplad och försök igen.' },
      invalidName: { title: 'Kontrollera namnet', text: 'Skriv ditt för- och efternamn med bokstäver.' },
      other: { title: 'Något gick fel', text: 'Försök igen. Händer det igen, kontakta support.' },
    },
  },
  da: {
    locale: 'da-DK',
    title: 'Vis hvem du er',
    invitationFor: (name) => `Invitationen er til ${name}.`,
    meetingAt: (when) => `Mødet begynder ${when}.`,
    progress: {
      invite: 'Læser din invitation…',
      login: 'Venter på login…',
      'send-code': 'Sender koden…',
      'check-code': 'Tjekker koden…',
      name: 'Sender dit navn…',
    },

    method: { bankid: 'BankID', siths: 'SITHS-kort', mitid: 'MitID' },
    loginIntro: (method) => `For at deltage i mødet skal du logge ind med ${method}, så vi ved, at det er dig.`,
    loginButton: (method) => `Log ind med ${method}`,
    popupHint: 'Login åbner i et nyt vindue.',
    loginWaiting: 'Log ind i vinduet, der blev åbnet. Denne side fortsætter af sig selv, når du er færdig.',
    showWindow: 'Vis login-vinduet',
    cancel: 'Annuller',

    smsIntro: 'Vi sender en kode med sms til mobilnummeret i din invitation.',
    sendCode: 'Send kode',
    codeSent: (to, until) => `Vi har sendt en kode til ${to}. Den gælder til kl. ${until}.`,
    codeLabel: 'Koden fra sms’en',
    codeHint: '6 cifre',
    submitCode: 'Fortsæt',
    resendCode: 'Send en ny kode',

    nameLabel: 'Dit for- og efternavn',
    nameHint: 'Mødelederen ser dit navn og lukker dig ind.',
    submitName: 'Fortsæt',

    verifiedTitle: 'Du har vist, hvem du er',
    verifiedText: 'Du kan gå videre til mødet.',
    tryAgain: 'Prøv igen',
    reopenLink: 'Åbn linket i din invitation igen for at begynde forfra.',

    problem: {
      codeInvalid: (n) => ({
        title: 'Forkert kode',
        text:
          n === undefined ? 'Koden passer ikke med den, vi sendte. Se i sms’en, og skriv den igen.'
          : n === 0 ? 'Det var sidste forsøg med denne kode. Send en ny kode, og skriv den.'
          : `Koden passer ikke med den, vi sendte. Se i sms’en, og prøv igen: du har ${n} forsøg tilbage.`,
      }),
      codeExpired: { title: 'Koden er udløbet', text: 'En kode gælder i 10 minutter. Send en ny kode, og skriv den.' },
      codeFormat: { title: 'Tjek koden', text: 'Koden er de 6 cifre i sms’en.' },
      tooManyWrongCodes: { title: 'For mange forsøg', text: 'Koden er skrevet forkert for mange gange. Send en ny kode, og skriv den.' },
      codesWait: (n) => ({ title: 'For mange koder sendt', text: `Vent ${n} ${plural(n, 'minut', 'minutter')}, og send så en ny kode.` }),
      noMoreCodes: { title: 'Der kan ikke sendes flere koder', text: 'Kontakt mødelederen for at få en ny invitation.' },
      rateLimited: { title: 'For mange forsøg', text: 'Vent et minut, og prøv så igen.' },
      inviteExpired: { title: 'Linket er udløbet', text: 'Bed mødelederen om en ny invitation.' },
      inviteUsed: {
        title: 'Linket er allerede brugt',
        text: 'Et invitationslink virker én gang. Hvis du allerede er kommet ind på en anden enhed eller i et andet vindue, så fortsæt der. Ellers kan du bede mødelederen om en ny invitation.',
      },
      linkBroken: {
        title: 'Linket virker ikke',
        text: 'Åbn hele linket fra din invitation igen. Virker det stadig ikke, så bed mødelederen om et nyt.',
      },
      meetingEnded: { title: 'Mødet er slut', text: 'Det er ikke længere muligt at deltage. Kontakt mødelederen, hvis du har spørgsmål.' },
      removed: {
        title: 'Du kan ikke deltage i mødet',
        text: 'Mødelederen har fjernet dig fra mødet. Kontakt mødelederen, hvis du mener, det er en fejl.',
      },
      identityMismatch: (m) => ({
        title: 'Login passer ikke med invitationen',
        text: `Det ${m}, du loggede ind med, tilhører en anden end den, invitationen er til. Er invitationen din, så bed mødelederen om at tjekke den. Loggede en anden ind, så lad den inviterede logge ind med sit eget ${m}.`,
      }),
      assuranceTooLow: (m) => ({
        title: 'Login er ikke sikkert nok',
        text: `Mødet kræver et højere sikringsniveau end det, du brugte. Log ind igen med ${m}.`,
      }),
      loginFailed: { title: 'Login gik ikke igennem', text: 'Det blev annulleret, tog for lang tid eller mislykkedes undervejs. Prøv igen.' },
      loginCancelled: { title: 'Login blev afbrudt', text: 'Login-vinduet blev lukket, før du var logget ind. Prøv igen, når du er klar.' },
      idpUnavailable: (m) => ({
        title: 'Login-tjenesten svarer ikke',
        text: `Det er ikke muligt at logge ind med ${m} lige nu. Prøv igen om nogle minutter.`,
      }),
      sendFailed: { title: 'Sms’en kunne ikke sendes', text: 'Prøv igen om lidt. Virker det stadig ikke, så kontakt mødelederen.' },
      network: { title: 'Ingen forbindelse', text: 'Vi kan ikke nå mødetjenesten. Tjek, at du er på internettet, og prøv igen.' },
      invalidName: { title: 'Tjek navnet', text: 'Skriv dit for- og efternavn med bogstaver.' },
      other: { title: 'Noget gik galt', text: 'Prøv igen. Sker det igen, så kontakt support.' },
    },
  },
};
