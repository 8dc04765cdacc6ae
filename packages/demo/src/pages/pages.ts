import type { OutboxMessage } from '@care-meet/server-sdk';
import type { BookedMeeting, InboxMessage } from '../demo-state.js';
import { DATE_FORMATS, formatLocalDate, formatLocalTime } from '../booking-form.js';
import { BOOKING_ERROR_TEXTS, bookingErrorText, type BookingFieldError } from './booking-errors.js';
import { escapeHtml as h, type Lang } from './layout.js';

const T = {
  sv: {
    home: 'Sandlåda för care-meet',
    homeLead:
      'En låtsasportal som bäddar in care-meet: boka ett SIP-möte i journalen, gå med från 1177-inkorgen, öppna gästens länk från utkorgen, och led mötet som samordnare.',
    status: 'Status',
    api: 'API',
    media: 'Mediaserver (LiveKit)',
    idp: 'Test-IdP (BankID/SITHS/MitID/BankID Norge/Suomi.fi)',
    ok: 'fungerar',
    missing: 'körs inte',
    ehr: 'Journalen: boka ett SIP-möte',
    book: 'Boka mötet',
    title: 'Rubrik',
    startsAt: 'Start',
    minutes: 'Längd (minuter)',
    screen: 'Tillåt skärmdelning',
    chat: 'Tillåt chatt',
    consent: 'Den enskildes samtycke till mötet och deltagarna',
    consentHow: { '': 'Inte inhämtat än', verbal: 'Givet muntligt', written: 'Givet skriftligt' },
    participant: 'Deltagare',
    name: 'Namn',
    role: 'Roll',
    idKind: 'Identifiering',
    idValue: 'HSA-id / personnummer / telefon / e-post',
    booked: 'Bokade möten',
    openChair: 'Öppna som mötesledare',
    invites: 'Inbjudningar',
    noneBooked: 'Inga möten bokade än.',
    inbox: '1177-inkorgen',
    loggedInAs: 'Inloggad med BankID som',
    change: 'Byt',
    noMessages: 'Inga meddelanden.',
    msgTitle: 'Kallelse till videomöte',
    msgBody: 'Du är kallad till ett videomöte. Du går med härifrån, inloggad som du är.',
    join: 'Gå med i mötet',
    outbox: 'Utkorgen: sms och e-post som skickats',
    to: 'Till',
    text: 'Text',
    channel: 'Kanal',
    empty: 'Inget skickat än.',
    sms: 'Sms',
    email: 'E-post',
    date: 'Datum',
    time: 'Tid',
    timeZone: 'Svensk tid.',
    ended: 'Mötet har avslutats.',
    endedBadge: 'Avslutat',
    confirmTitle: 'Mötet är bokat',
    confirmInvites: 'Så här får deltagarna sin inbjudan',
    viaSms: 'Inbjudan skickad med sms till',
    viaEmail: 'Inbjudan skickad med e-post till',
    viaInbox: 'Kallelse i 1177-inkorgen; loggar in med',
    chairOpens: 'Öppnar mötet från journalen',
    handOver: 'Ge personen den här länken',
    link: 'Inbjudningslänk',
    notFound: 'Sidan finns inte',
    notFoundBody: 'Det finns ingen sida på den adressen. Börja om från startsidan.',
    goHome: 'Till startsidan',
    guest: 'Videomöte',
    meeting: 'Videomöte',
    chair: 'Mötesledarens vy',
    roles: { chair: 'Mötesledare', staff: 'Medarbetare', individual: 'Den enskilde', relative: 'Närstående', guest: 'Gäst' },
    kinds: {
      hsa: 'SITHS (HSA-id)',
      pnr: 'BankID (personnummer)',
      cpr: 'MitID (CPR)',
      fnr: 'BankID Norge (norskt fødselsnummer)',
      hetu: 'Suomi.fi (finsk personbeteckning)',
      'guest-phone': 'Gäst via sms',
      'guest-email': 'Gäst via e-post',
    },
  },
  da: {
    home: 'Sandkasse for care-meet',
    homeLead:
      'En prøveportal, der indlejrer care-meet: book et møde i journalen, deltag fra indbakken, åbn gæstens link fra udbakken, og led mødet som koordinator.',
    status: 'Status',
    api: 'API',
    media: 'Medieserver (LiveKit)',
    idp: 'Test-IdP (MitID/BankID/SITHS/BankID Norge/Suomi.fi)',
    ok: 'virker',
    missing: 'kører ikke',
    ehr: 'Journalen: book et møde',
    book: 'Book mødet',
    title: 'Titel',
    startsAt: 'Start',
    minutes: 'Varighed (minutter)',
    screen: 'Tillad skærmdeling',
    chat: 'Tillad chat',
    consent: 'Borgerens samtykke til mødet og deltagerne',
    consentHow: { '': 'Ikke indhentet endnu', verbal: 'Givet mundtligt', written: 'Givet skriftligt' },
    participant: 'Deltager',
    name: 'Navn',
    role: 'Rolle',
    idKind: 'Identifikation',
    idValue: 'HSA-id / CPR-nummer / svensk personnummer / telefon / e-mail',
    booked: 'Bookede møder',
    openChair: 'Åbn som mødeleder',
    invites: 'Invitationer',
    noneBooked: 'Ingen møder booket endnu.',
    inbox: 'Indbakken',
    loggedInAs: 'Logget ind med MitID som',
    change: 'Skift',
    noMessages: 'Ingen beskeder.',
    msgTitle: 'Indkaldelse til videomøde',
    msgBody: 'Du er indkaldt til et videomøde. Du deltager herfra, logget ind som du er.',
    join: 'Deltag i mødet',
    outbox: 'Udbakken: sendte sms’er og e-mails',
    to: 'Til',
    text: 'Tekst',
    channel: 'Kanal',
    empty: 'Intet sendt endnu.',
    sms: 'Sms',
    email: 'E-mail',
    date: 'Dato',
    time: 'Klokkeslæt',
    timeZone: 'Svensk tid.',
    ended: 'Mødet er afsluttet.',
    endedBadge: 'Afsluttet',
    confirmTitle: 'Mødet er booket',
    confirmInvites: 'Sådan får deltagerne deres invitation',
    viaSms: 'Invitation sendt med sms til',
    viaEmail: 'Invitation sendt med e-mail til',
    viaInbox: 'Indkaldelse i indbakken; logger ind med',
    chairOpens: 'Åbner mødet fra journalen',
    handOver: 'Giv personen dette link',
    link: 'Invitationslink',
    notFound: 'Siden findes ikke',
    notFoundBody: 'Der er ingen side på den adresse. Start forfra fra forsiden.',
    goHome: 'Til forsiden',
    guest: 'Videomøde',
    meeting: 'Videomøde',
    chair: 'Mødelederens visning',
    roles: { chair: 'Mødeleder', staff: 'Medarbejder', individual: 'Borger', relative: 'Pårørende', guest: 'Gæst' },
    kinds: {
      hsa: 'SITHS (HSA-id)',
      pnr: 'BankID (svensk personnummer)',
      cpr: 'MitID (CPR-nummer)',
      fnr: 'BankID Norge (norsk fødselsnummer)',
      hetu: 'Suomi.fi (finsk personnummer)',
      'guest-phone': 'Gæst via sms',
      'guest-email': 'Gæst via e-mail',
    },
  },
  nb: {
    home: 'Prøveområde for care-meet',
    homeLead:
      'En øvingsportal som bygger inn care-meet: avtal et møte i journalen, bli med fra innboksen, åpne gjestens lenke fra utboksen, og led møtet som koordinator.',
    status: 'Status',
    api: 'API',
    media: 'Medieserver (LiveKit)',
    idp: 'Test-IdP (BankID/svensk BankID/SITHS/MitID/Suomi.fi)',
    ok: 'fungerer',
    missing: 'kjører ikke',
    ehr: 'Journalen: avtal et møte',
    book: 'Avtal møtet',
    title: 'Tittel',
    startsAt: 'Start',
    minutes: 'Varighet (minutter)',
    screen: 'Tillat skjermdeling',
    chat: 'Tillat chat',
    consent: 'Innbyggerens samtykke til møtet og deltakerne',
    consentHow: { '': 'Ikke innhentet ennå', verbal: 'Gitt muntlig', written: 'Gitt skriftlig' },
    participant: 'Deltaker',
    name: 'Navn',
    role: 'Rolle',
    idKind: 'Identifisering',
    idValue: 'HSA-id / fødselsnummer / telefon / e-post',
    booked: 'Avtalte møter',
    openChair: 'Åpne som møteleder',
    invites: 'Invitasjoner',
    noneBooked: 'Ingen møter er avtalt ennå.',
    inbox: 'Innboksen',
    loggedInAs: 'Logget inn med BankID som',
    change: 'Bytt',
    noMessages: 'Ingen meldinger.',
    msgTitle: 'Innkalling til videomøte',
    msgBody: 'Du er innkalt til et videomøte. Du blir med herfra, innlogget som du er.',
    join: 'Bli med i møtet',
    outbox: 'Utboksen: sendte SMS-er og e-poster',
    to: 'Til',
    text: 'Tekst',
    channel: 'Kanal',
    empty: 'Ingenting er sendt ennå.',
    sms: 'SMS',
    email: 'E-post',
    date: 'Dato',
    time: 'Klokkeslett',
    timeZone: 'Svensk tid.',
    ended: 'Møtet er avsluttet.',
    endedBadge: 'Avsluttet',
    confirmTitle: 'Møtet er avtalt',
    confirmInvites: 'Slik får deltakerne invitasjonen sin',
    viaSms: 'Invitasjon sendt på SMS til',
    viaEmail: 'Invitasjon sendt på e-post til',
    viaInbox: 'Innkalling i innboksen; logger inn med',
    chairOpens: 'Åpner møtet fra journalen',
    handOver: 'Gi personen denne lenken',
    link: 'Invitasjonslenke',
    notFound: 'Siden finnes ikke',
    notFoundBody: 'Det er ingen side på den adressen. Begynn på nytt fra startsiden.',
    goHome: 'Til startsiden',
    guest: 'Videomøte',
    meeting: 'Videomøte',
    chair: 'Møteleders visning',
    roles: { chair: 'Møteleder', staff: 'Ansatt', individual: 'Innbygger', relative: 'Pårørende', guest: 'Gjest' },
    kinds: {
      hsa: 'SITHS (HSA-id)',
      fnr: 'BankID (fødselsnummer / D-nummer)',
      pnr: 'Svensk BankID (svensk personnummer)',
      cpr: 'MitID (dansk CPR-nummer)',
      hetu: 'Suomi.fi (finsk personnummer)',
      'guest-phone': 'Gjest via SMS',
      'guest-email': 'Gjest via e-post',
    },
  },
  fi: {
    home: 'Hiekkalaatikko: care-meet',
    homeLead:
      'Harjoitusportaali, johon care-meet on upotettu: varaa tapaaminen potilastiedoissa, liity saapuneista viesteistä, avaa vieraan linkki lähteneistä viesteistä ja vedä tapaamista koordinaattorina.',
    status: 'Tila',
    api: 'API',
    media: 'Mediapalvelin (LiveKit)',
    idp: 'Testi-IdP (Suomi.fi/BankID/SITHS/MitID/BankID Norja)',
    ok: 'toimii',
    missing: 'ei käynnissä',
    ehr: 'Potilastiedot: varaa tapaaminen',
    book: 'Varaa tapaaminen',
    title: 'Otsikko',
    startsAt: 'Alkaa',
    minutes: 'Kesto (minuuttia)',
    screen: 'Salli näytön jakaminen',
    chat: 'Salli keskustelu',
    consent: 'Asiakkaan suostumus tapaamiseen ja osallistujiin',
    consentHow: { '': 'Ei vielä pyydetty', verbal: 'Annettu suullisesti', written: 'Annettu kirjallisesti' },
    participant: 'Osallistuja',
    name: 'Nimi',
    role: 'Rooli',
    idKind: 'Tunnistus',
    idValue: 'HSA-tunnus / henkilötunnus / puhelin / sähköposti',
    booked: 'Varatut tapaamiset',
    openChair: 'Avaa vetäjänä',
    invites: 'Kutsut',
    noneBooked: 'Tapaamisia ei ole vielä varattu.',
    inbox: 'Saapuneet viestit',
    loggedInAs: 'Kirjautunut Suomi.fi-tunnistuksella',
    change: 'Vaihda',
    noMessages: 'Ei viestejä.',
    msgTitle: 'Kutsu videotapaamiseen',
    msgBody: 'Sinut on kutsuttu videotapaamiseen. Liity tästä omilla tunnuksillasi.',
    join: 'Liity tapaamiseen',
    outbox: 'Lähteneet: lähetetyt tekstiviestit ja sähköpostit',
    to: 'Vastaanottaja',
    text: 'Teksti',
    channel: 'Kanava',
    empty: 'Mitään ei ole vielä lähetetty.',
    sms: 'Tekstiviesti',
    email: 'Sähköposti',
    date: 'Päivämäärä',
    time: 'Kellonaika',
    timeZone: 'Ruotsin aikaa.',
    ended: 'Tapaaminen on päättynyt.',
    endedBadge: 'Päättynyt',
    confirmTitle: 'Tapaaminen on varattu',
    confirmInvites: 'Näin osallistujat saavat kutsunsa',
    viaSms: 'Kutsu lähetetty tekstiviestillä numeroon',
    viaEmail: 'Kutsu lähetetty sähköpostilla osoitteeseen',
    viaInbox: 'Kutsu saapuneissa viesteissä; kirjautuu palvelulla',
    chairOpens: 'Avaa tapaamisen potilastiedoista',
    handOver: 'Anna henkilölle tämä linkki',
    link: 'Kutsulinkki',
    notFound: 'Sivua ei ole',
    notFoundBody: 'Tässä osoitteessa ei ole sivua. Aloita alusta etusivulta.',
    goHome: 'Etusivulle',
    guest: 'Videotapaaminen',
    meeting: 'Videotapaaminen',
    chair: 'Vetäjän näkymä',
    roles: { chair: 'Vetäjä', staff: 'Työntekijä', individual: 'Asiakas', relative: 'Omainen', guest: 'Vieras' },
    kinds: {
      hsa: 'SITHS (HSA-tunnus)',
      hetu: 'Suomi.fi (henkilötunnus)',
      pnr: 'BankID (ruotsalainen henkilötunnus)',
      cpr: 'MitID (tanskalainen CPR-numero)',
      fnr: 'BankID Norja (norjalainen henkilötunnus)',
      'guest-phone': 'Vieras, tekstiviesti',
      'guest-email': 'Vieras, sähköposti',
    },
  },
  en: {
    home: 'care-meet sandbox',
    homeLead:
      'A pretend portal that embeds care-meet: book a care-planning meeting in the EHR, join from the 1177 inbox, open the guest link from the outbox, and chair the meeting as the coordinator.',
    status: 'Status',
    api: 'API',
    media: 'Media server (LiveKit)',
    idp: 'Test IdP (BankID/SITHS/MitID/BankID Norway/Suomi.fi)',
    ok: 'works',
    missing: 'not running',
    ehr: 'EHR: book a care-planning meeting',
    book: 'Book the meeting',
    title: 'Title',
    startsAt: 'Start',
    minutes: 'Length (minutes)',
    screen: 'Allow screen sharing',
    chat: 'Allow chat',
    consent: "The individual's consent to the meeting and who takes part",
    consentHow: { '': 'Not obtained yet', verbal: 'Given verbally', written: 'Given in writing' },
    participant: 'Participant',
    name: 'Name',
    role: 'Role',
    idKind: 'Identification',
    idValue: 'HSA-id / personnummer / phone / e-mail',
    booked: 'Booked meetings',
    openChair: 'Open as meeting leader',
    invites: 'Invitations',
    noneBooked: 'No meetings booked yet.',
    inbox: '1177 inbox',
    loggedInAs: 'Logged in with BankID as',
    change: 'Change',
    noMessages: 'No messages.',
    msgTitle: 'Invitation to a video meeting',
    msgBody: 'You are invited to a video meeting. Join from here, logged in as you are.',
    join: 'Join the meeting',
    outbox: 'Outbox: SMS and e-mail sent',
    to: 'To',
    text: 'Text',
    channel: 'Channel',
    empty: 'Nothing sent yet.',
    sms: 'SMS',
    email: 'E-mail',
    date: 'Date',
    time: 'Time',
    timeZone: 'Swedish time.',
    ended: 'The meeting has ended.',
    endedBadge: 'Ended',
    confirmTitle: 'The meeting is booked',
    confirmInvites: 'How the participants get their invitation',
    viaSms: 'Invitation sent by SMS to',
    viaEmail: 'Invitation sent by e-mail to',
    viaInbox: 'Invitation in the 1177 inbox; logs in with',
    chairOpens: 'Opens the meeting from the EHR',
    handOver: 'Give the person this link',
    link: 'Invitation link',
    notFound: 'Page not found',
    notFoundBody: 'There is no page at that address. Start again from the home page.',
    goHome: 'To the home page',
    guest: 'Video meeting',
    meeting: 'Video meeting',
    chair: "Meeting leader's view",
    roles: { chair: 'Meeting leader', staff: 'Staff member', individual: 'The individual', relative: 'Relative', guest: 'Guest' },
    kinds: {
      hsa: 'SITHS (HSA-id)',
      pnr: 'BankID (personnummer)',
      cpr: 'MitID (CPR)',
      fnr: 'BankID Norway (fødselsnummer)',
      hetu: 'Suomi.fi (Finnish personal identity code)',
      'guest-phone': 'Guest by SMS',
      'guest-email': 'Guest by e-mail',
    },
  },
} as const;

