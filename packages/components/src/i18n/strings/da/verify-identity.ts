import { plural, type VerifyIdentityStrings } from '../verify-identity.js';

/** Danish: see `VerifyIdentityStrings` in ../verify-identity.ts. */
export const strings: VerifyIdentityStrings = {
  locale: 'da-DK',
  title: 'Bekræft din identitet',
  invitationFor: (name) => `Invitationen er til ${name}.`,
  meetingAt: (when) => `Mødet begynder ${when}.`,
  progress: {
    invite: 'Læser din invitation…',
    login: 'Venter på login…',
    'send-code': 'Sender koden…',
    'check-code': 'Tjekker koden…',
    name: 'Sender dit navn…',
  },

  method: { bankid: 'BankID', siths: 'SITHS-kort', mitid: 'MitID', 'bankid-no': 'norsk BankID', suomifi: 'Suomi.fi' },
  loginIntro: (method) => `For at deltage i mødet skal du logge ind med ${method}, så vi ved, at det er dig.`,
  loginButton: (method) => `Log ind med ${method}`,
  popupHint: 'Login åbner i et nyt vindue.',
  loginWaiting: 'Log ind i vinduet, der blev åbnet. Denne side fortsætter automatisk, når du er færdig.',
  showWindow: 'Vis login-vinduet',
  cancel: 'Annuller',

  smsIntro: 'Vi sender en kode med sms til det mobilnummer, mødelederen har registreret for dig.',
  sendCode: 'Send kode',
  codeSent: (to, until) => `Vi har sendt en kode til ${to}. Den gælder til kl. ${until}.`,
  codeLabel: 'Koden fra sms’en',
  codeHint: '6 cifre',
  submitCode: 'Fortsæt',
  resendCode: 'Send en ny kode',

  nameLabel: 'Dit for- og efternavn',
  nameHint: 'Mødelederen ser dit navn og lukker dig ind.',
  submitName: 'Fortsæt',

  verifiedTitle: 'Din identitet er bekræftet',
  verifiedText: 'Du kan gå videre til mødet.',
  tryAgain: 'Prøv igen',
  reopenLink: 'Åbn linket i din invitation igen for at begynde forfra.',

  problem: {
    codeInvalid: (n) => ({
      title: 'Forkert kode',
      text:
        n === undefined
          ? 'Koden passer ikke med den, vi sendte. Se i sms’en, og skriv den igen.'
          : n === 0
            ? 'Det var sidste forsøg med denne kode. Send en ny kode, og skriv den.'
            : `Koden passer ikke med den, vi sendte. Se i sms’en, og prøv igen. Du har ${n} forsøg tilbage.`,
    }),
    codeExpired: (minutes) => ({
      title: 'Koden er udløbet',
      text: `${minutes === undefined ? 'En kode gælder kun kort tid.' : `En kode gælder i ${minutes} ${plural(minutes, 'minut', 'minutter')}.`} Send en ny kode, og skriv den.`,
    }),
    codeFormat: { title: 'Tjek koden', text: 'Koden er de 6 cifre i sms’en.' },
    tooManyWrongCodes: { title: 'For mange forsøg', text: 'Koden er skrevet forkert for mange gange. Send en ny kode, og skriv den.' },
    codesWait: (n) => ({ title: 'For mange koder sendt', text: `Vent ${n} ${plural(n, 'minut', 'minutter')}, og send så en ny kode.` }),
    noMoreCodes: { title: 'Der kan ikke sendes flere koder', text: 'Kontakt mødelederen for at få en ny invitation.' },
    rateLimited: { title: 'For mange forsøg', text: 'Vent et minut, og prøv så igen.' },
    inviteExpired: { title: 'Linket er udløbet', text: 'Bed mødelederen om en ny invitation.' },
    inviteUsed: {
      title: 'Linket er allerede brugt',
      text: 'Et invitationslink virker kun én gang. Hvis du allerede er kommet ind på en anden enhed eller i et andet vindue, så fortsæt der. Ellers kan du bede mødelederen om en ny invitation.',
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
};
