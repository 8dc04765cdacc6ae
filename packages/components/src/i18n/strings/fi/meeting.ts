import { plural } from '../../localize.js';
import type { MeetingStrings } from '../meeting.js';

/** Finnish: see `MeetingStrings` in ../meeting.ts. */
export const strings: MeetingStrings = {
  loading: 'Avataan tapaamista…',
  joining: 'Liitytään tapaamiseen…',
  leftTitle: 'Poistuit tapaamisesta',
  leftText: 'Voit liittyä uudelleen niin kauan kuin tapaaminen on käynnissä.',
  joinAgain: 'Liity uudelleen',
  removedTitle: 'Sinut poistettiin tapaamisesta',
  removedText: 'Tapaamisen vetäjä poisti sinut tapaamisesta. Jos arvelet tämän olevan virhe, ota yhteyttä tapaamisen vetäjään.',
  endedTitle: 'Tapaaminen on päättynyt',
  endedText: 'Tapaamisen vetäjä on lopettanut tapaamisen kaikilta. Siihen ei voi enää liittyä.',
  endedBySelfText: 'Lopetit tapaamisen kaikilta. Siihen ei voi enää liittyä.',
  endedByTimeText: 'Tapaamisen aika on päättynyt. Siihen ei voi enää liittyä.',
  turnedAwayTitle: 'Tapaamisen vetäjä ei päästänyt sinua sisään',
  turnedAwayText: 'Et ole ollut mukana tapaamisessa. Jos arvelet tämän olevan virhe, ota yhteyttä henkilöön, joka kutsui sinut.',
  turnedAwayWait: 'Pidä tämä sivu auki: jos tapaamisen vetäjä päästää sinut sittenkin sisään, siirryt tapaamiseen tästä.',
  errorTitle: 'Tapaamista ei voitu avata',
  error: {
    NOT_FOUND: 'Kutsulinkki ei toimi. Tarkista, että avasit kutsusta koko linkin.',
    INVITE_EXPIRED: 'Kutsulinkki on vanhentunut. Pyydä tapaamisen vetäjältä uusi linkki.',
    INVITE_USED: 'Kutsulinkkiä on jo käytetty. Kutakin linkkiä voi käyttää vain kerran. Pyydä tapaamisen vetäjältä uusi linkki.',
    IDENTITY_MISMATCH: 'Tunnistauduit jonkun muun kuin kutsutun henkilön tunnuksilla.',
    UNAUTHENTICATED: 'Kirjautumisesi on vanhentunut. Avaa kutsun linkki uudelleen.',
    FORBIDDEN: 'Sinulla ei ole pääsyä tähän tapaamiseen.',
    E2EE_UNSUPPORTED: 'Tapaaminen on salattu päästä päähän, eikä tämä selain osaa sitä. Avaa linkki uudessa Chrome-, Edge-, Firefox- tai Safari-selaimessa.',
    LIVEKIT_UNAVAILABLE: 'Videopalvelu ei vastaa juuri nyt. Yritä hetken kuluttua uudelleen.',
    NETWORK: 'Tapaamispalveluun ei saatu yhteyttä. Tarkista internetyhteys ja yritä uudelleen.',
    RATE_LIMITED: 'Liian monta yritystä. Odota minuutti ja yritä uudelleen.',
  },
  tooEarly: (minutes) =>
    minutes === undefined
      ? 'Tapaaminen ei ole vielä avautunut. Yritä hetken kuluttua uudelleen.'
      : `Tapaaminen avautuu ${minutes} ${plural(minutes, 'minuutti', 'minuuttia')} ennen alkamisaikaa. Yritä silloin uudelleen.`,
  errorOther: 'Meillä tapahtui virhe. Yritä hetken kuluttua uudelleen.',
  noInvite: 'Tällä sivulla ei ole kutsua. Avaa kutsun linkki uudelleen.',
  tryAgain: 'Yritä uudelleen',
  verified: 'Tunnistautuminen onnistui.',
  letIn: 'Tapaamisen vetäjä päästi sinut sisään.',
};
