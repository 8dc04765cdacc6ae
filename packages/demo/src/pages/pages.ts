import type { OutboxMessage } from '@care-meet/server-sdk';
import type { BookedMeeting, InboxMessage } from '../demo-state.js';
import { escapeHtml as h, type Lang } from './layout.js';

const T = {
  sv: {
    home: 'Sandlåda för care-meet',
    homeLead: 'En låtsasportal som bäddar in care-meet: boka ett SIP-möte i journalen, gå med från 1177-inkorgen, öppna gästens länk från utkorgen, och led mötet som samordnare.',
    status: 'Status', api: 'API', media: 'Mediaserver (LiveKit)', idp: 'Test-IdP (BankID/SITHS/MitID)', ok: 'fungerar', missing: 'körs inte',
    ehr: 'Journalen: boka ett SIP-möte', book: 'Boka mötet', title: 'Rubrik', startsAt: 'Start', minutes: 'Längd (minuter)',
    screen: 'Tillåt skärmdelning', chat: 'Tillåt chatt', consent: 'Den enskildes samtycke till mötet och deltagarna', consentHow: { '': 'Inte inhämtat än', verbal: 'Givet muntligt', written: 'Givet skriftligt' }, participant: 'Deltagare', name: 'Namn', role: 'Roll', idKind: 'Identifiering', idValue: 'HSA-id / personnummer / telefon / e-post',
    booked: 'Bokade möten', openChair: 'Öppna som mötesledare', invites: 'Inbjudningar', noneBooked: 'Inga möten bokade än.',
    inbox: '1177-inkorgen', loggedInAs: 'Inloggad med BankID som', change: 'Byt', noMessages: 'Inga meddelanden.', msgTitle: 'Kallelse till videomöte',
    msgBody: 'Du är kallad till ett videomöte. Du går med härifrån, inloggad som du är.', join: 'Gå med i mötet',
    outbox: 'Utkorgen: sms och e-post som skickats', to: 'Till', text: 'Text', channel: 'Kanal', empty: 'Inget skickat än.', sms: 'Sms', email: 'E-post',
    guest: 'Videomöte', meeting: 'Videomöte', chair: 'Mötesledarens vy',
    roles: { chair: 'Mötesledare', staff: 'Medarbetare', individual: 'Den enskilde', relative: 'Närstående', guest: 'Gäst' },
    kinds: { hsa: 'SITHS (HSA-id)', pnr: 'BankID (personnummer)', cpr: 'MitID (CPR)', 'guest-phone': 'Gäst via sms', 'guest-email': 'Gäst via e-post' },
  },
  da: {
    home: 'Sandkasse for care-meet',
    homeLead: 'En prøveportal, der indlejrer care-meet: book et møde i journalen, deltag fra indbakken, åbn gæstens link fra udbakken, og led mødet som koordinator.',
    status: 'Status', api: 'API', media: 'Medieserver (LiveKit)', idp: 'Test-IdP (MitID/BankID/SITHS)', ok: 'virker', missing: 'kører ikke',
    ehr: 'Journalen: book et møde', book: 'Book mødet', title: 'Titel', startsAt: 'Start', minutes: 'Varighed (minutter)',
    screen: 'Tillad skærmdeling', chat: 'Tillad chat', consent: 'Borgerens samtykke til mødet og deltagerne', consentHow: { '': 'Ikke indhentet endnu', verbal: 'Givet mundtligt', written: 'Givet skriftligt' }, participant: 'Deltager', name: 'Navn', role: 'Rolle', idKind: 'Identifikation', idValue: 'HSA-id / CPR-nummer / svensk personnummer / telefon / e-mail',
    booked: 'Bookede møder', openChair: 'Åbn som mødeleder', invites: 'Invitationer', noneBooked: 'Ingen møder booket endnu.',
    inbox: 'Indbakken', loggedInAs: 'Logget ind med MitID som', change: 'Skift', noMessages: 'Ingen beskeder.', msgTitle: 'Indkaldelse til videomøde',
    msgBody: 'Du er indkaldt til et videomøde. Du deltager herfra, logget ind som du er.', join: 'Deltag i mødet',
    outbox: 'Udbakken: sendte sms’er og e-mails', to: 'Til', text: 'Tekst', channel: 'Kanal', empty: 'Intet sendt endnu.', sms: 'Sms', email: 'E-mail',
    guest: 'Videomøde', meeting: 'Videomøde', chair: 'Mødelederens visning',
    roles: { chair: 'Mødeleder', staff: 'Medarbejder', individual: 'Borger', relative: 'Pårørende', guest: 'Gæst' },
    kinds: { hsa: 'SITHS (HSA-id)', pnr: 'BankID (svensk personnummer)', cpr: 'MitID (CPR-nummer)', 'guest-phone': 'Gæst via sms', 'guest-email': 'Gæst via e-mail' },
  },
  nb: {
    home: 'Prøveområde for care-meet',
    homeLead: 'En øvingsportal som bygger inn care-meet: avtal et møte i journalen, bli med fra innboksen, åpne gjestens lenke fra utboksen, og led møtet som koordinator.',
    status: 'Status', api: 'API', media: 'Medieserver (LiveKit)', idp: 'Test-IdP (BankID/SITHS/MitID)', ok: 'fungerer', missing: 'kjører ikke',
    ehr: 'Journalen: avtal et møte', book: 'Avtal møtet', title: 'Tittel', startsAt: 'Start', minutes: 'Varighet (minutter)',
    screen: 'Tillat skjermdeling', chat: 'Tillat chat', consent: 'Innbyggerens samtykke til møtet og deltakerne', consentHow: { '': 'Ikke innhentet ennå', verbal: 'Gitt muntlig', written: 'Gitt skriftlig' }, participant: 'Deltaker', name: 'Navn', role: 'Rolle', idKind: 'Identifisering', idValue: 'HSA-id / svensk personnummer / telefon / e-post',
    booked: 'Avtalte møter', openChair: 'Åpne som møteleder', invites: 'Invitasjoner', noneBooked: 'Ingen møter er avtalt ennå.',
    inbox: 'Innboksen', loggedInAs: 'Logget inn med svensk BankID som', change: 'Bytt', noMessages: 'Ingen meldinger.', msgTitle: 'Innkalling til videomøte',
    msgBody: 'Du er innkalt til et videomøte. Du blir med herfra, innlogget som du er.', join: 'Bli med i møtet',
    outbox: 'Utboksen: sendte SMS-er og e-poster', to: 'Til', text: 'Tekst', channel: 'Kanal', empty: 'Ingenting er sendt ennå.', sms: 'SMS', email: 'E-post',
    guest: 'Videomøte', meeting: 'Videomøte', chair: 'Møteleders visning',
    roles: { chair: 'Møteleder', staff: 'Ansatt', individual: 'Innbygger', relative: 'Pårørende', guest: 'Gjest' },
    kinds: { hsa: 'SITHS (HSA-id)', pnr: 'BankID (svensk personnummer)', cpr: 'MitID (dansk CPR-nummer)', 'guest-phone': 'Gjest via SMS', 'guest-email': 'Gjest via e-post' },
  },
  fi: {
    home: 'Hiekkalaatikko: care-meet',
    homeLead: 'Harjoitusportaali, johon care-meet on upotettu: varaa tapaaminen potilastiedoissa, liity saapuneista viesteistä, avaa vieraan linkki lähteneistä viesteistä ja vedä tapaamista koordinaattorina.',
    status: 'Tila', api: 'API', media: 'Mediapalvelin (LiveKit)', idp: 'Testi-IdP (BankID/SITHS/MitID)', ok: 'toimii', missing: 'ei käynnissä',
    ehr: 'Potilastiedot: varaa tapaaminen', book: 'Varaa tapaaminen', title: 'Otsikko', startsAt: 'Alkaa', minutes: 'Kesto (minuuttia)',
    screen: 'Salli näytön jakaminen', chat: 'Salli keskustelu', consent: 'Asiakkaan suostumus tapaamiseen ja osallistujiin', consentHow: { '': 'Ei vielä pyydetty', verbal: 'Annettu suullisesti', written: 'Annettu kirjallisesti' }, participant: 'Osallistuja', name: 'Nimi', role: 'Rooli', idKind: 'Tunnistus', idValue: 'HSA-tunnus / ruotsalainen henkilötunnus / puhelin / sähköposti',
    booked: 'Varatut tapaamiset', openChair: 'Avaa vetäjänä', invites: 'Kutsut', noneBooked: 'Tapaamisia ei ole vielä varattu.',
    inbox: 'Saapuneet viestit', loggedInAs: 'Kirjautunut ruotsalaisella BankID:llä', change: 'Vaihda', noMessages: 'Ei viestejä.', msgTitle: 'Kutsu videotapaamiseen',
    msgBody: 'Sinut on kutsuttu videotapaamiseen. Liity tästä omilla tunnuksillasi.', join: 'Liity tapaamiseen',
    outbox: 'Lähteneet: lähetetyt tekstiviestit ja sähköpostit', to: 'Vastaanottaja', text: 'Teksti', channel: 'Kanava', empty: 'Mitään ei ole vielä lähetetty.', sms: 'Tekstiviesti', email: 'Sähköposti',
    guest: 'Videotapaaminen', meeting: 'Videotapaaminen', chair: 'Vetäjän näkymä',
    roles: { chair: 'Vetäjä', staff: 'Työntekijä', individual: 'Asiakas', relative: 'Omainen', guest: 'Vieras' },
    kinds: { hsa: 'SITHS (HSA-tunnus)', pnr: 'BankID (ruotsalainen henkilötunnus)', cpr: 'MitID (tanskalainen CPR-numero)', 'guest-phone': 'Vieras, tekstiviesti', 'guest-email': 'Vieras, sähköposti' },
  },
  en: {
    home: 'care-meet sandbox',
    homeLead: 'A pretend portal that embeds care-meet: book a care-planning meeting in the EHR, join from the 1177 inbox, open the guest link from the outbox, and chair the meeting as the coordinator.',
    status: 'Status', api: 'API', media: 'Media server (LiveKit)', idp: 'Test IdP (BankID/SITHS/MitID)', ok: 'works', missing: 'not running',
    ehr: 'EHR: book a care-planning meeting', book: 'Book the meeting', title: 'Title', startsAt: 'Start', minutes: 'Length (minutes)',
    screen: 'Allow screen sharing', chat: 'Allow chat', consent: 'The individual\'s consent to the meeting and who takes part', consentHow: { '': 'Not obtained yet', verbal: 'Given verbally', written: 'Given in writing' }, participant: 'Participant', name: 'Name', role: 'Role', idKind: 'Identification', idValue: 'HSA-id / personnummer / phone / e-mail',
    booked: 'Booked meetings', openChair: 'Open as meeting leader', invites: 'Invitations', noneBooked: 'No meetings booked yet.',
    inbox: '1177 inbox', loggedInAs: 'Logged in with BankID as', change: 'Change', noMessages: 'No messages.', msgTitle: 'Invitation to a video meeting',
    msgBody: 'You are invited to a video meeting. Join from here, logged in as you are.', join: 'Join the meeting',
    outbox: 'Outbox: SMS and e-mail sent', to: 'To', text: 'Text', channel: 'Channel', empty: 'Nothing sent yet.', sms: 'SMS', email: 'E-mail',
    guest: 'Video meeting', meeting: 'Video meeting', chair: "Meeting leader's view",
    roles: { chair: 'Meeting leader', staff: 'Staff member', individual: 'The individual', relative: 'Relative', guest: 'Guest' },
    kinds: { hsa: 'SITHS (HSA-id)', pnr: 'BankID (personnummer)', cpr: 'MitID (CPR)', 'guest-phone': 'Guest by SMS', 'guest-email': 'Guest by e-mail' },
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
 * pages the individual is a Danish citizen who logs in with MitID.
 */
const defaultRows = (lang: Lang) => DEFAULT_ROWS.map((row) => (lang === 'da' && row.role === 'individual' ? { ...row, name: 'Mette Mitidsen', kind: 'cpr', value: '070761-4285' } : row));
const DEFAULT_ROWS = [
  { name: 'Anna Samordnare', role: 'chair', kind: 'hsa', value: 'SE2321000016-A1B2' },
  { name: 'Esther Exempel', role: 'individual', kind: 'pnr', value: '19121212-1212' },
  { name: 'Rut Exempel', role: 'relative', kind: 'pnr', value: '19850709-9920' },
  { name: 'Kurt Kurator', role: 'guest', kind: 'guest-phone', value: '+46709876543' },
  { name: 'Lisa Lärare', role: 'guest', kind: 'guest-email', value: 'lisa@skolan.example.se' },
  { name: '', role: 'staff', kind: 'hsa', value: '' },
];

export function ehrBody(lang: Lang, o: { meetings: readonly BookedMeeting[]; startDefault: string; error?: string }): string {
  const t = T[lang];
  const option = (value: string, label: string, selected: string) => `<option value="${value}"${value === selected ? ' selected' : ''}>${h(label)}</option>`;
  const rows = defaultRows(lang).map((r, i) => `<fieldset><legend>${h(t.participant)} ${i + 1}</legend><div class="row">
  <div><label for="p${i}-name">${h(t.name)}</label><input id="p${i}-name" name="p${i}-name" value="${h(r.name)}" autocomplete="off"></div>
  <div><label for="p${i}-role">${h(t.role)}</label><select id="p${i}-role" name="p${i}-role">${Object.entries(t.roles).map(([v, l]) => option(v, l, r.role)).join('')}</select></div>
  <div><label for="p${i}-kind">${h(t.idKind)}</label><select id="p${i}-kind" name="p${i}-kind">${Object.entries(t.kinds).map(([v, l]) => option(v, l, r.kind)).join('')}</select></div>
  <div><label for="p${i}-value">${h(t.idValue)}</label><input id="p${i}-value" name="p${i}-value" value="${h(r.value)}" autocomplete="off"></div>
</div></fieldset>`).join('');
  const list = o.meetings.length === 0 ? `<p class="muted">${h(t.noneBooked)}</p>` : o.meetings.map((m) => `<article class="card" data-meeting="${h(m.id)}">
<h3>${h(m.title)} · ${h(when(m.startsAt, lang))}</h3>
<p><a class="button" href="/chair/${encodeURIComponent(m.id)}?lang=${lang}">${h(t.openChair)}</a></p>
<details><summary>${h(t.invites)}</summary><table><thead><tr><th>${h(t.name)}</th><th>${h(t.role)}</th><th>${h(t.idKind)}</th><th>URL</th></tr></thead><tbody>
${m.participants.map((p) => `<tr><td>${h(p.name)}</td><td>${h(t.roles[p.role as keyof typeof t.roles] ?? p.role)}</td><td>${h(p.masked)}</td><td class="mono"><a href="${h(p.inviteUrl)}">${h(p.inviteUrl.slice(0, 48))}…</a></td></tr>`).join('')}
</tbody></table></details></article>`).join('');
  return `${o.error ? `<p class="notice" role="alert" id="booking-error">${h(o.error)}</p>` : ''}
<form method="post" action="/ehr/book?lang=${lang}" class="card" aria-labelledby="book-h">
<h2 id="book-h">${h(t.book)}</h2>
<label for="title">${h(t.title)}</label><input id="title" name="title" value="SIP-möte" required>
<label for="startsAt">${h(t.startsAt)}</label><input id="startsAt" name="startsAt" type="datetime-local" value="${h(o.startDefault)}" required>
<label for="minutes">${h(t.minutes)}</label><input id="minutes" name="minutes" type="number" min="15" max="240" value="60">
<label><input type="checkbox" name="allowChat" value="1"> ${h(t.chat)}</label>
<label><input type="checkbox" name="allowScreenShare" value="1"> ${h(t.screen)}</label>
<label for="consent">${h(t.consent)}</label><select id="consent" name="consent">${Object.entries(t.consentHow).map(([v, l]) => option(v, l, '')).join('')}</select>
${rows}
<button type="submit">${h(t.book)}</button>
</form>
<section aria-labelledby="booked-h"><h2 id="booked-h">${h(t.booked)}</h2>${list}</section>`;
}

export function inboxBody(lang: Lang, o: { who: string; citizens: Array<{ id: string; name: string }>; messages: InboxMessage[]; titles: Map<string, string> }): string {
  const t = T[lang];
  const picker = `<form method="get" action="/inbox" class="card"><input type="hidden" name="lang" value="${lang}">
<label for="who">${h(t.loggedInAs)}</label>
<select id="who" name="who">${o.citizens.map((c) => `<option value="${h(c.id)}"${c.id === o.who ? ' selected' : ''}>${h(c.name)}</option>`).join('')}</select>
<button type="submit" class="secondary">${h(t.change)}</button></form>`;
  const list = o.messages.length === 0 ? `<p class="muted">${h(t.noMessages)}</p>` : o.messages.map((m) => `<article class="card" data-meeting="${h(m.meetingId)}">
<h2>${h(t.msgTitle)}: ${h(o.titles.get(m.meetingId) ?? '')}</h2>
<p>${h(when(m.startsAt, lang))}. ${h(t.msgBody)}</p>
<p><a class="button" href="/inbox/meeting/${encodeURIComponent(m.meetingId)}?who=${encodeURIComponent(o.who)}&lang=${lang}">${h(t.join)}</a></p>
</article>`).join('');
  return picker + list;
}

export function outboxBody(lang: Lang, messages: OutboxMessage[]): string {
  const t = T[lang];
  if (messages.length === 0) return `<p class="muted">${h(t.empty)}</p>`;
  return `<table class="card"><thead><tr><th>${h(t.channel)}</th><th>${h(t.to)}</th><th>${h(t.text)}</th></tr></thead><tbody>
${[...messages].reverse().map((m) => `<tr class="outbox-message" data-channel="${m.channel}" data-to="${h(m.to)}"><td>${h(m.channel === 'sms' ? t.sms : t.email)}</td><td class="mono">${h(m.to)}</td><td><pre class="mono">${h(m.subject ? `${m.subject}\n\n${m.text}` : m.text)}</pre></td></tr>`).join('')}
</tbody></table>`;
}

/**
 * A page holding `<care-meeting>`: given an invitation in the fragment (`inviteFromHash`), or a
 * session the portal vouched for. `noMedia`: no media server runs, and the element is told so.
 */
export function meetingBody(lang: Lang, o: { noMedia?: boolean; inviteFromHash?: boolean } = {}): string {
  const flags = `${o.inviteFromHash ? ' invite-from-hash' : ''}${o.noMedia ? ' no-media-server' : ''}`;
  return `<care-meeting lang="${lang}" api-base="/api"${flags}><p slot="support">1177 · 0771-11 77 00</p></care-meeting>`;
}
