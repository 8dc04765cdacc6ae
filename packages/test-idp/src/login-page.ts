import { ACR, type TestUser } from './users.js';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The languages the login page speaks. */
export type LoginLanguage = 'sv' | 'da' | 'nb' | 'fi' | 'en';
export const LOGIN_LANGUAGES: readonly LoginLanguage[] = ['sv', 'da', 'nb', 'fi', 'en'];

/**
 * Which e-legitimation a request asks for, read from its `acr_values`: MitID's NSIS levels, the
 * Swedish ones (BankID, SITHS), BankID Norway's or Suomi.fi's.
 */
export type LoginMethod = 'mitid' | 'swedish' | 'bankid-no' | 'suomifi';

export function loginMethodFor(acrValues: string | undefined): LoginMethod | undefined {
  const asked = (acrValues ?? '').split(' ').filter(Boolean);
  if (asked.length === 0) return undefined;
  if (asked.every((a) => a.startsWith('https://data.gov.dk/'))) return 'mitid';
  if (asked.every((a) => a.startsWith('http://id.elegnamnden.se/'))) return 'swedish';
  if (asked.every((a) => a.startsWith('urn:bankid:'))) return 'bankid-no';
  if (asked.every((a) => a.startsWith('http://ftn.ficora.fi/'))) return 'suomifi';
  return undefined;
}

/** A language tag's language, as the page speaks it: Norwegian (`no`, `nb`, `nn`) as bokmål. */
function spoken(tag: string): LoginLanguage | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const lang = primary === 'no' || primary === 'nn' ? 'nb' : primary;
  return (LOGIN_LANGUAGES as readonly string[]).includes(lang) ? (lang as LoginLanguage) : undefined;
}

/**
 * The page's language: the first spoken one of the request's `ui_locales` (what the relying party
 * asks for), else of the browser's `Accept-Language` by its q-values, else Danish for MitID,
 * bokmål for BankID Norway, Finnish for Suomi.fi and Swedish for everything else.
 *
 * @example
 * ```ts
 * loginLanguage('fi sv', 'en-US,en;q=0.9', 'swedish'); // 'fi'
 * loginLanguage(undefined, 'en-US,en;q=0.9', 'mitid'); // 'en'
 * loginLanguage(undefined, '*', 'mitid'); // 'da'
 * ```
 */
export function loginLanguage(uiLocales: string | undefined, acceptLanguage: string | undefined, method: LoginMethod | undefined): LoginLanguage {
  for (const tag of (uiLocales ?? '').split(' ')) {
    const lang = spoken(tag);
    if (lang) return lang;
  }
  const accepted = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((a) => a.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of accepted) {
    const lang = spoken(tag);
    if (lang) return lang;
  }
  return method === 'mitid' ? 'da' : method === 'bankid-no' ? 'nb' : method === 'suomifi' ? 'fi' : 'sv';
}

/** The test users a request's method can log in as: MitID's for MitID, BankID's and SITHS's for the Swedish levels. */
export function usersForMethod(users: readonly TestUser[], method: LoginMethod | undefined): TestUser[] {
  if (method === 'mitid') return users.filter((u) => u.kind === 'mitid');
  if (method === 'swedish') return users.filter((u) => u.kind === 'bankid' || u.kind === 'siths');
  if (method === 'bankid-no' || method === 'suomifi') return users.filter((u) => u.kind === method);
  return [...users];
}

/**
 * The test user a `login_hint` names: by account id, by personnummer or CPR number (with or
 * without hyphen, or namespaced as `pnr:`/`cpr:`), or by exact HSA-id (`hsa:` optional).
 */
export function hintedUser(hint: string | undefined, users: readonly TestUser[]): TestUser | undefined {
  const h = (hint ?? '').trim().replace(/^(pnr|cpr|hsa):/, '');
  if (h === '' || h.length > 64) return undefined;
  const digits = /^[0-9+-]+$/.test(h) ? h.replace(/[^0-9]/g, '') : null;
  return users.find((u) => u.id === h || u.hsaId === h || (digits !== null && (u.pnr === digits || u.cpr === digits)));
}

