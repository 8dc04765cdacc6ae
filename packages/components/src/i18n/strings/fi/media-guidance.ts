import type { MediaGuidanceStrings } from '../media-guidance.js';

/**
 * Finnish needs the devices in more than one case: "kamera" as the object of Allow, "kameraa"
 * after Another program uses, "kameran" before "käyttö". `device` holds the basic form, which the
 * phrases below receive; these tables give the others for the three devices there are.
 */
const PARTITIVE: Readonly<Record<string, string>> = { kamera: 'kameraa', mikrofoni: 'mikrofonia', 'kamera ja mikrofoni': 'kameraa ja mikrofonia' };
const GENITIVE: Readonly<Record<string, string>> = { kamera: 'kameran', mikrofoni: 'mikrofonin', 'kamera ja mikrofoni': 'kameran ja mikrofonin' };
const partitive = (device: string): string => PARTITIVE[device] ?? device;
const genitive = (device: string): string => GENITIVE[device] ?? device;
const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Finnish: see `MediaGuidanceStrings` in ../media-guidance.ts. */
export const strings: MediaGuidanceStrings = {
  device: { camera: 'kamera', microphone: 'mikrofoni', both: 'kamera ja mikrofoni' },
  problemTitle: {
    'permission-denied': (d) => `${capital(genitive(d))} käyttö on estetty`,
    'system-denied': (d) => `Laitteen asetukset estävät ${genitive(d)} käytön`,
    'not-found': (d) => `${capital(partitive(d))} ei löydy`,
    'in-use': (d) => `Toinen ohjelma käyttää ${partitive(d)}`,
    unknown: (d) => `${capital(genitive(d))} käynnistäminen ei onnistunut`,
  },
  blocked: {
    chrome: (d) => `Napsauta verkko-osoitteen vasemmalla puolella olevaa kuvaketta, kytke ${d} päälle ja valitse sitten Yritä uudelleen.`,
    edge: (d) =>
      `Napsauta verkko-osoitteen vasemmalla puolella olevaa lukkoa, valitse Tämän sivuston käyttöoikeudet, salli ${d} ja valitse sitten Yritä uudelleen.`,
    firefox: () => 'Napsauta osoiterivin yliviivattua kamerakuvaketta, poista esto (×), valitse sitten Yritä uudelleen ja lopuksi Salli.',
    safari: (d) => `Valitse Safari > Tämän verkkosivuston asetukset, salli ${d} ja valitse sitten Yritä uudelleen.`,
    'safari-ios': (d) => `Napauta osoiterivillä aA ja sitten Verkkosivuston asetukset, salli ${d} ja napauta sitten Yritä uudelleen.`,
    'ios-app': (d) => `Avaa Asetukset-appi, valitse tämä selain, kytke ${d} päälle ja napauta sitten Yritä uudelleen.`,
    other: (d) => `Salli ${d} tälle sivustolle selaimen asetuksista ja valitse sitten Yritä uudelleen.`,
  },
  systemBlocked: (settings, browser) => `Avaa ${settings}, salli ${browser} kohdissa Kamera ja Mikrofoni ja käynnistä sitten selain uudelleen.`,
  systemSettings: {
    macos: 'Järjestelmäasetukset > Tietosuoja ja turvallisuus',
    windows: 'Asetukset > Tietosuoja ja suojaus',
    other: 'laitteen tietosuoja-asetukset',
  },
  yourBrowser: 'selaimesi',
  notFound: (d) => `Liitä ${d} laitteeseen, tarkista, että kaikki on päällä, ja valitse sitten Yritä uudelleen.`,
  inUse: {
    chromium: (d) =>
      `Sulje muut ohjelmat, jotka käyttävät ${partitive(d)} (esimerkiksi Teams tai Zoom), ja välilehdet, joissa on punainen piste. Valitse sitten Yritä uudelleen.`,
    firefox: (d) =>
      `Sulje muut ohjelmat, jotka käyttävät ${partitive(d)} (esimerkiksi Teams tai Zoom), ja välilehdet, joissa on kamerakuvake. Valitse sitten Yritä uudelleen.`,
    safari: (d) => `Lopeta muut ohjelmat, jotka käyttävät ${partitive(d)} (esimerkiksi FaceTime tai Zoom). Valitse sitten Yritä uudelleen.`,
    ios: (d) => `Sulje muut apit, jotka käyttävät ${partitive(d)} (esimerkiksi FaceTime). Napauta sitten Yritä uudelleen.`,
    other: (d) => `Sulje muut ohjelmat ja välilehdet, jotka käyttävät ${partitive(d)}. Valitse sitten Yritä uudelleen.`,
  },
  unknown: 'Valitse Yritä uudelleen. Jos se ei auta, lataa sivu uudelleen.',
  tryAgain: 'Yritä uudelleen',
};
