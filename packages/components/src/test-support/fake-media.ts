/**
 * Real `MediaStreamTrack`s for tests, without a camera: a painted canvas (a coloured background
 * and a head-and-shoulders shape) and a silent audio track.
 */
export function fakeVideoTrack(label: string, color: string, width = 640, height = 400): MediaStreamTrack {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  const paint = () => {
    const gradient = ctx.createLinearGradient(0, 0, width, height);
    gradient.addColorStop(0, color);
    gradient.addColorStop(1, '#10161c');
    ctx.fillStyle = gradient;
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = 'rgb(255 255 255 / 0.55)';
    ctx.beginPath();
    ctx.arc(width / 2, height * 0.42, height * 0.17, 0, Math.PI * 2);
    ctx.fill();
    ctx.beginPath();
    ctx.ellipse(width / 2, height * 1.02, width * 0.26, height * 0.38, 0, Math.PI, 0);
    ctx.fill();
    ctx.fillStyle = 'rgb(255 255 255 / 0.8)';
    ctx.font = `${Math.round(height / 14)}px sans-serif`;
    ctx.textAlign = 'right';
    ctx.fillText(label.slice(0, 1), width - 16, height / 10);
  };
  paint();
  const track = canvas.captureStream(10).getVideoTracks()[0]!;
  // A canvas stream only makes frames when the canvas is drawn: keep drawing while the track lives.
  const timer = setInterval(() => (track.readyState === 'ended' ? clearInterval(timer) : paint()), 100);
  return track;
}

let audioContext: AudioContext | undefined;

export function silentAudioTrack(): MediaStreamTrack {
  audioContext ??= new AudioContext();
  const destination = audioContext.createMediaStreamDestination();
  const gain = audioContext.createGain();
  gain.gain.value = 0;
  const oscillator = audioContext.createOscillator();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  return destination.stream.getAudioTracks()[0]!;
}
