/*
 * A person's picture, for the room's tiles and the lobby list alike: the stream a `<video>` or
 * `<audio>` plays, and the initials shown when there is no picture. A module of its own, not the
 * tiles', so the lobby list (chair-only, with the roster) does not pull the tiles and their icons
 * into the chunk every page downloads first.
 */

const streams = new WeakMap<MediaStreamTrack, MediaStream>();

/**
 * One `MediaStream` per track, kept: giving a `<video>` a new stream object on every render would
 * restart its playback.
 */
export function streamOf(track: MediaStreamTrack): MediaStream {
  let stream = streams.get(track);
  if (!stream) {
    stream = new MediaStream([track]);
    streams.set(track, stream);
  }
  return stream;
}

/** Up to two initials, for a tile without a picture. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => [...(word ?? '')][0]?.toLocaleUpperCase() ?? '').join('');
}
