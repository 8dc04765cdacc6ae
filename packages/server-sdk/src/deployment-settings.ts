/**
 * What `care-meet-server` needs to serve invitations on its own: identity providers, the SMS
 * gateway, the SMTP server, the origins logins may return to, the messages' default language, and
 * which verify methods bookings may name. Read from a JSON file (`CARE_MEET_CONFIG`) and from
 * environment variables (which win, field by field, so secrets can stay out of the file).
 *
 * At start the whole is checked: every verify method a booking may name must have what serves it,
 * or the start is refused with a message that names the setting to fix.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkSmsGatewayOptions, type JsonValue, type SmsGatewayOptions } from './delivery/sms-gateway.js';
import { checkSmtpMailerOptions, type SmtpMailerOptions } from './delivery/smtp-mailer.js';
import { MESSAGE_LANGUAGES, type MessageLanguage } from './identity/messages.js';
import {
  IDENTITY_KIND_OF_METHOD,
  OIDC_METHODS,
  checkIdentityProviders,
  checkReturnOrigins,
  type IdentityProviderConfig,
  type IdentityProviders,
  type OidcMethod,
} from './identity/oidc.js';
import { VERIFY_METHODS, isVerifyMethod } from './identity/verify-methods.js';
import { parseKeyEncryptionKey } from './e2ee/meeting-keys.js';
import type { VerifyMethod } from './model.js';

/** The environment variables of this part of the configuration, with what each does. */
export const DEPLOYMENT_ENVIRONMENT = {
  CARE_MEET_CONFIG: 'JSON file with identity providers, SMS, e-mail, origins, languages (docs/server-sdk.md). The variables below win over it',
  CARE_MEET_VERIFY_METHODS:
    'Verify methods bookings may name, comma-separated: bankid, siths, mitid, bankid-no, suomifi, sms-code, name. Default: those configured below',
  CARE_MEET_HOST_VOUCHES:
    'Methods your portal proves itself and vouches for with POST /sessions (bankid, siths, mitid, bankid-no, suomifi): bookable without an identity provider',
  CARE_MEET_ALLOWED_RETURN_ORIGINS:
    'Origins identity-provider logins may return to, comma-separated (https://portal.example). Required with an identity provider',
  CARE_MEET_OIDC_BANKID_ISSUER: 'Identity provider for bankid (likewise _SITHS_, _MITID_, _BANKID_NO_ and _SUOMIFI_): its issuer URL, https',
  CARE_MEET_OIDC_BANKID_CLIENT_ID: 'Client id at that provider',
  CARE_MEET_OIDC_BANKID_CLIENT_SECRET: 'Client secret (client_secret_basic), at least 16 characters. Default: a public client',
  CARE_MEET_OIDC_BANKID_REDIRECT_URI: "This server's callback as registered there: https://portal.example/api/oidc/callback",
  CARE_MEET_OIDC_BANKID_ACR_VALUES: 'Accepted levels of assurance, comma-separated. Default per method (docs/server-sdk.md)',
  CARE_MEET_OIDC_BANKID_SCOPE: 'Scope. Default openid profile',
  CARE_MEET_OIDC_BANKID_CLAIMS: 'ID-token claims holding the identity, comma-separated. Default: the national claim names',
  CARE_MEET_OIDC_BANKID_TIMEOUT_SECONDS: 'Timeout of each request to the provider. Default 10',
  CARE_MEET_OIDC_BANKID_ALLOW_INSECURE_REQUESTS: 'true: allow an http issuer on a loopback address (a test IdP). Default false',
  CARE_MEET_SMS_URL: "SMS gateway's send URL, https (http only on loopback). Enables sms-code",
  CARE_MEET_SMS_AUTHORIZATION: 'Authorization header value for the gateway, e.g. Bearer …',
  CARE_MEET_SMS_BODY: 'JSON body template with {{to}} and {{text}}. Default {"to":"{{to}}","text":"{{text}}"}',
  CARE_MEET_SMS_TIMEOUT_SECONDS: 'Timeout of each gateway request. Default 10',
  CARE_MEET_SMTP_URL: 'Mail server: smtps://host[:465] (TLS) or smtp://host[:587] (STARTTLS required). Enables name (e-mail guests)',
  CARE_MEET_SMTP_USER: 'SMTP user. Default: none',
  CARE_MEET_SMTP_PASSWORD: 'SMTP password',
  CARE_MEET_EMAIL_FROM: 'Sender of the e-mails: "Regionen <no-reply@region.example>". Required with CARE_MEET_SMTP_URL',
  CARE_MEET_SMTP_TIMEOUT_SECONDS: 'Timeout of each SMTP step. Default 10',
  CARE_MEET_MESSAGE_LANGUAGE: `Language of messages to people registered without one: ${MESSAGE_LANGUAGES.join(', ')}. Default sv`,
  CARE_MEET_MESSAGE_TIME_ZONE: 'Time zone the messages state times in. Default Europe/Stockholm (Copenhagen for da, Oslo for nb, Helsinki for fi)',
  CARE_MEET_E2EE_KEY:
    "Key the meetings' end-to-end encryption keys are stored sealed under: 32 random bytes, base64 (openssl rand -base64 32). Required unless CARE_MEET_E2EE=off",
  CARE_MEET_E2EE_KEY_FILE: 'A file holding CARE_MEET_E2EE_KEY instead (a mounted secret)',
  CARE_MEET_E2EE: 'off: no end-to-end encryption (meetings are booked without it; said at start). Default on, which needs the key',
} as const;

