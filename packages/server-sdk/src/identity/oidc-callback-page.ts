/**
 * What `GET /oidc/callback` answers the browser: a 303 back to `returnTo` with the result in the
 * fragment (redirect display), or a tiny page that posts the result to the opener, for the exact
 * origin of `returnTo` only, and closes (popup display). The result never goes in a query string
 * (servers and proxies log those); the fragment never leaves the browser.
 */
import { randomBytes } from 'node:crypto';
import type { SessionGrant } from '../care-meet.js';
import type { CareMeetError } from '../errors.js';
import { SECURITY_HEADERS } from '../http/respond.js';
import { preferredMessageLanguage } from './accept-language.js';
import type { MessageLanguage } from './messages.js';

/** How a callback ended, for a login whose state was known. */
export interface OidcCallbackOutcome {
  returnTo: string;
  display: 'redirect' | 'popup';
  result: { ok: true; grant: SessionGrant } | { ok: false; error: CareMeetError };
}

/** The message a popup posts to `window.opener`. */
export interface CareVerifyResultMessage {
  type: 'care-verify-result';
  session?: string;
  participantId?: string;
  expiresAt?: string;
  error?: { code: string; message: string };
}

/** The fragment parameters of the redirect display: `care-session`, `care-participant`, `care-expires`, or `care-error`. */
export function resultFragment(result: OidcCallbackOutcome['result']): string {
  const p = new URLSearchParams();
  if (result.ok) {
    p.set('care-session', result.grant.session);
    p.set('care-participant', result.grant.participantId);
    p.set('care-expires', result.grant.expiresAt);
  } else {
    p.set('care-error', result.error.code);
  }
  return p.toString();
}

function withFragment(returnTo: string, fragment: string): string {
  const url = new URL(returnTo);
  url.hash = fragment;
  return url.href;
}

/** JSON that is safe inside a `<script>` element: no `<`, `>`, `&` or line separators left to break out. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function page(status: number, body: string, scriptNonce: string | null): Response {
  const csp = [
    "default-src 'none'",
    scriptNonce ? `script-src 'nonce-${scriptNonce}'` : null,
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ]
    .filter((x) => x !== null)
    .join('; ');
  return new Response(body, {
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp },
  });
}

/** What the page says, in each language: plain text, no markup. */
const WORDS: Record<MessageLanguage, { unknownTitle: string; unknownText: string; doneTitle: string; failedTitle: string; close: string }> = {
  sv: {
    unknownTitle: 'Inloggningen kunde inte slutföras',
    unknownText: 'Den här länken fungerar inte eller har redan använts. Gå tillbaka till inbjudan och börja om.',
    doneTitle: 'Inloggningen är klar',
    failedTitle: 'Inloggningen misslyckades',
    close: 'Du kan stänga det här fönstret.',
  },
  da: {
    unknownTitle: 'Login kunne ikke gennemføres',
    unknownText: 'Linket virker ikke eller er allerede brugt. Gå tilbage til invitationen, og start forfra.',
    doneTitle: 'Login er gennemført',
    failedTitle: 'Login mislykkedes',
    close: 'Du kan lukke dette vindue.',
  },
  nb: {
    unknownTitle: 'Innloggingen kunne ikke fullføres',
    unknownText: 'Denne lenken virker ikke eller er allerede brukt. Gå tilbake til invitasjonen, og begynn på nytt.',
    doneTitle: 'Innloggingen er fullført',
    failedTitle: 'Innloggingen mislyktes',
    close: 'Du kan lukke dette vinduet.',
  },
  fi: {
    unknownTitle: 'Tunnistautumista ei voitu viedä loppuun',
    unknownText: 'Tämä linkki ei toimi, tai sitä on jo käytetty. Palaa kutsuun ja aloita alusta.',
    doneTitle: 'Tunnistautuminen on valmis',
    failedTitle: 'Tunnistautuminen epäonnistui',
    close: 'Voit sulkea tämän ikkunan.',
  },
  en: {
    unknownTitle: 'The login could not be completed',
    unknownText: 'This link does not work or was used already. Go back to the invitation and start again.',
    doneTitle: 'The login is complete',
    failedTitle: 'The login failed',
    close: 'You can close this window.',
  },
};

/**
 * The language to answer in: the first in the browser's `Accept-Language` (by its q-values) that the
 * page is written in, Norwegian and Nynorsk getting bokmål; English when none is.
 *
 * @example
 * ```ts
 * pageLanguage('nn-NO,nn;q=0.9,en;q=0.5'); // 'nb'
 * pageLanguage('de-DE'); // 'en'
 * ```
 */
export function pageLanguage(acceptLanguage: string | null | undefined): MessageLanguage {
  return preferredMessageLanguage(acceptLanguage) ?? 'en';
}

/** The page in `lang`, with the same words in English under them when `lang` is another language. */
const SHELL = (lang: MessageLanguage, title: (w: (typeof WORDS)['en']) => string, text: (w: (typeof WORDS)['en']) => string, script = '') => {
  const own = WORDS[lang];
  const english = lang === 'en' ? '' : `<p lang="en">${title(WORDS.en)}. ${text(WORDS.en)}</p>`;
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${title(own)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1a1a1a}</style></head>
<body><main><h1>${title(own)}</h1><p>${text(own)}</p>${english}</main>${script}</body>
</html>`;
};

/**
 * The callback's answer, in the browser's language (`acceptLanguage`: its `Accept-Language`).
 * `null` (a state that is unknown, used already, or missing) gets a plain page that says to start
 * again: with no login to go by, there is no `returnTo` to trust.
 */
export function oidcCallbackResponse(outcome: OidcCallbackOutcome | null, acceptLanguage?: string | null): Response {
  const lang = pageLanguage(acceptLanguage);
  if (outcome === null) {
    return page(
      400,
      SHELL(
        lang,
        (w) => w.unknownTitle,
        (w) => w.unknownText,
      ),
      null,
    );
  }
  const fallback = withFragment(outcome.returnTo, resultFragment(outcome.result));
  if (outcome.display === 'redirect') {
    return new Response(null, { status: 303, headers: { ...SECURITY_HEADERS, location: fallback } });
  }
  const message: CareVerifyResultMessage = { type: 'care-verify-result' };
  if (outcome.result.ok) {
    message.session = outcome.result.grant.session;
    message.participantId = outcome.result.grant.participantId;
    message.expiresAt = outcome.result.grant.expiresAt;
  } else {
    message.error = { code: outcome.result.error.code, message: outcome.result.error.message };
  }
  const nonce = randomBytes(16).toString('base64');
  const targetOrigin = new URL(outcome.returnTo).origin;
  // Without an opener (the IdP's pages may have cut it with Cross-Origin-Opener-Policy) the popup
  // finishes as the redirect display would, in its own window.
  const script = `<script nonce="${nonce}">(function () {
  var message = ${scriptJson(message)};
  var targetOrigin = ${scriptJson(targetOrigin)};
  try {
    if (window.opener && !window.opener.closed) {
      window.opener.postMessage(message, targetOrigin);
      window.close();
      return;
    }
  } catch (e) {}
  window.location.replace(${scriptJson(fallback)});
})();</script>`;
  const ok = outcome.result.ok;
  return page(
    200,
    SHELL(
      lang,
      (w) => (ok ? w.doneTitle : w.failedTitle),
      (w) => w.close,
      script,
    ),
    nonce,
  );
}
