import type { DeviceCheckStrings } from '../device-check.js';
import { strings as guidance } from './media-guidance.js';

/** Finnish: see `DeviceCheckStrings` in ../device-check.ts. */
export const strings: DeviceCheckStrings = {
  ...guidance,
  title: 'Testaa kamera, mikrofoni ja ääni',
  intro: 'Testi kestää minuutin, eikä mitään tallenneta.',
  start: 'Aloita testi',
  startHint: 'Selain kysyy, saako se käyttää kameraa ja mikrofonia. Valitse Salli.',
  check: { camera: 'Kamera', microphone: 'Mikrofoni', speaker: 'Ääni', connection: 'Yhteys', browser: 'Selain' },
  progress: {
    idle: 'Ei aloitettu',
    running: 'Tarkistetaan…',
    waiting: 'Odottaa sinua',
    pass: 'Toimii',
    fail: 'Ei toimi',
    skipped: 'Ei tarkistettu',
  },
  yes: 'Kyllä',
  no: 'Ei',

  cameraIdle: 'Kuvasi näkyy tässä.',
  cameraQuestion: 'Näetkö itsesi?',
  cameraNotSeen: 'Tarkista, ettei mikään peitä kameraa, tai valitse toinen kamera kohdasta Valitse laitteet.',

  micPrompt: 'Sano jotain. Palkki liikkuu, kun kuulemme sinut.',
  micHeard: 'Kuulemme sinut.',
  micHint: 'Eikö palkki liiku? Tarkista, ettei mikrofonia ole mykistetty, tai valitse toinen mikrofoni kohdasta Valitse laitteet.',

  play: 'Toista testiääni',
  playing: 'Toistetaan…',
  speakerQuestion: 'Kuulitko äänen?',
  speakerNotHeard: 'Lisää äänenvoimakkuutta tai valitse toinen kaiutin kohdasta Valitse laitteet ja toista ääni uudelleen.',
  speakerFailed: 'Ääntä ei voitu toistaa. Lataa sivu uudelleen.',
  noSinkChoice: 'Tämä selain toistaa äänen oletuskaiuttimesta. Jos haluat käyttää toista kaiutinta, vaihda se laitteen ääniasetuksista.',

  server: 'Tapaamispalvelu',
  media: 'Mediapalvelin',
  reached: (ms) => `Tavoitettavissa, vasteaika ${ms} ms`,
  slow: 'Yhteys on hidas, joten kuva voi pätkiä.',
  notConfigured: 'Ei tarkisteta tällä sivulla.',
  connection: {
    'server-unreachable': 'Tapaamispalveluun ei saada yhteyttä. Tarkista, että olet verkossa.',
    'server-error': 'Tapaamispalvelussa on häiriö. Yritä uudelleen minuutin kuluttua.',
    'server-unhealthy': 'Tapaamispalvelussa on häiriö. Yritä uudelleen minuutin kuluttua.',
    'no-media-url': 'Tapaamispalvelun asetuksissa on virhe. Ota yhteyttä tukeen.',
    'insecure-media-url': 'Tapaamispalvelun asetuksissa on virhe. Ota yhteyttä tukeen.',
    'media-refused': 'Videopalvelu ei vastaa: se voi olla poissa käytöstä. Vika ei ole verkossasi: yritä uudelleen muutaman minuutin kuluttua.',
    'media-unreachable': 'Mediapalvelimeen ei saada yhteyttä. Palomuuri tai VPN voi estää yhteyden. Kokeile toista verkkoa.',
  },

  browserOk: (name) => `${name} toimii tapaamisissa.`,
  browserLacks: (features) => `Tästä selaimesta puuttuu tapaamisiin tarvittava tuki: ${features}.`,
  feature: { getUserMedia: 'kameran käyttö', RTCPeerConnection: 'videopuhelut', WebAudio: 'ääni' },
  insecurePage: 'Sivua ei ole avattu https-yhteydellä, joten puhelut eivät ole sallittuja.',
  advice: {
    ios: 'Päivitä iOS ja avaa linkki Safarissa.',
    android: 'Päivitä Chrome ja avaa linkki Chromessa.',
    desktop: 'Käytä Chromen, Edgen, Firefoxin tai Safarin uusinta versiota.',
  },

  devices: 'Valitse laitteet',
  speakerDevice: 'Kaiutin',

  finish: 'Valmis',
  doneTitle: 'Testi on valmis',
  doneText: 'Kamera ja mikrofoni on nyt suljettu.',
};