/**
 * The end-to-end encryption part of the sidecar's configuration: the key-encryption key from
 * `CARE_MEET_E2EE_KEY` or the file `CARE_MEET_E2EE_KEY_FILE` names, or null when `CARE_MEET_E2EE=off`.
 * Without a key and without `off`, the start is refused (a `TypeError` naming the variables), as it
 * is for a key that is not 32 bytes of base64 or for `off` together with a key.
 *
 * @example
 * ```ts
 * e2eeSettingFrom({ CARE_MEET_E2EE_KEY: 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=' }); // { keyEncryptionKey: '…' }
 * e2eeSettingFrom({ CARE_MEET_E2EE: 'off' }); // null
 * ```
 */
export function e2eeSettingFrom(env: Env): { keyEncryptionKey: string } | null {
  const mode = (env.CARE_MEET_E2EE ?? '').trim().toLowerCase();
  if (mode !== '' && mode !== 'on' && mode !== 'off') throw new TypeError(`CARE_MEET_E2EE must be on or off (off: meetings without end-to-end encryption)`);
  const inline = env.CARE_MEET_E2EE_KEY ?? '';
  const file = env.CARE_MEET_E2EE_KEY_FILE ?? '';
  if (inline !== '' && file !== '') throw new TypeError('set CARE_MEET_E2EE_KEY or CARE_MEET_E2EE_KEY_FILE, not both');
  if (mode === 'off') {
    if (inline !== '' || file !== '') {
      throw new TypeError(
        'CARE_MEET_E2EE=off and an E2EE key are both set: remove the key to run without end-to-end encryption, or CARE_MEET_E2EE=off to run with it',
      );
    }
    return null;
  }
  if (inline === '' && file === '') {
    throw new TypeError(
      'CARE_MEET_E2EE_KEY must be set: meetings are end-to-end encrypted by default, and their keys are stored sealed under it ' +
        '(32 random bytes in base64: openssl rand -base64 32; or CARE_MEET_E2EE_KEY_FILE naming a file that holds it). ' +
        'To run without end-to-end encryption, set CARE_MEET_E2EE=off',
    );
  }
  let text = inline;
  let what = 'CARE_MEET_E2EE_KEY';
  if (file !== '') {
    what = `CARE_MEET_E2EE_KEY_FILE (${file})`;
    try {
      text = readFileSync(resolve(file), 'utf8');
    } catch (e) {
      throw new TypeError(`${what} cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
  parseKeyEncryptionKey(text, what);
  return { keyEncryptionKey: text.trim() };
}

/**
 * The levels of assurance a method's provider must state (`acr`) when its settings name none:
 * BankID and SITHS eID at level 3 or 4 of the Swedish eID framework, MitID at NSIS Substantial or
 * High (as NemLog-in states them), BankID Norway as its own OIDC service states High (`bid`, LOA 4)
 * and Substantial (`bis`, biometrics, LOA 3), Suomi.fi-tunnistus at Finnish LoA 2 (substantial) or
 * 3 (high). Behind another broker (ID-porten states `idporten-loa-substantial` and
 * `idporten-loa-high`) set the method's `ACR_VALUES`.
 */
export const DEFAULT_ACCEPTED_ACR: Readonly<Record<OidcMethod, readonly string[]>> = Object.freeze({
  bankid: ['http://id.elegnamnden.se/loa/1.0/loa3', 'http://id.elegnamnden.se/loa/1.0/loa4'],
  siths: ['http://id.elegnamnden.se/loa/1.0/loa3', 'http://id.elegnamnden.se/loa/1.0/loa4'],
  mitid: ['https://data.gov.dk/concept/core/nsis/loa/Substantial', 'https://data.gov.dk/concept/core/nsis/loa/High'],
  'bankid-no': ['urn:bankid:bid;LOA=4', 'urn:bankid:bis;LOA=3'],
  suomifi: ['http://ftn.ficora.fi/2017/loa2', 'http://ftn.ficora.fi/2017/loa3'],
});

/** The part of a method's variable names after `CARE_MEET_OIDC_`: `bankid-no` is `BANKID_NO`. */
export function oidcEnvPrefix(method: OidcMethod): string {
  return `CARE_MEET_OIDC_${method.toUpperCase().replace(/-/g, '_')}_`;
}

/** The identity, messaging and booking part of the sidecar's configuration, checked. */
export interface DeploymentSettings {
  identityProviders: IdentityProviders;
  allowedReturnOrigins: string[];
  /** The SMS gateway, when one is configured. */
  sms?: SmsGatewayOptions;
  /** The SMTP server, when one is configured. */
  email?: SmtpMailerOptions;
  messageLanguage: MessageLanguage;
  messageTimeZone?: string;
  /** Methods this server serves itself (provider, SMS, e-mail). */
  served: VerifyMethod[];
  /** Methods the host vouches for with `POST /sessions`. */
  hostVouches: VerifyMethod[];
  /** What bookings may name: `served` and `hostVouches` together (`CareMeetOptions.verifyMethods`). */
  verifyMethods: VerifyMethod[];
}

type Env = Record<string, string | undefined>;
type FileObject = Record<string, unknown>;

const FILE_KEYS = ['verifyMethods', 'hostVouches', 'allowedReturnOrigins', 'identityProviders', 'sms', 'email', 'messageLanguage', 'messageTimeZone'];
const PROVIDER_KEYS = [
  'issuer',
  'clientId',
  'clientSecret',
  'redirectUri',
  'scope',
  'acceptedAcr',
  'claims',
  'idTokenSigningAlg',
  'timeoutSeconds',
  'allowInsecureRequests',
];
const SMS_KEYS = ['url', 'headers', 'body', 'timeoutSeconds'];
const EMAIL_KEYS = ['url', 'user', 'password', 'from', 'timeoutSeconds'];

/** Each provider field and the suffix of its variable (`CARE_MEET_OIDC_<METHOD>_<SUFFIX>`). */
const PROVIDER_ENV: Readonly<Record<string, string>> = {
  issuer: 'ISSUER',
  clientId: 'CLIENT_ID',
  clientSecret: 'CLIENT_SECRET',
  redirectUri: 'REDIRECT_URI',
  scope: 'SCOPE',
  acceptedAcr: 'ACR_VALUES',
  claims: 'CLAIMS',
  timeoutSeconds: 'TIMEOUT_SECONDS',
  allowInsecureRequests: 'ALLOW_INSECURE_REQUESTS',
};
const SMS_ENV: Readonly<Record<string, string>> = {
  url: 'CARE_MEET_SMS_URL',
  headers: 'CARE_MEET_SMS_AUTHORIZATION',
  body: 'CARE_MEET_SMS_BODY',
  timeoutSeconds: 'CARE_MEET_SMS_TIMEOUT_SECONDS',
};
const EMAIL_ENV: Readonly<Record<string, string>> = {
  url: 'CARE_MEET_SMTP_URL',
  user: 'CARE_MEET_SMTP_USER',
  password: 'CARE_MEET_SMTP_PASSWORD',
  from: 'CARE_MEET_EMAIL_FROM',
  timeoutSeconds: 'CARE_MEET_SMTP_TIMEOUT_SECONDS',
};

function isPlainObject(v: unknown): v is FileObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(text: string): string[] {
  return text.split(/[\s,]+/).filter((x) => x !== '');
}

/** Reads the settings from `env` and the file it names; a `TypeError` names the setting that is wrong. */
export function deploymentSettingsFrom(env: Env, invite: { absolute: boolean }): DeploymentSettings {
  const s = new SettingSources(env);
  const identityProviders = s.providers();
  const allowedReturnOrigins = s.origins();
  const sms = s.sms();
  const email = s.email();
  const messageLanguage = s.messageLanguage();
  const messageTimeZone = s.timeZone();
  const hostVouches = s.methods('CARE_MEET_HOST_VOUCHES', 'hostVouches') ?? [];
  for (const m of hostVouches) {
    if (!(OIDC_METHODS as readonly string[]).includes(m)) {
      throw new TypeError(
        `${s.name('CARE_MEET_HOST_VOUCHES', 'hostVouches')}: only ${OIDC_METHODS.join(', ')} can be vouched for (a guest has no identity to vouch for), not ${m}`,
      );
    }
  }
  const available: Record<VerifyMethod, boolean> = {
    bankid: identityProviders.bankid !== undefined,
    siths: identityProviders.siths !== undefined,
    mitid: identityProviders.mitid !== undefined,
    'bankid-no': identityProviders['bankid-no'] !== undefined,
    suomifi: identityProviders.suomifi !== undefined,
    'sms-code': sms !== undefined,
    name: email !== undefined,
  };
  const listed = s.methods('CARE_MEET_VERIFY_METHODS', 'verifyMethods');
  const served = listed ?? VERIFY_METHODS.filter((m) => available[m]);
  const methodsSetting = s.name('CARE_MEET_VERIFY_METHODS', 'verifyMethods');
  for (const m of served) {
    if (available[m]) continue;
    if ((OIDC_METHODS as readonly string[]).includes(m)) {
      const prefix = oidcEnvPrefix(m as OidcMethod);
      throw new TypeError(
        `${methodsSetting} names ${m}, but no identity provider is set up for it: set ${prefix}ISSUER, ${prefix}CLIENT_ID and ${prefix}REDIRECT_URI ` +
          `(or identityProviders.${m} in the CARE_MEET_CONFIG file), or, if your portal logs these people in itself, list ${m} in CARE_MEET_HOST_VOUCHES instead`,
      );
    }
    if (m === 'sms-code') {
      throw new TypeError(
        `${methodsSetting} names sms-code (guests proven by an SMS code), but no SMS gateway is set up: set CARE_MEET_SMS_URL (or sms.url in the CARE_MEET_CONFIG file)`,
      );
    }
    throw new TypeError(
      `${methodsSetting} names name (e-mail guests), but no e-mail is set up to send their invitations: set CARE_MEET_SMTP_URL and CARE_MEET_EMAIL_FROM (or email in the CARE_MEET_CONFIG file)`,
    );
  }
  if (served.some((m) => (OIDC_METHODS as readonly string[]).includes(m)) && allowedReturnOrigins.length === 0) {
    throw new TypeError(
      `${s.name('CARE_MEET_ALLOWED_RETURN_ORIGINS', 'allowedReturnOrigins')} must name the origin of your meeting page (https://portal.example): ` +
        `identity-provider logins (${served.filter((m) => (OIDC_METHODS as readonly string[]).includes(m)).join(', ')}) return there`,
    );
  }
  if ((sms !== undefined || email !== undefined) && !invite.absolute) {
    throw new TypeError('CARE_MEET_INVITE_URL must be an absolute http(s) URL (https://portal.example/mote): it is the link sent by SMS and e-mail');
  }
  const verifyMethods = VERIFY_METHODS.filter((m) => served.includes(m) || hostVouches.includes(m));
  const out: DeploymentSettings = { identityProviders, allowedReturnOrigins, messageLanguage, served, hostVouches, verifyMethods };
  if (sms) out.sms = sms;
  if (email) out.email = email;
  if (messageTimeZone !== undefined) out.messageTimeZone = messageTimeZone;
  return out;
}

/**
 * One line for the start-up log: what bookings may name and what serves each, without secrets.
 *
 * @example
 * ```ts
 * describeDeployment(settings); // 'bookings may name: bankid (identity provider https://idp.example), sms-code (SMS gateway https://sms.example)'
 * ```
 */
export function describeDeployment(d: DeploymentSettings): string {
  if (d.verifyMethods.length === 0) {
    return 'no verify method is set up, so every booking is refused: see care-meet-server --help (CARE_MEET_VERIFY_METHODS, CARE_MEET_HOST_VOUCHES)';
  }
  const parts = d.verifyMethods.map((m) => {
    const how: string[] = [];
    if (d.served.includes(m)) {
      const provider = (d.identityProviders as Record<string, IdentityProviderConfig | undefined>)[m];
      if (provider) how.push(`identity provider ${new URL(provider.issuer).origin}`);
      else if (m === 'sms-code' && d.sms) how.push(`SMS gateway ${new URL(d.sms.url).origin}`);
      else if (m === 'name' && d.email) how.push(`e-mail via ${new URL(d.email.url).protocol}//${new URL(d.email.url).host}`);
    }
    if (d.hostVouches.includes(m)) how.push('host vouches');
    return `${m} (${how.join(', ')})`;
  });
  return `bookings may name: ${parts.join(', ')}; messages in ${d.messageLanguage} unless a participant has a language`;
}

/** The file and the environment, and which of them each setting came from. */
class SettingSources {
  readonly #env: Env;
  readonly #file: FileObject;
  readonly #path: string | null;

  constructor(env: Env) {
    this.#env = env;
    const path = env.CARE_MEET_CONFIG;
    if (path === undefined || path === '') {
      this.#file = {};
      this.#path = null;
      return;
    }
    this.#path = resolve(path);
    let text: string;
    try {
      text = readFileSync(this.#path, 'utf8');
    } catch (e) {
      throw new TypeError(`CARE_MEET_CONFIG names ${this.#path}, which cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new TypeError(`CARE_MEET_CONFIG: ${this.#path} is not JSON (${e instanceof Error ? e.message : 'parse error'})`);
    }
    if (!isPlainObject(data)) throw new TypeError(`CARE_MEET_CONFIG: ${this.#path} must hold one JSON object`);
    this.#file = data;
    this.#known(data, FILE_KEYS, '');
  }

  /** How to name a setting in a message: the variable when it is set (or there is no file value), else the file's key. */
  name(envName: string, filePath: string): string {
    if (this.#env[envName] !== undefined && this.#env[envName] !== '') return envName;
    if (this.#path !== null && this.#fileValue(filePath) !== undefined) return `${filePath} in ${this.#path}`;
    return envName;
  }

  #fileValue(path: string): unknown {
    let v: unknown = this.#file;
    for (const key of path.split('.')) v = isPlainObject(v) ? v[key] : undefined;
    return v;
  }

  #envValue(name: string): string | undefined {
    const v = this.#env[name];
    return v === undefined || v === '' ? undefined : v;
  }

  #known(o: FileObject, keys: string[], where: string): void {
    for (const key of Object.keys(o)) {
      if (!keys.includes(key)) {
        throw new TypeError(`${where}${key} in ${this.#path}: no such setting; the settings here are ${keys.join(', ')}`);
      }
    }
  }

  #object(path: string): FileObject | undefined {
    const v = this.#fileValue(path);
    if (v === undefined) return undefined;
    if (!isPlainObject(v)) throw new TypeError(`${path} in ${this.#path} must be an object`);
    return v;
  }

  #stringList(envName: string, filePath: string): string[] | undefined {
    const fromEnv = this.#envValue(envName);
    if (fromEnv !== undefined) return list(fromEnv);
    const v = this.#fileValue(filePath);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new TypeError(`${filePath} in ${this.#path} must be a list of strings`);
    return v as string[];
  }

  methods(envName: string, filePath: string): VerifyMethod[] | undefined {
    const names = this.#stringList(envName, filePath);
    if (names === undefined) return undefined;
    for (const m of names) {
      if (!isVerifyMethod(m))
        throw new TypeError(`${this.name(envName, filePath)}: ${JSON.stringify(m)} is not a verify method; the methods are ${VERIFY_METHODS.join(', ')}`);
    }
    return VERIFY_METHODS.filter((m) => names.includes(m));
  }

  origins(): string[] {
    const values = this.#stringList('CARE_MEET_ALLOWED_RETURN_ORIGINS', 'allowedReturnOrigins');
    try {
      return checkReturnOrigins(values);
    } catch (e) {
      throw new TypeError(
        `${this.name('CARE_MEET_ALLOWED_RETURN_ORIGINS', 'allowedReturnOrigins')}: ${(e as Error).message.replace(/^allowedReturnOrigins/, 'entry ')}`,
      );
    }
  }

  messageLanguage(): MessageLanguage {
    const v = this.#envValue('CARE_MEET_MESSAGE_LANGUAGE') ?? this.#fileValue('messageLanguage') ?? 'sv';
    if (!(MESSAGE_LANGUAGES as readonly unknown[]).includes(v)) {
      throw new TypeError(`${this.name('CARE_MEET_MESSAGE_LANGUAGE', 'messageLanguage')} must be one of ${MESSAGE_LANGUAGES.join(', ')}`);
    }
    return v as MessageLanguage;
  }

  timeZone(): string | undefined {
    const v = this.#envValue('CARE_MEET_MESSAGE_TIME_ZONE') ?? this.#fileValue('messageTimeZone');
    if (v === undefined) return undefined;
    try {
      if (typeof v !== 'string') throw new RangeError();
      new Intl.DateTimeFormat('en', { timeZone: v });
    } catch {
      throw new TypeError(`${this.name('CARE_MEET_MESSAGE_TIME_ZONE', 'messageTimeZone')} must be an IANA time zone such as Europe/Stockholm`);
    }
    return v;
  }

  providers(): IdentityProviders {
    const fileProviders = this.#object('identityProviders') ?? {};
    this.#known(fileProviders, [...OIDC_METHODS], 'identityProviders.');
    const out: Record<string, IdentityProviderConfig> = {};
    for (const method of OIDC_METHODS) {
      const fromFile = this.#object(`identityProviders.${method}`) ?? {};
      this.#known(fromFile, PROVIDER_KEYS, `identityProviders.${method}.`);
      const c: Record<string, unknown> = { ...fromFile };
      const envName = (field: string) => `${oidcEnvPrefix(method)}${PROVIDER_ENV[field]}`;
      for (const field of ['issuer', 'clientId', 'clientSecret', 'redirectUri', 'scope']) {
        const v = this.#envValue(envName(field));
        if (v !== undefined) c[field] = v;
      }
      const acr = this.#envValue(envName('acceptedAcr'));
      if (acr !== undefined) c.acceptedAcr = list(acr);
      const claimKey = IDENTITY_KIND_OF_METHOD[method] === 'hsa' ? 'hsaId' : IDENTITY_KIND_OF_METHOD[method];
      const claims = this.#envValue(envName('claims'));
      if (claims !== undefined) c.claims = { [claimKey]: list(claims) };
      const timeout = this.#envValue(envName('timeoutSeconds'));
      if (timeout !== undefined) c.timeoutSeconds = Number(timeout);
      const insecure = this.#envValue(envName('allowInsecureRequests'));
      if (insecure !== undefined) {
        if (insecure !== 'true' && insecure !== 'false') throw new TypeError(`${envName('allowInsecureRequests')} must be true or false`);
        c.allowInsecureRequests = insecure === 'true';
      }
      if (Object.keys(c).length === 0) continue;
      c.acceptedAcr ??= [...DEFAULT_ACCEPTED_ACR[method]];
      try {
        Object.assign(out, checkIdentityProviders({ [method]: c }));
      } catch (e) {
        // Name the variable or the file key the value came from, not the option's name.
        const message = (e as Error).message.replace(new RegExp(`identityProviders\\.${method}\\.(\\w+)`), (_m, field: string) =>
          PROVIDER_ENV[field] ? this.name(envName(field), `identityProviders.${method}.${field}`) : `identityProviders.${method}.${field}`,
        );
        throw new TypeError(message);
      }
    }
    return out;
  }

  sms(): SmsGatewayOptions | undefined {
    const fromFile = this.#object('sms') ?? {};
    this.#known(fromFile, SMS_KEYS, 'sms.');
    const c: Record<string, unknown> = { ...fromFile };
    const url = this.#envValue('CARE_MEET_SMS_URL');
    if (url !== undefined) c.url = url;
    const auth = this.#envValue('CARE_MEET_SMS_AUTHORIZATION');
    if (auth !== undefined) c.headers = { ...(isPlainObject(c.headers) ? c.headers : {}), Authorization: auth };
    const body = this.#envValue('CARE_MEET_SMS_BODY');
    if (body !== undefined) {
      try {
        c.body = JSON.parse(body) as JsonValue;
      } catch {
        throw new TypeError('CARE_MEET_SMS_BODY must be a JSON object with {{to}} and {{text}} in its strings');
      }
    }
    const timeout = this.#envValue('CARE_MEET_SMS_TIMEOUT_SECONDS');
    if (timeout !== undefined) c.timeoutSeconds = Number(timeout);
    if (Object.keys(c).length === 0) return undefined;
    if (c.url === undefined)
      throw new TypeError(`the SMS gateway is half set up: set CARE_MEET_SMS_URL (or sms.url in ${this.#path ?? 'the CARE_MEET_CONFIG file'})`);
    const options = c as unknown as SmsGatewayOptions;
    try {
      checkSmsGatewayOptions(options);
    } catch (e) {
      throw new TypeError(
        (e as Error).message.replace(/^sms\.(\w+)/, (_m, field: string) =>
          SMS_ENV[field] ? this.name(SMS_ENV[field] as string, `sms.${field}`) : `sms.${field}`,
        ),
      );
    }
    return options;
  }

  email(): SmtpMailerOptions | undefined {
    const fromFile = this.#object('email') ?? {};
    this.#known(fromFile, EMAIL_KEYS, 'email.');
    const c: Record<string, unknown> = { ...fromFile };
    for (const [field, name] of Object.entries(EMAIL_ENV)) {
      const v = this.#envValue(name);
      if (v !== undefined) c[field] = field === 'timeoutSeconds' ? Number(v) : v;
    }
    if (Object.keys(c).length === 0) return undefined;
    if (c.url === undefined)
      throw new TypeError(`e-mail is half set up: set CARE_MEET_SMTP_URL (or email.url in ${this.#path ?? 'the CARE_MEET_CONFIG file'})`);
    if (c.from === undefined)
      throw new TypeError(`e-mail needs a sender: set CARE_MEET_EMAIL_FROM (or email.from in ${this.#path ?? 'the CARE_MEET_CONFIG file'})`);
    const options = c as unknown as SmtpMailerOptions;
    try {
      checkSmtpMailerOptions(options);
    } catch (e) {
      throw new TypeError(
        (e as Error).message.replace(/\bemail\.(\w+)/g, (_m, field: string) =>
          EMAIL_ENV[field] ? this.name(EMAIL_ENV[field] as string, `email.${field}`) : `email.${field}`,
        ),
      );
    }
    return options;
  }
}