export function text(lang: Lang) {
  return T[lang];
}

const LOCALE: Record<Lang, string> = { sv: 'sv-SE', da: 'da-DK', nb: 'nb-NO', fi: 'fi-FI', en: 'en-GB' };

/** A booked time in the page's language; in Stockholm time, where the sandbox portal books (see booking-form.ts). */
export const when = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));

export function homeBody(lang: Lang, s: { media: boolean; mediaUrl: string; idp: string }): string {
  const t = T[lang];
  return `<p>${h(t.homeLead)}</p>
<section class="card" aria-labelledby="status"><h2 id="status">${h(t.status)}</h2>
<table><tbody>
<tr><th scope="row">${h(t.api)}</th><td id="api-status">✔ ${h(t.ok)} · <a href="/api/health">/api/health</a></td></tr>
<tr><th scope="row">${h(t.media)}</th><td id="media-status">${s.media ? '✔' : '⚠'} ${h(s.mediaUrl)}: ${h(s.media ? t.ok : t.missing)}</td></tr>
<tr><th scope="row">${h(t.idp)}</th><td>✔ <span class="mono">${h(s.idp)}</span></td></tr>
</tbody></table></section>
<ol>
<li><a href="/ehr?lang=${lang}">${h(t.ehr)}</a></li>
<li><a href="/inbox?lang=${lang}">${h(t.inbox)}</a></li>
<li><a href="/outbox?lang=${lang}">${h(t.outbox)}</a></li>
</ol>`;
}