/** The page's words, in each language it speaks. */
export interface LoginTexts {
  title: string;
  lead: string;
  errorPrefix: string;
  asking: string;
  requestedAcr: string;
  chooseUser: string;
  expected: string;
  kinds: Record<'bankid' | 'siths' | 'mitid' | 'bankid-no' | 'suomifi', string>;
  pnrLabel: string;
  pnrHint: string;
  cprLabel: string;
  cprHint: string;
  hsaLabel: string;
  hsaHint: string;
  acrLabel: string;
  acrOwn: string;
  login: string;
  cancel: string;
  errors: { pnr: string; cpr: string; hsaId: string; user: string };
  pages: Record<
    | 'failed'
    | 'failedDetail'
    | 'notFound'
    | 'notFoundDetail'
    | 'expired'
    | 'startOver'
    | 'wrongLogin'
    | 'wrongMethod'
    | 'useForm'
    | 'badForm'
    | 'unknownAcr'
    | 'loginFailed',
    string
  >;
}

export const LOGIN_TEXTS: Readonly<Record<LoginLanguage, LoginTexts>> = {
  sv: {
    title: 'Testinloggning',
    lead: 'En identitetsleverantör för tester och demo av care-meet. Här finns inga riktiga e-legitimationer.',
    errorPrefix: 'Fel: ',
    asking: 'Tjänsten som frågar',
    requestedAcr: 'Begärd tillitsnivå',
    chooseUser: 'Vem är du? Välj en testanvändare',
    expected: 'den som inbjudan gäller',
    kinds: { bankid: 'BankID-lik', siths: 'SITHS-lik', mitid: 'MitID-lik', 'bankid-no': 'norskt BankID-lik', suomifi: 'Suomi.fi-lik' },
    pnrLabel: 'Eller skriv ett eget personnummer (BankID-lik inloggning)',
    pnrHint: 'ÅÅÅÅMMDD-NNNN. Går före valet ovan.',
    cprLabel: 'Eller skriv ett eget CPR-nummer (MitID-lik inloggning)',
    cprHint: 'DDMMÅÅ-NNNN. Går före valet ovan.',
    hsaLabel: 'Eller skriv ett HSA-id (SITHS-lik inloggning)',
    hsaHint: 'Till exempel SE2321000016-A1B2.',
    acrLabel: 'Tillitsnivå (acr)',
    acrOwn: 'Användarens egen nivå',
    login: 'Logga in',
    cancel: 'Avbryt',
    errors: {
      pnr: 'Personnumret är inte giltigt: skriv ÅÅÅÅMMDD-NNNN med rätt kontrollsiffra.',
      cpr: 'CPR-numret är inte giltigt: skriv DDMMÅÅ-NNNN med ett datum som finns.',
      hsaId: 'HSA-id:t är inte giltigt: SE, tio siffror, bindestreck, bokstäver och siffror.',
      user: 'Välj vem du är, eller skriv ett nummer.',
    },
    pages: {
      failed: 'Något gick fel',
      failedDetail: 'Inloggningen kunde inte slutföras.',
      notFound: 'Sidan finns inte',
      notFoundDetail: 'Adressen är okänd.',
      expired: 'Inloggningen har gått ut',
      startOver: 'Gå tillbaka och börja om.',
      wrongLogin: 'Fel inloggning',
      wrongMethod: 'Fel metod',
      useForm: 'Använd formuläret.',
      badForm: 'Felaktigt formulär',
      unknownAcr: 'Okänd tillitsnivå',
      loginFailed: 'Inloggningen misslyckades',
    },
  },
  da: {
    title: 'Testlogin',
    lead: 'En identitetsudbyder til test og demo af care-meet. Her er ingen rigtige elektroniske identiteter.',
    errorPrefix: 'Fejl: ',
    asking: 'Tjenesten, der spørger',
    requestedAcr: 'Ønsket sikringsniveau',
    chooseUser: 'Hvem er du? Vælg en testbruger',
    expected: 'den, invitationen gælder',
    kinds: { bankid: 'som BankID', siths: 'som SITHS', mitid: 'som MitID', 'bankid-no': 'som norsk BankID', suomifi: 'som Suomi.fi' },
    pnrLabel: 'Eller skriv dit eget svenske personnummer (login som med BankID)',
    pnrHint: 'ÅÅÅÅMMDD-NNNN. Går forud for valget ovenfor.',
    cprLabel: 'Eller skriv dit eget CPR-nummer (login som med MitID)',
    cprHint: 'DDMMÅÅ-NNNN. Går forud for valget ovenfor.',
    hsaLabel: 'Eller skriv et HSA-id (login som med SITHS)',
    hsaHint: 'For eksempel SE2321000016-A1B2.',
    acrLabel: 'Sikringsniveau (acr)',
    acrOwn: 'Brugerens eget niveau',
    login: 'Log ind',
    cancel: 'Annuller',
    errors: {
      pnr: 'Personnummeret er ikke gyldigt: skriv ÅÅÅÅMMDD-NNNN med det rigtige kontrolciffer.',
      cpr: 'CPR-nummeret er ikke gyldigt: skriv DDMMÅÅ-NNNN med en dato, der findes.',
      hsaId: 'HSA-id’et er ikke gyldigt: SE, ti cifre, bindestreg, bogstaver og cifre.',
      user: 'Vælg, hvem du er, eller skriv et nummer.',
    },
    pages: {
      failed: 'Noget gik galt',
      failedDetail: 'Login kunne ikke gennemføres.',
      notFound: 'Siden findes ikke',
      notFoundDetail: 'Adressen er ukendt.',
      expired: 'Login er udløbet',
      startOver: 'Gå tilbage, og start forfra.',
      wrongLogin: 'Forkert login',
      wrongMethod: 'Forkert metode',
      useForm: 'Brug formularen.',
      badForm: 'Ugyldig formular',
      unknownAcr: 'Ukendt sikringsniveau',
      loginFailed: 'Login mislykkedes',
    },
  },
  nb: {
    title: 'Testinnlogging',
    lead: 'En identitetsleverandør for testing og demo av care-meet. Her finnes ingen ekte elektroniske ID-er.',
    errorPrefix: 'Feil: ',
    asking: 'Tjenesten som spør',
    requestedAcr: 'Ønsket sikkerhetsnivå',
    chooseUser: 'Hvem er du? Velg en testbruker',
    expected: 'den invitasjonen gjelder',
    kinds: { bankid: 'svensk BankID', siths: 'SITHS', mitid: 'dansk MitID', 'bankid-no': 'BankID', suomifi: 'finsk Suomi.fi' },
    pnrLabel: 'Eller skriv ditt eget svenske personnummer (innlogging som med svensk BankID)',
    pnrHint: 'ÅÅÅÅMMDD-NNNN. Går foran valget over.',
    cprLabel: 'Eller skriv ditt eget danske CPR-nummer (innlogging som med MitID)',
    cprHint: 'DDMMÅÅ-NNNN. Går foran valget over.',
    hsaLabel: 'Eller skriv en HSA-id (innlogging som med SITHS)',
    hsaHint: 'For eksempel SE2321000016-A1B2.',
    acrLabel: 'Sikkerhetsnivå (acr)',
    acrOwn: 'Brukerens eget nivå',
    login: 'Logg inn',
    cancel: 'Avbryt',
    errors: {
      pnr: 'Personnummeret er ikke gyldig: skriv ÅÅÅÅMMDD-NNNN med riktig kontrollsiffer.',
      cpr: 'CPR-nummeret er ikke gyldig: skriv DDMMÅÅ-NNNN med en dato som finnes.',
      hsaId: 'HSA-id-en er ikke gyldig: SE, ti sifre, bindestrek, bokstaver og sifre.',
      user: 'Velg hvem du er, eller skriv et nummer.',
    },
    pages: {
      failed: 'Noe gikk galt',
      failedDetail: 'Innloggingen kunne ikke fullføres.',
      notFound: 'Siden finnes ikke',
      notFoundDetail: 'Adressen er ukjent.',
      expired: 'Innloggingen har utløpt',
      startOver: 'Gå tilbake og begynn på nytt.',
      wrongLogin: 'Feil innlogging',
      wrongMethod: 'Feil metode',
      useForm: 'Bruk skjemaet.',
      badForm: 'Ugyldig skjema',
      unknownAcr: 'Ukjent sikkerhetsnivå',
      loginFailed: 'Innloggingen mislyktes',
    },
  },
  fi: {
    title: 'Testikirjautuminen',
    lead: 'Tunnistuspalvelu care-meetin testaukseen ja esittelyyn. Täällä ei ole oikeita sähköisiä tunnisteita.',
    errorPrefix: 'Virhe: ',
    asking: 'Kysyvä palvelu',
    requestedAcr: 'Pyydetty varmuustaso',
    chooseUser: 'Kuka olet? Valitse testikäyttäjä',
    expected: 'henkilö, jota kutsu koskee',
    kinds: { bankid: 'ruotsalainen BankID', siths: 'SITHS', mitid: 'tanskalainen MitID', 'bankid-no': 'norjalainen BankID', suomifi: 'Suomi.fi' },
    pnrLabel: 'Tai kirjoita oma ruotsalainen henkilötunnus (kirjautuminen kuten BankID:llä)',
    pnrHint: 'VVVVKKPP-NNNN. Ohittaa yllä olevan valinnan.',
    cprLabel: 'Tai kirjoita oma tanskalainen CPR-numero (kirjautuminen kuten MitID:llä)',
    cprHint: 'PPKKVV-NNNN. Ohittaa yllä olevan valinnan.',
    hsaLabel: 'Tai kirjoita HSA-tunnus (kirjautuminen kuten SITHS-kortilla)',
    hsaHint: 'Esimerkiksi SE2321000016-A1B2.',
    acrLabel: 'Varmuustaso (acr)',
    acrOwn: 'Käyttäjän oma taso',
    login: 'Kirjaudu',
    cancel: 'Peruuta',
    errors: {
      pnr: 'Henkilötunnus ei kelpaa: kirjoita VVVVKKPP-NNNN oikealla tarkistusnumerolla.',
      cpr: 'CPR-numero ei kelpaa: kirjoita PPKKVV-NNNN päivämäärällä, joka on olemassa.',
      hsaId: 'HSA-tunnus ei kelpaa: SE, kymmenen numeroa, yhdysmerkki, kirjaimia ja numeroita.',
      user: 'Valitse, kuka olet, tai kirjoita numero.',
    },
    pages: {
      failed: 'Jokin meni vikaan',
      failedDetail: 'Kirjautumista ei voitu viedä loppuun.',
      notFound: 'Sivua ei ole',
      notFoundDetail: 'Osoite on tuntematon.',
      expired: 'Kirjautuminen on vanhentunut',
      startOver: 'Palaa takaisin ja aloita alusta.',
      wrongLogin: 'Väärä kirjautuminen',
      wrongMethod: 'Väärä menetelmä',
      useForm: 'Käytä lomaketta.',
      badForm: 'Virheellinen lomake',
      unknownAcr: 'Tuntematon varmuustaso',
      loginFailed: 'Kirjautuminen epäonnistui',
    },
  },
  en: {
    title: 'Test login',
    lead: 'An identity provider for testing and demonstrating care-meet. There are no real electronic IDs here.',
    errorPrefix: 'Error: ',
    asking: 'The service asking',
    requestedAcr: 'Requested level of assurance',
    chooseUser: 'Who are you? Choose a test user',
    expected: 'the person the invitation is for',
    kinds: { bankid: 'BankID-like', siths: 'SITHS-like', mitid: 'MitID-like', 'bankid-no': 'BankID Norway-like', suomifi: 'Suomi.fi-like' },
    pnrLabel: 'Or type a personnummer of your own (BankID-like login)',
    pnrHint: 'YYYYMMDD-NNNN. Takes precedence over the choice above.',
    cprLabel: 'Or type a CPR number of your own (MitID-like login)',
    cprHint: 'DDMMYY-NNNN. Takes precedence over the choice above.',
    hsaLabel: 'Or type an HSA-id (SITHS-like login)',
    hsaHint: 'For example SE2321000016-A1B2.',
    acrLabel: 'Level of assurance (acr)',
    acrOwn: "The user's own level",
    login: 'Log in',
    cancel: 'Cancel',
    errors: {
      pnr: 'The personnummer is not valid: write YYYYMMDD-NNNN with the right check digit.',
      cpr: 'The CPR number is not valid: write DDMMYY-NNNN with a date that exists.',
      hsaId: 'The HSA-id is not valid: SE, ten digits, a hyphen, letters and digits.',
      user: 'Choose who you are, or type a number.',
    },
    pages: {
      failed: 'Something went wrong',
      failedDetail: 'The login could not be completed.',
      notFound: 'No such page',
      notFoundDetail: 'The address is unknown.',
      expired: 'The login has expired',
      startOver: 'Go back and start again.',
      wrongLogin: 'Wrong login',
      wrongMethod: 'Wrong method',
      useForm: 'Use the form.',
      badForm: 'Invalid form',
      unknownAcr: 'Unknown level of assurance',
      loginFailed: 'The login failed',
    },
  },
};

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f4f2;color:#1a1a1a}
main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #ccc;border-radius:.5rem}
fieldset{border:1px solid #999;border-radius:.25rem;margin:0 0 1rem;padding:.5rem 1rem}
legend{font-weight:600}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.35rem 0}
label{cursor:pointer}
.field{display:flex;flex-direction:column;gap:.25rem;margin:0 0 1rem}
input[type=text],select{font:inherit;padding:.4rem;border:1px solid #666;border-radius:.25rem}
.hint{color:#4a4a4a;font-size:.875rem}
.error{color:#a00000;font-weight:600}
.expected{font-weight:600}
fieldset[aria-invalid=true]{border:2px solid #a00000}
button{font:inherit;padding:.5rem 1.25rem;border-radius:.25rem;border:1px solid #1b4f8a;background:#1b4f8a;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1b4f8a}
:focus-visible{outline:3px solid #e07b00;outline-offset:2px}
.actions{display:flex;gap:1rem;flex-wrap:wrap}
`;

/** Security headers for the test IdP's own pages: no scripts at all, styles inline only. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
});

export interface LoginPageInput {
  uid: string;
  clientId: string;
  /** The test users to offer (see {@link usersForMethod}). */
  users: readonly TestUser[];
  /** The `acr_values` the client asked for, shown for information. */
  requestedAcr: string | undefined;
  /** The page's language (see {@link loginLanguage}). Default: Swedish. */
  lang?: LoginLanguage;
  /** The method the request asks for: which numbers can be typed (CPR for MitID; personnummer and HSA-id for the Swedish ones). */
  method?: LoginMethod | undefined;
  /** The id of the test user the request's `login_hint` names: pre-selected and marked. Without it nobody is. */
  expectedUser?: string | undefined;
  /** A problem with the last submission, shown at the top and tied to its field. */
  error?: { field: 'pnr' | 'cpr' | 'hsaId' | 'user'; message: string };
  values?: { user?: string; pnr?: string; cpr?: string; hsaId?: string; acr?: string };
}

/**
 * The login page: one form, keyboard-usable (native radios, labelled fields, visible focus), no
 * script, in the request's language. Pick who you are from the test users for the method asked
 * for (the one the invitation names pre-selected when the request says), or type a number of your
 * own, optionally choose the level of assurance, and log in. Or cancel.
 */
export function renderLoginPage(input: LoginPageInput): string {
  const { uid, users, error, values = {} } = input;
  const lang = input.lang ?? 'sv';
  const t = LOGIN_TEXTS[lang];
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const typedAny = Boolean(values.pnr || values.cpr || values.hsaId);
  const selected = values.user ?? (typedAny ? '' : (input.expectedUser ?? ''));
  const userChoices = users
    .map((u) => {
      const id = `user-${escapeHtml(u.id)}`;
      const shown = u.pnr
        ? `${u.pnr.slice(0, 8)}-${u.pnr.slice(8)}`
        : (u.hsaId ?? (u.cpr ? `${u.cpr.slice(0, 6)}-${u.cpr.slice(6)}` : u.fnr ? `${u.fnr.slice(0, 6)} ${u.fnr.slice(6)}` : (u.hetu ?? '')));
      const kind = (t.kinds as Record<string, string>)[u.kind] ?? u.kind;
      const expected = u.id === input.expectedUser ? ` <strong class="expected">(${escapeHtml(t.expected)})</strong>` : '';
      return `<div class="choice"><input type="radio" name="user" id="${id}" value="${escapeHtml(u.id)}"${u.id === selected ? ' checked' : ''}>
<label for="${id}">${escapeHtml(`${u.givenName} ${u.familyName}`)} <span class="hint">(${escapeHtml(kind)}, ${escapeHtml(shown)})</span>${expected}</label></div>`;
    })
    .join('\n');
  const acrOptions = ['', ...Object.values(ACR)]
    .map((v) => `<option value="${escapeHtml(v)}"${v === (values.acr ?? '') ? ' selected' : ''}>${v === '' ? escapeHtml(t.acrOwn) : escapeHtml(v)}</option>`)
    .join('');
  const fieldError = (field: string) =>
    error?.field === field ? ` aria-invalid="true" aria-describedby="${field}-hint ${field}-error"` : ` aria-describedby="${field}-hint"`;
  const errorText = (field: string) => (error?.field === field ? `<span class="error" id="${field}-error">${escapeHtml(error.message)}</span>` : '');
  const typed = (field: 'pnr' | 'cpr' | 'hsaId', label: string, hint: string, numeric: boolean) => `<div class="field">
<label for="${field}">${escapeHtml(label)}</label>
<input type="text" id="${field}" name="${field}"${numeric ? ' inputmode="numeric"' : ''} autocomplete="off" value="${escapeHtml(values[field] ?? '')}"${fieldError(field)}>
<span class="hint" id="${field}-hint">${escapeHtml(hint)}</span>
${errorText(field)}
</div>`;
  const method = input.method;
  // Numbers of one's own for the Swedish methods and MitID; BankID Norway and Suomi.fi offer their test users only.
  const nordic = method === 'bankid-no' || method === 'suomifi';
  const fields = [
    method !== 'mitid' && !nordic ? typed('pnr', t.pnrLabel, t.pnrHint, true) : '',
    method !== 'swedish' && !nordic ? typed('cpr', t.cprLabel, t.cprHint, true) : '',
    method !== 'mitid' && !nordic ? typed('hsaId', t.hsaLabel, t.hsaHint, false) : '',
  ]
    .filter(Boolean)
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${error ? escapeHtml(t.errorPrefix) : ''}${escapeHtml(t.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.lead)}</p>
${error ? `<p class="error" role="alert">${escapeHtml(error.message)}</p>` : ''}
<p class="hint">${escapeHtml(t.asking)}: ${escapeHtml(input.clientId)}${input.requestedAcr ? `. ${escapeHtml(t.requestedAcr)}: ${escapeHtml(input.requestedAcr)}` : ''}</p>
<form method="post" action="${action}/login" id="login">
<fieldset${error?.field === 'user' ? ' aria-invalid="true" aria-describedby="user-error"' : ''}>
<legend>${escapeHtml(t.chooseUser)}</legend>
${userChoices}
${errorText('user')}
</fieldset>
${fields}
<div class="field">
<label for="acr">${escapeHtml(t.acrLabel)}</label>
<select id="acr" name="acr">${acrOptions}</select>
</div>
<div class="actions">
<button type="submit">${escapeHtml(t.login)}</button>
<button type="submit" class="secondary" formaction="${action}/abort">${escapeHtml(t.cancel)}</button>
</div>
</form>
</main>
</body>
</html>`;
}

/** A plain error page: what went wrong, in words, and nothing of the request echoed unescaped. */
export function renderErrorPage(title: string, detail: string, lang: LoginLanguage = 'sv'): string {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></main></body>
</html>`;
}
