import { plural, type VerifyIdentityStrings } from '../verify-identity.js';

/** Norwegian bokmål: see `VerifyIdentityStrings` in ../verify-identity.ts. */
export const strings: VerifyIdentityStrings = {
  locale: 'nb-NO',
  title: 'Bekreft hvem du er',
  invitationFor: (name) => `Invitasjonen gjelder ${name}.`,
  meetingAt: (when) => `Møtet starter ${when}.`,
  progress: {
    invite: 'Leser invitasjonen din…',
    login: 'Venter på innloggingen…',
    'send-code': 'Sender koden…',
    'check-code': 'Sjekker koden…',
    name: 'Sender navnet ditt…',
  },

  method: { bankid: 'svensk BankID', siths: 'SITHS-kort', mitid: 'MitID', 'bankid-no': 'BankID', suomifi: 'Suomi.fi' },
  loginIntro: (method) => `For å delta i møtet logger du inn med ${method}, slik at vi vet at det er deg.`,
  loginButton: (method) => `Logg inn med ${method}`,
  popupHint: 'Innloggingen åpnes i et nytt vindu.',
  loginWaiting: 'Logg inn i vinduet som ble åpnet. Denne siden fortsetter automatisk når du er ferdig.',
  showWindow: 'Vis innloggingsvinduet',
  cancel: 'Avbryt',

  smsIntro: 'Vi sender en kode på SMS til mobilnummeret som møtelederen har registrert for deg.',
  sendCode: 'Send kode på SMS',
  codeSent: (to, until) => `Vi har sendt en kode til ${to}. Den gjelder til kl. ${until}.`,
  codeLabel: 'Koden fra SMS-en',
  codeHint: '6 sifre',
  submitCode: 'Fortsett',
  resendCode: 'Få en ny kode',

  nameLabel: 'Fornavn og etternavn',
  nameHint: 'Møtelederen ser navnet ditt og slipper deg inn.',
  submitName: 'Fortsett',

  verifiedTitle: 'Du har bekreftet hvem du er',
  verifiedText: 'Du kan gå videre til møtet.',
  tryAgain: 'Prøv igjen',
  reopenLink: 'Åpne lenken i invitasjonen på nytt for å begynne fra start.',

  problem: {
    codeInvalid: (n) => ({
      title: 'Feil kode',
      text:
        n === undefined
          ? 'Koden stemmer ikke med den vi sendte. Se i SMS-en, og skriv den inn på nytt.'
          : n === 0
            ? 'Det var siste forsøk med denne koden. Få en ny kode, og skriv den inn.'
            : `Koden stemmer ikke med den vi sendte. Se i SMS-en, og prøv igjen. Du har ${n} ${plural(n, 'forsøk', 'forsøk')} igjen.`,
    }),
    codeExpired: (minutes) => ({
      title: 'Koden er utløpt',
      text: `${minutes === undefined ? 'En kode gjelder bare en kort stund.' : `En kode gjelder i ${minutes} ${plural(minutes, 'minutt', 'minutter')}.`} Få en ny kode, og skriv den inn.`,
    }),
    codeFormat: { title: 'Sjekk koden', text: 'Koden er de 6 sifrene i SMS-en.' },
    tooManyWrongCodes: { title: 'For mange forsøk', text: 'Koden er skrevet feil for mange ganger. Få en ny kode, og skriv den inn.' },
    codesWait: (n) => ({ title: 'Du har bedt om for mange koder', text: `Vent ${n} ${plural(n, 'minutt', 'minutter')}, og be deretter om en ny kode.` }),
    noMoreCodes: { title: 'Det kan ikke sendes flere koder', text: 'Kontakt møtelederen for å få en ny invitasjon.' },
    rateLimited: { title: 'For mange forsøk', text: 'Vent et minutt, og prøv igjen.' },
    inviteExpired: { title: 'Lenken er utløpt', text: 'Be møtelederen om en ny invitasjon.' },
    inviteUsed: {
      title: 'Lenken er allerede brukt',
      text: 'En invitasjonslenke virker bare én gang. Hvis du allerede er koblet til på en annen enhet eller i et annet vindu, fortsetter du der. Ellers kan du be møtelederen om en ny invitasjon.',
    },
    linkBroken: {
      title: 'Lenken virker ikke',
      text: 'Åpne hele lenken i invitasjonen på nytt. Hvis den fortsatt ikke virker, kan du be møtelederen om en ny.',
    },
    meetingEnded: { title: 'Møtet er avsluttet', text: 'Det er ikke lenger mulig å bli med. Kontakt møtelederen hvis du har spørsmål.' },
    removed: {
      title: 'Du kan ikke bli med i dette møtet',
      text: 'Møtelederen har fjernet deg fra møtet. Kontakt møtelederen hvis du tror dette er en feil.',
    },
    identityMismatch: (m) => ({
      title: 'Innloggingen stemmer ikke med invitasjonen',
      text: `Du logget inn med ${m} som en annen person enn den invitasjonen gjelder. Hvis invitasjonen er din, ber du møtelederen sjekke den. Hvis noen andre logget inn, må den inviterte logge inn selv med ${m}.`,
    }),
    assuranceTooLow: (m) => ({
      title: 'Innloggingen er ikke sikker nok',
      text: `Dette møtet krever en sikrere elektronisk ID enn den du brukte. Logg inn på nytt med ${m}.`,
    }),
    loginFailed: {
      title: 'Innloggingen gikk ikke gjennom',
      text: 'Innloggingen kan ha blitt avbrutt, tatt for lang tid eller stoppet på grunn av en feil. Prøv igjen.',
    },
    loginCancelled: { title: 'Innloggingen ble avbrutt', text: 'Innloggingsvinduet ble lukket før du var logget inn. Prøv igjen når du er klar.' },
    idpUnavailable: (m) => ({
      title: 'Innloggingstjenesten svarer ikke',
      text: `Det er ikke mulig å logge inn med ${m} akkurat nå. Prøv igjen om noen minutter.`,
    }),
    sendFailed: { title: 'SMS-en kunne ikke sendes', text: 'Prøv igjen om litt. Hvis det fortsatt ikke virker, kontakt møtelederen.' },
    network: { title: 'Ingen tilkobling', text: 'Vi når ikke møtetjenesten. Sjekk at du er koblet til internett, og prøv igjen.' },
    invalidName: { title: 'Sjekk navnet', text: 'Skriv fornavn og etternavn med bokstaver.' },
    other: { title: 'Noe gikk galt', text: 'Prøv igjen. Hvis det skjer igjen, kontakt brukerstøtte.' },
  },
};