/**
 * The default participants of the booking form: the SIP example of HTTP-API.md; on the Danish
 * pages the individual is a Danish citizen who logs in with MitID, on the Norwegian pages the
 * individual and the relative are Norwegian citizens (BankID), on the Finnish pages Finnish ones
 * (Suomi.fi): the test IdP's users, so each page's inbox has them.
 */
const LOCAL_CITIZENS: Partial<Record<Lang, Partial<Record<'individual' | 'relative', { name: string; kind: string; value: string }>>>> = {
  da: { individual: { name: 'Mette Mitidsen', kind: 'cpr', value: '070761-4285' } },
  nb: { individual: { name: 'Kari Nordmann', kind: 'fnr', value: '301082 99920' }, relative: { name: 'Jonas Dnummer', kind: 'fnr', value: '701082 99914' } },
  fi: {
    individual: { name: 'Aino Esimerkki', kind: 'hetu', value: '010594Y9032' },
    relative: { name: 'Matti Meikäläinen', kind: 'hetu', value: '010181-900C' },
  },
};
const defaultRows = (lang: Lang) => DEFAULT_ROWS.map((row) => ({ ...row, ...LOCAL_CITIZENS[lang]?.[row.role as 'individual' | 'relative'] }));
const DEFAULT_ROWS = [
  { name: 'Anna Samordnare', role: 'chair', kind: 'hsa', value: 'SE2321000016-A1B2' },
  { name: 'Esther Exempel', role: 'individual', kind: 'pnr', value: '19121212-1212' },
  { name: 'Rut Exempel', role: 'relative', kind: 'pnr', value: '19850709-9920' },
  { name: 'Kurt Kurator', role: 'guest', kind: 'guest-phone', value: '+46709876543' },
  { name: 'Lisa Lärare', role: 'guest', kind: 'guest-email', value: 'lisa@skolan.example.se' },
  { name: '', role: 'staff', kind: 'hsa', value: '' },
];

