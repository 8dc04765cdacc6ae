import { randomBytes } from 'node:crypto';

export type Lang = 'sv' | 'da' | 'nb' | 'fi' | 'en';
export const LANGS: readonly Lang[] = ['sv', 'da', 'nb', 'fi', 'en'];

/** Each language's name in itself, for the language links. */
const LANG_NAMES: Record<Lang, string> = { sv: 'Svenska', da: 'Dansk', nb: 'Norsk bokmål', fi: 'Suomi', en: 'English' };

/** The frame's own words: the skip link, and the names of the navigation and the language links. */
const FRAME: Record<Lang, { skip: string; portal: string; language: string }> = {
  sv: { skip: 'Hoppa till innehållet', portal: 'Portalen', language: 'Språk' },
  da: { skip: 'Spring til indhold', portal: 'Portalen', language: 'Sprog' },
  nb: { skip: 'Hopp til innholdet', portal: 'Portalen', language: 'Språk' },
  fi: { skip: 'Siirry sisältöön', portal: 'Portaali', language: 'Kieli' },
  en: { skip: 'Skip to content', portal: 'Portal', language: 'Language' },
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function pickLang(value: string | null): Lang {
  return LANGS.includes(value as Lang) ? (value as Lang) : 'sv';
}

const NAV: Record<Lang, Array<[string, string]>> = {
  sv: [
    ['/', 'Start'],
    ['/ehr', 'Journalen (bokning)'],
    ['/inbox', '1177-inkorgen'],
    ['/outbox', 'Utkorgen (sms/e-post)'],
  ],
  da: [
    ['/', 'Start'],
    ['/ehr', 'Journalen (booking)'],
    ['/inbox', 'Indbakken'],
    ['/outbox', 'Udbakken (sms/e-mail)'],
  ],
  nb: [
    ['/', 'Start'],
    ['/ehr', 'Journalen (avtale)'],
    ['/inbox', 'Innboksen'],
    ['/outbox', 'Utboksen (SMS/e-post)'],
  ],
  fi: [
    ['/', 'Etusivu'],
    ['/ehr', 'Potilastiedot (varaus)'],
    ['/inbox', 'Saapuneet'],
    ['/outbox', 'Lähteneet (tekstiviesti/sähköposti)'],
  ],
  en: [
    ['/', 'Home'],
    ['/ehr', 'EHR (booking)'],
    ['/inbox', '1177 inbox'],
    ['/outbox', 'Outbox (SMS/e-mail)'],
  ],
};

/** The command that builds LiveKit (with Go) and starts it beside the demo. */
const QUICKSTART_DEMO = 'bash scripts/quickstart.sh demo';

/** What every page says when no media server runs: what that means, and how to get one. */
const NO_MEDIA: Record<Lang, { what: string; how: [string, string] }> = {
  sv: {
    what: 'Den här demon körs utan mediaserver, så det blir varken ljud, bild eller chatt. Allt annat fungerar: inloggning, väntrummet, att släppa in, deltagarlistan, att ta bort, att avsluta mötet och utvärderingen.',
    how: ['För ljud och bild: kör ', ' på en dator med Go 1.26 eller senare. Det bygger LiveKit och startar det tillsammans med demon.'],
  },
  da: {
    what: 'Denne demo kører uden medieserver, så der er hverken lyd, billede eller chat. Alt andet virker: login, venteværelset, at lukke ind, deltagerlisten, at fjerne, at afslutte mødet og evalueringen.',
    how: ['For lyd og billede: kør ', ' på en maskine med Go 1.26 eller nyere. Det bygger LiveKit og starter det sammen med demoen.'],
  },
  nb: {
    what: 'Denne demoen kjører uten medieserver, så det blir verken lyd, bilde eller chat. Alt annet fungerer: innlogging, venterommet, å slippe inn, deltakerlisten, å fjerne, å avslutte møtet og evalueringen.',
    how: ['For lyd og bilde: kjør ', ' på en maskin med Go 1.26 eller nyere. Det bygger LiveKit og starter det sammen med demoen.'],
  },
  fi: {
    what: 'Tämä demo toimii ilman mediapalvelinta, joten ääntä, kuvaa ja keskustelua ei ole. Kaikki muu toimii: kirjautuminen, odotustila, sisään päästäminen, osallistujaluettelo, poistaminen, tapaamisen lopettaminen ja arviointi.',
    how: ['Saat äänen ja kuvan käyttöön ajamalla komennon ', ' koneella, jossa on Go 1.26 tai uudempi. Se kääntää LiveKitin ja käynnistää sen demon rinnalle.'],
  },
  en: {
    what: 'This demo runs without a media server, so there is no sound, video or chat. Everything else works: sign-in, the lobby, letting people in, the participant list, removing, ending the meeting and the evaluation.',
    how: ['For sound and video, run ', ' on a machine with Go 1.26 or newer. It builds LiveKit and starts it with the demo.'],
  },
};

/** The no-media notice, as HTML. */
function noMediaNotice(lang: Lang): string {
  const t = NO_MEDIA[lang];
  return `<p class="notice" role="note" id="no-media">${escapeHtml(t.what)} ${escapeHtml(t.how[0])}<code>${escapeHtml(QUICKSTART_DEMO)}</code>${escapeHtml(t.how[1])}</p>`;
}

export interface Page {
  lang: Lang;
  title: string;
  path: string;
  body: string;
  /** Set when no media server runs: the page says what that means and how to get one. */
  noMedia?: boolean;
  /** Loads the care-meet elements. */
  elements?: boolean;
  /** An inline module script (gets the page's CSP nonce). */
  script?: string;
  /**
   * Where this page is, path and query (`/inbox/meeting/m_1?who=rut&lang=sv`): the language links
   * lead to the same page in another language. Default: `path`.
   */
  here?: string;
}

/**
 * The same page in another language: its path and query kept, `lang` replaced. The fragment
 * (`#invite=…`) never reaches the server, so LANG_LINKS_CARRY_HASH adds it in the browser.
 */
export function languageHref(here: string, lang: Lang): string {
  const u = new URL(here, 'http://demo.invalid');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}

/** Carries the page's fragment over to the language links, now and whenever it changes. */
const LANG_LINKS_CARRY_HASH = `const carry = () => { for (const a of document.querySelectorAll('.langs a[hreflang]')) { const u = new URL(a.href); u.hash = location.hash; a.href = u.href; } };
carry(); addEventListener('hashchange', carry);`;

/** The sandbox's page frame: a header with the portal's sections and the language choice. */
/**
 * The http(s) origin of a LiveKit WebSocket URL (ws → http, wss → https): livekit-client also
 * fetches from it (its region and reachability checks), so the page's CSP must allow it.
 */
export function livekitHttpOrigin(livekitUrl: string): string | null {
  try {
    const u = new URL(livekitUrl);
    if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return null;
    return `${u.protocol === 'wss:' ? 'https:' : 'http:'}//${u.host}`;
  } catch {
    return null;
  }
}

/** `extraConnect`: more sources for `connect-src`, e.g. the LiveKit server's http(s) origin. */
export function renderPage(p: Page, extraConnect: readonly string[] = []): { html: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  const nav = NAV[p.lang]
    .map(([href, label]) => `<a href="${href}?lang=${p.lang}"${p.path === href ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a>`)
    .join('');
  const langs = LANGS.map((l) =>
    l === p.lang
      ? `<strong aria-current="true" lang="${l}">${LANG_NAMES[l]}</strong>`
      : `<a href="${escapeHtml(languageHref(p.here ?? p.path, l))}" hreflang="${l}" lang="${l}">${LANG_NAMES[l]}</a>`,
  ).join(' · ');
  const frame = FRAME[p.lang];
  const html = `<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(p.title)} – care-meet demo</title>
<link rel="stylesheet" href="/assets/demo.css">
${p.elements ? '<script type="module" src="/elements/care-meet.js"></script>' : ''}
</head>
<body>
<a class="skip" href="#main">${frame.skip}</a>
<header class="portal">
  <span class="brand">care-meet · demo</span>
  <nav aria-label="${frame.portal}">${nav}</nav>
  <span class="langs" aria-label="${frame.language}">${langs}</span>
</header>
<main id="main">
<h1>${escapeHtml(p.title)}</h1>
${p.noMedia ? noMediaNotice(p.lang) : ''}
${p.body}
</main>
<script nonce="${nonce}">${LANG_LINKS_CARRY_HASH}</script>
${p.script ? `<script type="module" nonce="${nonce}">${p.script}</script>` : ''}
</body>
</html>`;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    ["connect-src 'self' ws: wss: http://127.0.0.1:* http://localhost:*", ...extraConnect].join(' '),
    "frame-ancestors 'none'",
    "form-action 'self' http://127.0.0.1:*",
  ].join('; ');
  return { html, csp };
}

