/*
 * What the room's parts (the consent card, the chat, the evaluation form) tell the room they are
 * drawn in. Not public: they neither bubble nor cross a shadow root, so only the room's own
 * template, which listens on the part itself, hears them.
 */

/** `care-part-announce`: a part has something to say through the room's one polite live region. */
export class PartAnnounceEvent extends Event {
  static readonly type = 'care-part-announce';
  readonly text: string;
  constructor(text: string) {
    super(PartAnnounceEvent.type);
    this.text = text;
  }
}

/**
 * `care-part-focus-leave`: keyboard focus was in a part that just went away (or left what was
 * focused): the room puts it on its heading, so it is not lost on `<body>`.
 */
export class PartFocusLeaveEvent extends Event {
  static readonly type = 'care-part-focus-leave';
  constructor() {
    super(PartFocusLeaveEvent.type);
  }
}
