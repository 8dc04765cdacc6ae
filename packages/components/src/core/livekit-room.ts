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