/** What the EHR page shows after a booking was refused: what was typed, and each problem at its field. */
export interface EhrRefusal {
  values: URLSearchParams;
  errors: BookingFieldError[];
}

/**
 * The booking page: the form (the SIP example, or what was typed when a booking was refused, with
 * each problem beside its field and a summary above), a confirmation of a booking just made, and
 * the meetings booked. `startDefault` is a local `YYYY-MM-DDTHH:MM`, shown in the page language's
 * own date format, not the browser's.
 */
export function ehrBody(lang: Lang, o: { meetings: readonly BookedMeeting[]; startDefault: string; refused?: EhrRefusal; booked?: BookedMeeting }): string {
  const t = T[lang];
  const formats = { date: DATE_FORMATS[lang].shown, time: DATE_FORMATS[lang].time };
  const typed = o.refused?.values;
  const errors = o.refused?.errors ?? [];
  const errorOf = (id: string) => errors.find((e) => e.control === id);
  /** aria-invalid and the ids of the control's hint and message. */
  const described = (id: string, hint?: string) => {
    const e = errorOf(id);
    const ids = [hint, e ? `${id}-error` : undefined].filter(Boolean).join(' ');
    return `${e ? ' aria-invalid="true"' : ''}${ids ? ` aria-describedby="${ids}"` : ''}`;
  };
  const message = (id: string) => {
    const e = errorOf(id);
    return e ? `<p class="field-error" id="${id}-error">${h(bookingErrorText(lang, e, formats))}</p>` : '';
  };
  const value = (name: string, fallback: string) => (typed ? (typed.get(name) ?? '') : fallback);
  const option = (v: string, label: string, selected: string) => `<option value="${v}"${v === selected ? ' selected' : ''}>${h(label)}</option>`;
  const checked = (name: string) => (typed?.get(name) === '1' ? ' checked' : '');
  const [defaultDate = '', defaultTime = ''] = o.startDefault.split('T');
  const defaults = defaultRows(lang);
  const rows = defaults
    .map((d, i) => {
      const r = typed
        ? {
            name: typed.get(`p${i}-name`) ?? '',
            role: typed.get(`p${i}-role`) ?? 'staff',
            kind: typed.get(`p${i}-kind`) ?? 'hsa',
            value: typed.get(`p${i}-value`) ?? '',
          }
        : d;
      const field = (key: 'name' | 'value', label: string) =>
        `<div><label for="p${i}-${key}">${h(label)}</label><input id="p${i}-${key}" name="p${i}-${key}" value="${h(r[key])}" autocomplete="off"${described(`p${i}-${key}`)}>${message(`p${i}-${key}`)}</div>`;
      const select = (key: 'role' | 'kind', label: string, choices: Record<string, string>) =>
        `<div><label for="p${i}-${key}">${h(label)}</label><select id="p${i}-${key}" name="p${i}-${key}"${described(`p${i}-${key}`)}>${Object.entries(choices)
          .map(([v, l]) => option(v, l, r[key]))
          .join('')}</select>${message(`p${i}-${key}`)}</div>`;
      return `<fieldset><legend>${h(t.participant)} ${i + 1}</legend><div class="row">
  ${field('name', t.name)}
  ${select('role', t.role, t.roles)}
  ${select('kind', t.idKind, t.kinds)}
  ${field('value', t.idValue)}
</div></fieldset>`;
    })
    .join('');
  const summary =
    errors.length === 0
      ? ''
      : `<div class="error-summary" id="booking-errors" role="alert" tabindex="-1" aria-labelledby="booking-errors-h">
<h2 id="booking-errors-h">${h(BOOKING_ERROR_TEXTS[lang].summary)}</h2>
<ul>${errors.map((e) => `<li><a href="#${e.control}">${e.row === undefined ? '' : `${h(BOOKING_ERROR_TEXTS[lang].participant)} ${e.row + 1}: `}${h(bookingErrorText(lang, e, formats))}</a></li>`).join('')}</ul>
</div>`;
  const list =
    o.meetings.length === 0
      ? `<p class="muted">${h(t.noneBooked)}</p>`
      : o.meetings
          .map(
            (m) => `<article class="card" data-meeting="${h(m.id)}">
<h3>${h(m.title)} · ${h(when(m.startsAt, lang))}</h3>
<p><a class="button" href="/chair/${encodeURIComponent(m.id)}?lang=${lang}">${h(t.openChair)}</a></p>
<details><summary>${h(t.invites)}</summary>${invitationList(lang, m)}</details></article>`,
          )
          .join('');
  return `${o.booked ? confirmation(lang, o.booked) : ''}${summary}
<form method="post" action="/ehr/book?lang=${lang}" class="card" aria-labelledby="book-h" novalidate>
<h2 id="book-h">${h(t.book)}</h2>
<label for="title">${h(t.title)}</label><input id="title" name="title" value="${h(value('title', 'SIP-möte'))}" required${described('title')}>${message('title')}
<div class="when">
<div><label for="date">${h(t.date)}</label><input id="date" name="date" inputmode="numeric" autocomplete="off" value="${h(value('date', formatLocalDate(defaultDate, lang)))}" required${described('date', 'date-hint')}>
<p class="hint" id="date-hint">${h(formats.date)}</p>${message('date')}</div>
<div><label for="time">${h(t.time)}</label><input id="time" name="time" inputmode="numeric" autocomplete="off" value="${h(value('time', formatLocalTime(defaultTime, lang)))}" required${described('time', 'time-hint')}>
<p class="hint" id="time-hint">${h(formats.time)} · ${h(t.timeZone)}</p>${message('time')}</div>
<div><label for="minutes">${h(t.minutes)}</label><input id="minutes" name="minutes" type="number" min="15" max="240" value="${h(value('minutes', '60'))}"></div>
</div>
<label><input type="checkbox" name="allowChat" value="1"${checked('allowChat')}> ${h(t.chat)}</label>
<label><input type="checkbox" name="allowScreenShare" value="1"${checked('allowScreenShare')}> ${h(t.screen)}</label>
<label for="consent">${h(t.consent)}</label><select id="consent" name="consent"${described('consent')}>${Object.entries(t.consentHow)
    .map(([v, l]) => option(v, l, value('consent', '')))
    .join('')}</select>${message('consent')}
${rows}
<button type="submit">${h(t.book)}</button>
</form>
<section aria-labelledby="booked-h"><h2 id="booked-h">${h(t.booked)}</h2>${list}</section>`;
}

