/*
 * What the meeting leader's tools (`<care-chair-tools>`) tell the room they are drawn in. Not
 * public, as the other parts' (room-part-events.ts), and in a module of their own: only the
 * leader's code, which the individual and guests never download, makes them.
 */

/**
 * `care-part-end-request`: the meeting leader confirmed ending the meeting in her tools. Cancelable:
 * the room asks its host (`<care-meeting>`'s public, cancelable `care-end-request`) and cancels
 * this one when the host vetoes, so nothing is sent.
 */
export class PartEndRequestEvent extends Event {
  static readonly type = 'care-part-end-request';
  constructor() {
    super(PartEndRequestEvent.type, { cancelable: true });
  }
}
