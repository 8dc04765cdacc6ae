import { plural, type VerifyIdentityStrings } from '../verify-identity.js';

/**
 * Finnish: see `VerifyIdentityStrings` in ../verify-identity.ts. `method` is in the adessive
 * ("BankID:llä", with BankID), the one case every sentence below puts it in.
 */
export const strings: VerifyIdentityStrings = {
  locale: 'fi-FI',
  title: 'Tunnistaudu',
  invitationFor: (name) => `Kutsu on tarkoitettu henkilölle ${name}.`,
  meetingAt: (when) => `Tapaamisen aika: ${when}.`,
  progress: {
    invite: 'Luetaan kutsuasi…',
    login: 'Odotetaan tunnistautumista…',
    'send-code': 'Lähetetään koodia…',
    'check-code': 'Tarkistetaan koodia…',
    name: 'Lähetetään nimeäsi…',
  },

  method: { bankid: 'BankID:llä', siths: 'SITHS-kortilla', mitid: 'MitID:llä', 'bankid-no': 'norjalaisella BankID:llä', suomifi: 'Suomi.fi-tunnistuksella' },
  loginIntro: (method) => `Tunnistaudu ${method}, jotta voit osallistua tapaamiseen. Näin varmistamme, että kyse on sinusta.`,
  loginButton: (method) => `Tunnistaudu ${method}`,
  popupHint: 'Tunnistautuminen avautuu uuteen ikkunaan.',
  loginWaiting: 'Tunnistaudu avautuneessa ikkunassa. Tämä sivu jatkuu automaattisesti, kun olet valmis.',
  showWindow: 'Näytä tunnistautumisikkuna',
  cancel: 'Peruuta',

  smsIntro: 'Lähetämme koodin tekstiviestinä matkapuhelinnumeroon, jonka tapaamisen vetäjä on kirjannut sinulle.',
  sendCode: 'Lähetä koodi',
  codeSent: (to, until) => `Lähetimme koodin numeroon ${to}. Koodi on voimassa klo ${until} asti.`,
  codeLabel: 'Tekstiviestin koodi',
  codeHint: '6 numeroa',
  submitCode: 'Jatka',
  resendCode: 'Lähetä uusi koodi',

  nameLabel: 'Etu- ja sukunimesi',
  nameHint: 'Tapaamisen vetäjä näkee nimesi ja päästää sinut sisään.',
  submitName: 'Jatka',

  verifiedTitle: 'Tunnistautuminen onnistui',
  verifiedText: 'Voit siirtyä tapaamiseen.',
  tryAgain: 'Yritä uudelleen',
  reopenLink: 'Aloita alusta avaamalla kutsun linkki uudelleen.',

  problem: {
    codeInvalid: (n) => ({
      title: 'Väärä koodi',
      text:
        n === undefined
          ? 'Koodi ei vastaa lähettämäämme koodia. Tarkista tekstiviesti ja kirjoita koodi uudelleen.'
          : n === 0
            ? 'Tämä oli viimeinen yritys tällä koodilla. Pyydä uusi koodi ja kirjoita se.'
            : `Koodi ei vastaa lähettämäämme koodia. Tarkista tekstiviesti ja yritä uudelleen. Sinulla on ${n} ${plural(n, 'yritys', 'yritystä')} jäljellä.`,
    }),
    codeExpired: (minutes) => ({
      title: 'Koodi on vanhentunut',
      text: `${minutes === undefined ? 'Koodi on voimassa vain lyhyen aikaa.' : `Koodi on voimassa ${minutes} ${plural(minutes, 'minuutin', 'minuuttia')}.`} Pyydä uusi koodi ja kirjoita se.`,
    }),
    codeFormat: { title: 'Tarkista koodi', text: 'Koodi on tekstiviestissä olevat 6 numeroa.' },
    tooManyWrongCodes: { title: 'Liian monta yritystä', text: 'Koodi kirjoitettiin väärin liian monta kertaa. Pyydä uusi koodi ja kirjoita se.' },
    codesWait: (n) => ({ title: 'Liian monta koodia lähetetty', text: `Odota ${n} ${plural(n, 'minuutti', 'minuuttia')} ja pyydä sitten uusi koodi.` }),
    noMoreCodes: { title: 'Uusia koodeja ei voi enää lähettää', text: 'Pyydä tapaamisen vetäjältä uusi kutsu.' },
    rateLimited: { title: 'Liian monta yritystä', text: 'Odota minuutti ja yritä sitten uudelleen.' },
    inviteExpired: { title: 'Linkki on vanhentunut', text: 'Pyydä tapaamisen vetäjältä uusi kutsu.' },
    inviteUsed: {
      title: 'Linkkiä on jo käytetty',
      text: 'Kutsulinkkiä voi käyttää vain kerran. Jos olet jo liittynyt toisella laitteella tai toisessa ikkunassa, jatka siellä. Muuten pyydä tapaamisen vetäjältä uusi kutsu.',
    },
    linkBroken: {
      title: 'Linkki ei toimi',
      text: 'Avaa kutsusta koko linkki uudelleen. Jos se ei vieläkään toimi, pyydä tapaamisen vetäjältä uusi kutsu.',
    },
    meetingEnded: { title: 'Tapaaminen on päättynyt', text: 'Tapaamiseen ei voi enää liittyä. Ota yhteyttä tapaamisen vetäjään, jos sinulla on kysyttävää.' },
    removed: {
      title: 'Et voi liittyä tähän tapaamiseen',
      text: 'Tapaamisen vetäjä on poistanut sinut tapaamisesta. Ota yhteyttä vetäjään, jos arvelet tämän olevan virhe.',
    },
    identityMismatch: (m) => ({
      title: 'Tunnistautuminen ei vastaa kutsua',
      text: `Tunnistauduit ${m}, mutta tunnistus kuuluu eri henkilölle kuin se, jolle kutsu on tarkoitettu. Jos kutsu on sinun, pyydä tapaamisen vetäjää tarkistamaan se. Jos joku muu tunnistautui, kutsutun henkilön täytyy tunnistautua itse.`,
    }),
    assuranceTooLow: (m) => ({
      title: 'Tunnistautuminen ei ole riittävän vahva',
      text: `Tähän tapaamiseen tarvitaan vahvempi tunnistautuminen kuin käyttämäsi. Tunnistaudu uudelleen ${m}.`,
    }),
    loginFailed: {
      title: 'Tunnistautuminen ei onnistunut',
      text: 'Tunnistautuminen on voitu keskeyttää, se kesti liian kauan tai siinä tapahtui virhe. Yritä uudelleen.',
    },
    loginCancelled: {
      title: 'Tunnistautuminen keskeytettiin',
      text: 'Tunnistautumisikkuna suljettiin ennen kuin tunnistautuminen oli valmis. Yritä uudelleen, kun olet valmis.',
    },
    idpUnavailable: (m) => ({
      title: 'Tunnistuspalvelu ei vastaa',
      text: `Tunnistautuminen ${m} ei onnistu juuri nyt. Yritä uudelleen muutaman minuutin kuluttua.`,
    }),
    sendFailed: {
      title: 'Tekstiviestiä ei voitu lähettää',
      text: 'Yritä hetken kuluttua uudelleen. Jos lähetys ei vieläkään onnistu, ota yhteyttä tapaamisen vetäjään.',
    },
    network: { title: 'Ei yhteyttä', text: 'Tapaamispalveluun ei saada yhteyttä. Tarkista, että olet verkossa, ja yritä uudelleen.' },
    invalidName: { title: 'Tarkista nimi', text: 'Kirjoita etu- ja sukunimesi kirjaimin.' },
    other: { title: 'Jokin meni vikaan', text: 'Yritä uudelleen. Jos virhe toistuu, ota yhteyttä tukeen.' },
  },
};
