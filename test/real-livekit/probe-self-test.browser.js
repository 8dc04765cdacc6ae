// Evaluated in a page by walk-without-media.ts: a loopback WebRTC call inside one page (the fake
// camera sent from one RTCPeerConnection to another), drawn in a <video id="loopback">. It lets the
// media probe's frame and statistics checks be tried in this Chromium without a media server.
(async () => {
  const camera = await navigator.mediaDevices.getUserMedia({ video: true });
  const sender = new RTCPeerConnection();
  const receiver = new RTCPeerConnection();
  sender.onicecandidate = (e) => e.candidate && receiver.addIceCandidate(e.candidate);
  receiver.onicecandidate = (e) => e.candidate && sender.addIceCandidate(e.candidate);
  const video = document.createElement('video');
  video.id = 'loopback';
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  document.body.append(video);
  receiver.ontrack = (e) => {
    video.srcObject = new MediaStream([e.track]);
  };
  for (const track of camera.getTracks()) sender.addTrack(track, camera);
  await sender.setLocalDescription(await sender.createOffer());
  await receiver.setRemoteDescription(sender.localDescription);
  await receiver.setLocalDescription(await receiver.createAnswer());
  await sender.setRemoteDescription(receiver.localDescription);
  return 'started';
})();
