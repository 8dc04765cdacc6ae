/**
 * care-meet's wire contract: what the server SDK and the elements both build on, with no Node and
 * no DOM dependency, so that the browser package needs nothing of the server's.
 *
 * - `./errors`: the stable error codes and their HTTP statuses, and `CareMeetError`.
 * - `./validation`: the identity checks (personnummer, samordningsnummer, CPR, fødselsnummer,
 *   henkilötunnus, HSA-id), the odd-Unicode and name rules, finding national ids in free text.
 * - `./wire`: the HTTP API's types as sent and read.
 * - `./routes`: the route table (method, path, who may call), `routePath` and `matchRoute`.
 * - `./schemas`: each JSON route's request body as a Valibot schema, and `parseBody`, which turns
 *   a refusal into the API's `CareMeetError`. Not re-exported here: it is the one part of the
 *   package with a dependency (Valibot), and only the server and a form that wants a schema need it.
 */
export * from './errors.js';
export * from './routes.js';
export * from './validation/index.js';
export type * from './wire.js';
