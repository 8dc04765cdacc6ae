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

const SHELL = (title: string, text: string, script = '') => `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1a1a1a}</style></head>
<body><main><h1>${title}</h1>${text}</main>${script}</body>
</html>`;

/**
 * The callback's answer. `null` (a state that is unknown, used already, or missing) gets a plain
 * page that says to start again: with no login to go by, there is no `returnTo` to trust.
 */
export function oidcCallbackResponse(outcome: OidcCallbackOutcome | null): Response {
  if (outcome === null) {
    return page(
      400,
      SHELL(
        'Inloggningen kunde inte slutföras',
        '<p>Länken är okänd eller redan använd. Gå tillbaka till kallelsen och börja om.</p><p lang="en">The login could not be completed: this link is unknown or was used already. Go back to the invitation and start again.</p>',
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
  const title = outcome.result.ok ? 'Inloggningen är klar' : 'Inloggningen misslyckades';
  return page(200, SHELL(title, '<p>Du kan stänga det här fönstret.</p><p lang="en">You can close this window.</p>', script), nonce);
}
