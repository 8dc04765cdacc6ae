// The error codes are part of the wire contract, kept in @care-meet/protocol; the server's modules import them from here.
export * from '@care-meet/protocol/errors';
