/**
 * The identity and text checks, kept in `@care-meet/protocol` (shared with the elements) and
 * published here too as `@care-meet/server-sdk/validation`, as before.
 */
export * from '@care-meet/protocol/validation';
