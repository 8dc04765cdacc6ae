import { plural, type VerifyIdentityStrings } from '../verify-identity.js';

/** Swedish: see `VerifyIdentityStrings` in ../verify-identity.ts. */
export const strings: VerifyIdentityStrings = {
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

  method: { bankid: 'BankID', siths: 'SITHS-kort', mitid: 'MitID', 'bankid-no': 'norskt BankID', suomifi: 'Suomi.fi' },
  loginIntro: (method) => `För att delta i mötet loggar du in med ${method}, så att vi vet att det är du.`,
  loginButton: (method) => `Logga in med ${method}`,
  popupHint: 'Inloggningen öppnas i ett nytt fönster.',
  loginWaiting: 'Logga in i fönstret som öppnades. Den här sidan fortsätter automatiskt när du är klar.',
  showWindow: 'Visa inloggningsfönstret',
  cancel: 'Avbryt',

  smsIntro: 'Vi skickar en kod med sms till mobilnumret som mötesledaren har registrerat för dig.',
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
        n === undefined
          ? 'Koden stämmer inte med den vi skickade. Titta i sms:et och skriv in den igen.'
          : n === 0
            ? 'Det var sista försöket med den här koden. Skicka en ny kod och skriv in den.'
            : `Koden stämmer inte med den vi skickade. Titta i sms:et och försök igen. Du har ${n} försök kvar.`,
    }),
    codeExpired: (minutes) => ({
      title: 'Koden har gått ut',
      text: `${minutes === undefined ? 'En kod gäller bara en kort stund.' : `En kod gäller i ${minutes} ${plural(minutes, 'minut', 'minuter')}.`} Skicka en ny kod och skriv in den.`,
    }),
    codeFormat: { title: 'Kontrollera koden', text: 'Koden är de 6 siffrorna i sms:et.' },
    tooManyWrongCodes: { title: 'För många försök', text: 'Koden har skrivits fel för många gånger. Skicka en ny kod och skriv in den.' },
    codesWait: (n) => ({ title: 'För många koder skickade', text: `Vänta ${n} ${plural(n, 'minut', 'minuter')} och skicka sedan en ny kod.` }),
    noMoreCodes: { title: 'Det går inte att skicka fler koder', text: 'Kontakta mötesledaren för att få en ny inbjudan.' },
    rateLimited: { title: 'För många försök', text: 'Vänta en minut och försök sedan igen.' },
    inviteExpired: { title: 'Länken har gått ut', text: 'Be mötesledaren om en ny inbjudan.' },
    inviteUsed: {
      title: 'Länken har redan använts',
      text: 'En inbjudningslänk fungerar bara en gång. Om du redan har anslutit på en annan enhet eller i ett annat fönster fortsätter du där. Annars kan du be mötesledaren om en ny inbjudan.',
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
    loginFailed: { title: 'Inloggningen gick inte igenom', text: 'Inloggningen kan ha avbrutits, tagit för lång tid eller stoppats av ett fel. Försök igen.' },
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
};