export const DEMO_CSS = `
:root { color-scheme: light; font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #f4f6f8; }
body { margin: 0; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .5rem; z-index: 10; }
header.portal { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .75rem 1.25rem; background: #13365c; color: #fff; }
header.portal a { color: #fff; } header.portal .brand { font-weight: 700; margin-right: 1rem; }
header.portal nav { display: flex; gap: 1rem; flex-wrap: wrap; flex: 1; }
header.portal a[aria-current="page"] { text-decoration-thickness: 3px; font-weight: 600; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
.notice { background: #fff4d6; border-left: 4px solid #8a5a00; padding: .75rem 1rem; }
.card { background: #fff; border: 1px solid #cfd6de; border-radius: .5rem; padding: 1rem 1.25rem; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #e2e6ea; vertical-align: top; }
fieldset { border: 1px solid #cfd6de; border-radius: .5rem; margin: 1rem 0; }
label { display: block; font-weight: 600; margin-top: .5rem; }
input, select { font: inherit; padding: .35rem .5rem; border: 1px solid #6b7785; border-radius: .25rem; }
button, .button { font: inherit; padding: .5rem 1rem; border-radius: .35rem; border: 1px solid #13365c; background: #13365c; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary { background: #fff; color: #13365c; }
:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
.row { display: grid; grid-template-columns: 2fr 1fr 1.4fr 2fr; gap: .5rem; align-items: end; }
.muted { color: #4a5561; }
code, .mono { font-family: ui-monospace, monospace; word-break: break-all; }
/* A command to copy: broken at its spaces on a narrow screen, not inside a word. */
.notice code { word-break: normal; overflow-wrap: anywhere; }
care-meeting { display: block; min-height: 30rem; }
/* Reflow down to 320 px (WCAG 1.4.10): no field, cell or message text wider than the window. */
th, td { overflow-wrap: break-word; }
td a, td.mono, td .mono { overflow-wrap: anywhere; }
pre, pre.mono { white-space: pre-wrap; word-break: normal; overflow-wrap: anywhere; margin: 0; }
input:not([type="checkbox"]), select { box-sizing: border-box; max-width: 100%; }
.row > * { min-width: 0; }
.row input, .row select { width: 100%; }
/* The booking form's date and time, typed in the page language's format shown below each. */
.when { display: flex; flex-wrap: wrap; gap: 0 1.5rem; align-items: start; }
.when > div { flex: 0 1 auto; max-width: 24rem; }
.hint { margin: .15rem 0 0; color: #4a5561; font-size: .875rem; }
.field-error { margin: .25rem 0 0; color: #a4000f; font-weight: 600; }
input[aria-invalid="true"], select[aria-invalid="true"] { border: 2px solid #a4000f; }
.error-summary { border: 3px solid #a4000f; background: #fff; padding: .75rem 1.25rem; border-radius: .5rem; margin: 1rem 0; }
.error-summary h2 { margin-top: 0; font-size: 1.15rem; }
.error-summary a { color: #a4000f; font-weight: 600; }
.confirmation { border: 2px solid #1d6b34; background: #eef8f0; }
.confirmation h2 { color: #1d6b34; margin-top: 0; }
ul.invitations { padding-left: 1.25rem; } ul.invitations li { margin: .35rem 0; }
.recipient { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; background: #e2e6ea; color: #1b1b1b; font-weight: 600; }
.ended { color: #4a5561; }
/* The outbox: one card per message; the recipient is broken only when it cannot fit a line. */
ol.outbox { list-style: none; padding: 0; margin: 0; }
.outbox-head { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; align-items: baseline; margin: 0 0 .5rem; }
.outbox-head .channel { font-weight: 700; }
.outbox-head time { color: #4a5561; }
.outbox-subject { margin: 0 0 .25rem; }
.outbox-text { white-space: pre-line; margin: 0; max-width: 48rem; }
.outbox-text a, ul.invitations a { overflow-wrap: anywhere; }
@media (max-width: 40rem) {
  .row { grid-template-columns: 1fr; }
  main { padding-inline: .75rem; }
  fieldset { padding-inline: .5rem; }
  header.portal { padding-inline: .75rem; }
  /* The status table's addresses and the invitation table's four columns: break where they must. */
  .card table th, .card table td { overflow-wrap: anywhere; padding-inline: .25rem; }
}
`;
