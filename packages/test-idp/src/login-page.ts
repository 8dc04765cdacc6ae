import { ACR, type TestUser } from './users.js';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const KIND_LABEL: Record<TestUser['kind'], string> = { bankid: 'BankID-lik', siths: 'SITHS-lik', mitid: 'MitID-lik' };

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
  users: readonly TestUser[];
  /** The `acr_values` the client asked for, shown for information. */
  requestedAcr: string | undefined;
  /** A problem with the last submission, shown at the top and tied to its field. */
  error?: { field: 'pnr' | 'hsaId' | 'user'; message: string };
  values?: { user?: string; pnr?: string; hsaId?: string; acr?: string };
}

/**
 * The login page: one form, keyboard-usable (native radios, labelled fields, visible focus), no
 * script. Pick a test user, or type a personnummer or an HSA-id (to log in as someone who is not
 * in the list), optionally choose the level of assurance, and log in. Or cancel.
 */
export function renderLoginPage(input: LoginPageInput): string {
  const { uid, users, error, values = {} } = input;
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const selected = values.user ?? (values.pnr || values.hsaId ? '' : users[0]?.id ?? '');
  const userChoices = users
    .map((u) => {
      const id = `user-${escapeHtml(u.id)}`;
      const shown = u.pnr ? `${u.pnr.slice(0, 8)}-${u.pnr.slice(8)}` : (u.hsaId ?? (u.cpr ? `${u.cpr.slice(0, 6)}-${u.cpr.slice(6)}` : ''));
      return `<div class="choice"><input type="radio" name="user" id="${id}" value="${escapeHtml(u.id)}"${u.id === selected ? ' checked' : ''}>
<label for="${id}">${escapeHtml(`${u.givenName} ${u.familyName}`)} <span class="hint">(${KIND_LABEL[u.kind]}, ${escapeHtml(shown)})</span></label></div>`;
    })
    .join('\n');
  const acrOptions = ['', ...Object.values(ACR)]
    .map((v) => `<option value="${escapeHtml(v)}"${v === (values.acr ?? '') ? ' selected' : ''}>${v === '' ? 'Användarens egen nivå' : escapeHtml(v)}</option>`)
    .join('');
  const fieldError = (field: string) =>
    error?.field === field ? ` aria-invalid="true" aria-describedby="${field}-error"` : '';
  const errorText = (field: string) =>
    error?.field === field ? `<span class="error" id="${field}-error">${escapeHtml(error.message)}</span>` : '';
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${error ? 'Fel: ' : ''}Testinloggning</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Testinloggning</h1>
<p>En identitetsleverantör för tester och demo av care-meet. Här finns inga riktiga e-legitimationer.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error.message)}</p>` : ''}
<p class="hint">Tjänsten som frågar: ${escapeHtml(input.clientId)}${input.requestedAcr ? `. Begärd tillitsnivå: ${escapeHtml(input.requestedAcr)}` : ''}</p>
<form method="post" action="${action}/login" id="login">
<fieldset${fieldError('user')}>
<legend>Välj en testanvändare</legend>
${userChoices}
${errorText('user')}
</fieldset>
<div class="field">
<label for="pnr">Eller skriv ett personnummer (BankID-lik inloggning)</label>
<input type="text" id="pnr" name="pnr" inputmode="numeric" autocomplete="off" value="${escapeHtml(values.pnr ?? '')}"${fieldError('pnr') || ' aria-describedby="pnr-hint"'}>
<span class="hint" id="pnr-hint">ÅÅÅÅMMDD-NNNN. Går före valet ovan.</span>
${errorText('pnr')}
</div>
<div class="field">
<label for="hsaId">Eller skriv ett HSA-id (SITHS-lik inloggning)</label>
<input type="text" id="hsaId" name="hsaId" autocomplete="off" value="${escapeHtml(values.hsaId ?? '')}"${fieldError('hsaId') || ' aria-describedby="hsa-hint"'}>
<span class="hint" id="hsa-hint">Till exempel SE2321000016-A1B2.</span>
${errorText('hsaId')}
</div>
<div class="field">
<label for="acr">Tillitsnivå (acr)</label>
<select id="acr" name="acr">${acrOptions}</select>
</div>
<div class="actions">
<button type="submit">Logga in</button>
<button type="submit" class="secondary" formaction="${action}/abort">Avbryt</button>
</div>
</form>
</main>
</body>
</html>`;
}

/** A plain error page: what went wrong, in words, and nothing of the request echoed unescaped. */
export function renderErrorPage(title: string, detail: string): string {
  return `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></main></body>
</html>`;
}