/** How each participant gets in: the message care-meet sent, the inbox, or a link to hand over. */
function invitationList(lang: Lang, m: BookedMeeting): string {
  const t = T[lang];
  const how = (p: BookedMeeting['participants'][number]) => {
    if (p.kind === 'guest') return `${h(p.masked.includes('@') ? t.viaEmail : t.viaSms)} <span class="recipient">${h(p.masked)}</span>`;
    if (p.kind === 'pnr' || p.kind === 'cpr' || p.kind === 'fnr' || p.kind === 'hetu')
      return `${h(t.viaInbox)} ${h(t.kinds[p.kind].replace(/ \(.*$/, ''))} (${h(p.masked)})`;
    if (p.role === 'chair') return h(t.chairOpens);
    return `${h(t.handOver)} (SITHS, ${h(p.masked)})`;
  };
  return `<ul class="invitations">${m.participants.map((p) => `<li><strong>${h(p.name)}</strong>, ${h(t.roles[p.role as keyof typeof t.roles] ?? p.role)}: ${how(p)}. <a class="invite-link" href="${h(p.inviteUrl)}">${h(t.link)}</a></li>`).join('')}</ul>`;
}

/** The confirmation after a booking: what was booked and how each person was invited. Focused on load. */
function confirmation(lang: Lang, m: BookedMeeting): string {
  const t = T[lang];
  const end = new Intl.DateTimeFormat(LOCALE[lang], { timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(m.endsAt));
  return `<section class="card confirmation" id="booked" tabindex="-1" aria-labelledby="booked-confirm-h" data-meeting="${h(m.id)}">
<h2 id="booked-confirm-h"><span aria-hidden="true">✔ </span>${h(t.confirmTitle)}</h2>
<p><strong>${h(m.title)}</strong>, ${h(when(m.startsAt, lang))}–${h(end)} (${h(t.timeZone.replace(/\.$/, ''))})</p>
<h3>${h(t.confirmInvites)}</h3>
${invitationList(lang, m)}
<p><a class="button" href="/chair/${encodeURIComponent(m.id)}?lang=${lang}">${h(t.openChair)}</a></p>
</section>
`;
}

/**
 * The inbox: who is logged in, and their invitations. A meeting in `ended` (ended by its chair, or
 * past its end) says so instead of offering to join.
 */
export function inboxBody(
  lang: Lang,
  o: { who: string; citizens: Array<{ id: string; name: string }>; messages: InboxMessage[]; titles: Map<string, string>; ended?: ReadonlySet<string> },
): string {
  const t = T[lang];
  const picker = `<form method="get" action="/inbox" class="card"><input type="hidden" name="lang" value="${lang}">
<label for="who">${h(t.loggedInAs)}</label>
<select id="who" name="who">${o.citizens.map((c) => `<option value="${h(c.id)}"${c.id === o.who ? ' selected' : ''}>${h(c.name)}</option>`).join('')}</select>
<button type="submit" class="secondary">${h(t.change)}</button></form>`;
  const list =
    o.messages.length === 0
      ? `<p class="muted">${h(t.noMessages)}</p>`
      : o.messages
          .map(
            (m) => `<article class="card" data-meeting="${h(m.meetingId)}">
<h2>${h(t.msgTitle)}: ${h(o.titles.get(m.meetingId) ?? '')}</h2>
<p>${h(when(m.startsAt, lang))}. ${h(t.msgBody)}</p>
${
  o.ended?.has(m.meetingId)
    ? `<p class="ended" data-state="ended"><span class="badge">${h(t.endedBadge)}</span> ${h(t.ended)}</p>`
    : `<p><a class="button" href="/inbox/meeting/${encodeURIComponent(m.meetingId)}?who=${encodeURIComponent(o.who)}&lang=${lang}">${h(t.join)}</a></p>`
}
</article>`,
          )
          .join('');
  return picker + list;
}

/** Message text as HTML: escaped, with its http(s) links clickable. Line breaks are kept by CSS (pre-line). */
export function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/)
    .map((part, i) => (i % 2 === 1 ? `<a href="${h(part)}">${h(part)}</a>` : h(part)))
    .join('');
}

