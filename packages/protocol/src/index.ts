/**
 * care-meet's wire contract: what the server SDK and the elements both build on, with no Node and
 * no DOM dependency, so that the browser package needs nothing of the server's.
 *
 * - `./errors`: the stable error codes and their HTTP statuses, and `CareMeetError`.
 * - `./validation`: the identity checks (personnummer, samordningsnummer, CPR, fødselsnummer,
 *   henkilötunnus, HSA-id), the odd-Unicode and name rules, finding national ids in free text.
 * - `./wire`: the HTTP API's types as sent and read.
 * - `./routes`: the route table (method, path, who may call), `routePath` and `matchRoute`.
 */
export * from './errors.js';
export * from './routes.js';
export * from './validation/index.js';
export type * from './wire.js';
