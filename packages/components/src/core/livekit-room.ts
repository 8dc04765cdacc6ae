/**
 * What care-meet takes from `livekit-client`, loaded by `defaultMediaRoomFactory` (media-room.ts)
 * with a dynamic import of this module when someone joins.
 *
 * Why a module of its own: a dynamic import of `livekit-client` itself hands the page the whole
 * module namespace, so a bundler keeps every export the library has (rollup builds a namespace
 * object listing all of them, and the destructuring `const { Room } = await import(…)` does not
 * change that): about 5 KiB gzip more than `Room` and what it needs. Importing `Room` statically
 * here lets the bundler drop the rest.
 */
export { Room } from 'livekit-client';
// What core/e2ee.ts takes, from here so that livekit-client stays one chunk whose facade is this
// module, shared by the plain room and the encrypted one (bench/shipped-size.mjs measures it).
export { BaseKeyProvider, createKeyMaterialFromBuffer } from 'livekit-client';
