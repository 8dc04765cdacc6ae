/** What to do on the test IdP's login page. With none of `user`, `pnr`, `cpr`, `hsaId`, the pre-selected (else the first) test user logs in. */
export interface LoginChoice {
  /** A test user's id (see `TEST_USERS`). */
  user?: string;
  /** A typed personnummer: logs in someone who need not be in the list. */
  pnr?: string;
  /** A typed HSA-id. */
  hsaId?: string;
  /** A typed CPR number: logs in a MitID-like person who need not be in the list. */
  cpr?: string;
  /** The level of assurance to claim instead of the user's own. */
  acr?: string;
  /** Press Cancel instead: the IdP answers `error=access_denied`. */
  cancel?: boolean;
}

interface StoredCookie {
  value: string;
  path: string;
}

/** Just enough of a browser's cookie handling for one origin: names, values, paths, deletion. */
class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', v = ''] = attribute.split('=');
        const k = key.trim().toLowerCase();
        if (k === 'path') path = v.trim() || '/';
        if (k === 'max-age' && Number(v) <= 0) expired = true;
        if (k === 'expires' && Date.parse(v) <= Date.now()) expired = true;
      }
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, { value, path });
    }
  }

  headerFor(url: URL): Record<string, string> {
    const pairs = [...this.#cookies]
      .filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`);
    return pairs.length ? { cookie: pairs.join('; ') } : {};
  }
}

function unescapeHtml(value: string): string {
  return value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');
}

/**
 * Logs in at the test IdP the way a browser would, without one: follows the authorization URL's
 * redirects with a cookie jar, reads the login page's form, submits the choice, and follows the
 * redirects until they leave the IdP. Answers the URL the IdP sent the browser back to (the
 * client's redirect URI with `code`, `state` and `iss`, or with `error`). For Node tests.
 *
 * @example
 * ```ts
 * const callback = await loginWithoutBrowser(authorizationUrl, { user: 'esther' });
 * callback.searchParams.get('code');
 * ```
 */
export async function loginWithoutBrowser(authorizationUrl: string | URL, choice: LoginChoice = {}): Promise<URL> {
  const start = new URL(authorizationUrl);
  const jar = new CookieJar();
  let url = start;
  let init: RequestInit = { method: 'GET' };
  let submitted = false;
  for (let hop = 0; hop < 12; hop++) {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...jar.headerFor(url) } });
    jar.take(response);
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const next = new URL(response.headers.get('location') ?? '', url);
      if (next.origin !== start.origin) return next;
      url = next;
      init = { method: 'GET' };
      continue;
    }
    const html = await response.text();
    if (response.status !== 200 || submitted) {
      const alert = /role="alert">([^<]*)</.exec(html)?.[1] ?? /<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? `HTTP ${response.status}`;
      throw new Error(`test IdP login failed: ${unescapeHtml(alert)}`);
    }
    const action = /<form method="post" action="([^"]+)" id="login">/.exec(html)?.[1];
    const abort = /formaction="([^"]+)"/.exec(html)?.[1];
    if (!action || !abort) throw new Error('test IdP login failed: no login form on the page');
    // The user the page pre-selected (the one the request's login_hint names), else the first one.
    const firstUser =
      /<input type="radio" name="user" id="[^"]*" value="([^"]*)" checked>/.exec(html)?.[1] ??
      /<input type="radio" name="user" id="[^"]*" value="([^"]*)"/.exec(html)?.[1] ??
      '';
    const form = new URLSearchParams();
    if (!choice.cancel) {
      form.set('user', choice.user ?? (choice.pnr || choice.hsaId || choice.cpr ? '' : unescapeHtml(firstUser)));
      form.set('pnr', choice.pnr ?? '');
      form.set('cpr', choice.cpr ?? '');
      form.set('hsaId', choice.hsaId ?? '');
      form.set('acr', choice.acr ?? '');
    }
    url = new URL(unescapeHtml(choice.cancel ? abort : action), url);
    init = { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    submitted = true;
  }
  throw new Error('test IdP login failed: too many redirects');
}