/**
 * The outbox: one card per message, newest first: channel, recipient and time on one line, then
 * the subject and the text with its links clickable. A list, not a table, so it fits a phone.
 */
export function outboxBody(lang: Lang, messages: OutboxMessage[]): string {
  const t = T[lang];
  if (messages.length === 0) return `<p class="muted">${h(t.empty)}</p>`;
  return `<ol class="outbox">
${[...messages]
  .reverse()
  .map(
    (m) => `<li class="card outbox-message" data-channel="${m.channel}" data-to="${h(m.to)}">
<p class="outbox-head"><span class="channel">${h(m.channel === 'sms' ? t.sms : t.email)}</span> <span>${h(t.to)}: <span class="recipient">${h(m.to)}</span></span> <time datetime="${h(m.at)}">${h(when(m.at, lang))}</time></p>
${m.subject ? `<p class="outbox-subject"><strong>${h(m.subject)}</strong></p>\n` : ''}<p class="outbox-text">${linkify(m.text)}</p>
</li>`,
  )
  .join('\n')}
</ol>`;
}

/**
 * A page holding `<care-meeting>`: given an invitation in the fragment (`inviteFromHash`), or a
 * session the portal vouched for. `noMedia`: no media server runs, and the element is told so.
 */
export function meetingBody(lang: Lang, o: { noMedia?: boolean; inviteFromHash?: boolean } = {}): string {
  const flags = `${o.inviteFromHash ? ' invite-from-hash' : ''}${o.noMedia ? ' no-media-server' : ''}`;
  return `<care-meeting lang="${lang}" api-base="/api"${flags}><p slot="support">1177 · 0771-11 77 00</p></care-meeting>`;
}

/** A page that does not exist, in the page's language, with the way back. */
export function notFoundBody(lang: Lang): string {
  const t = T[lang];
  return `<p>${h(t.notFoundBody)}</p>
<p><a class="button" href="/?lang=${lang}">${h(t.goHome)}</a></p>`;
}
