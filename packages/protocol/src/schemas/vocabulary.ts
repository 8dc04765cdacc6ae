/** The words of the HTTP API that a body may hold, as lists a schema checks against. */
import type { ConsentHow, IdentityKind, OidcDisplay, Role, VerifyMethod } from '../wire.js';

export const ROLES: readonly Role[] = ['chair', 'staff', 'individual', 'relative', 'guest'];

export const IDENTITY_KINDS: readonly IdentityKind[] = ['hsa', 'pnr', 'cpr', 'fnr', 'hetu', 'guest'];

/** The identity kinds a relative may be registered with: a citizen's national number, proven by their own e-identification. */
export const RELATIVE_KINDS: readonly IdentityKind[] = ['pnr', 'cpr', 'fnr', 'hetu'];

/** The languages care-meet's messages (invitations, SMS codes, the identity provider's page) are sent in. */
export type MessageLanguage = 'sv' | 'da' | 'nb' | 'fi' | 'en';
export const MESSAGE_LANGUAGES: readonly MessageLanguage[] = ['sv', 'da', 'nb', 'fi', 'en'];

/** How a session came to be: a host vouched for the person (`host`), or the person proved it themselves. */
export type SessionMethod = VerifyMethod | 'host';
export const SESSION_METHODS: readonly SessionMethod[] = ['bankid', 'siths', 'mitid', 'bankid-no', 'suomifi', 'sms-code', 'name', 'host'];

export const CONSENT_HOWS: readonly ConsentHow[] = ['self', 'verbal', 'written'];

export const OIDC_DISPLAYS: readonly OidcDisplay[] = ['redirect', 'popup'];
