import { expect } from '@open-wc/testing';

import { checkBrowserSupport, detectBrowser, detectSinkSupport, guidanceTarget, type BrowserScope } from './browser-support.js';

const UA = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:133.0) Gecko/20100101 Firefox/133.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
};

describe('detectBrowser', () => {
  it('names the browser, its major version and the system from the user agent', () => {
    expect(detectBrowser({ userAgent: UA.chromeWindows })).to.deep.equal({ name: 'chrome', label: 'Google Chrome', version: 131, os: 'windows' });
    expect(detectBrowser({ userAgent: UA.edgeWindows })).to.include({ name: 'edge', version: 131, os: 'windows' });
    expect(detectBrowser({ userAgent: UA.firefoxMac })).to.include({ name: 'firefox', version: 133, os: 'macos' });
    expect(detectBrowser({ userAgent: UA.safariMac })).to.include({ name: 'safari', version: 18, os: 'macos' });
    expect(detectBrowser({ userAgent: UA.safariIphone })).to.include({ name: 'safari', os: 'ios' });
    expect(detectBrowser({ userAgent: UA.chromeIphone })).to.include({ name: 'chrome', os: 'ios' });
    expect(detectBrowser({ userAgent: UA.chromeAndroid })).to.include({ name: 'chrome', os: 'android' });
    expect(detectBrowser({ userAgent: 'Lynx/2.9' })).to.deep.equal({ name: 'other', label: '', os: 'other' });
  });

  it('tells an iPad asking for desktop pages by its touch screen', () => {
    expect(detectBrowser({ userAgent: UA.safariMac, maxTouchPoints: 5 }).os).to.equal('ios');
    expect(detectBrowser({ userAgent: UA.safariMac, maxTouchPoints: 0 }).os).to.equal('macos');
  });

  it('prefers client hints where the browser gives them', () => {
    const edge = detectBrowser({
      userAgent: UA.chromeWindows,
      userAgentData: {
        brands: [
          { brand: 'Not)A;Brand', version: '99' },
          { brand: 'Microsoft Edge', version: '131' },
          { brand: 'Chromium', version: '131' },
        ],
      },
    });
    expect(edge).to.deep.equal({ name: 'edge', label: 'Microsoft Edge', version: 131, os: 'windows' });
  });

  it('picks whose settings screens to describe', () => {
    expect(guidanceTarget(detectBrowser({ userAgent: UA.edgeWindows }))).to.equal('edge');
    expect(guidanceTarget(detectBrowser({ userAgent: UA.safariIphone }))).to.equal('safari-ios');
    // Camera permission for other iOS browsers is in the system Settings app.
    expect(guidanceTarget(detectBrowser({ userAgent: UA.chromeIphone }))).to.equal('ios-app');
    expect(guidanceTarget(detectBrowser({ userAgent: 'Lynx/2.9' }))).to.equal('other');
  });
});

describe('checkBrowserSupport', () => {
  const scope = (changes: Partial<BrowserScope> = {}): BrowserScope => ({
    navigator: { userAgent: UA.firefoxMac, mediaDevices: { getUserMedia: () => undefined } },
    isSecureContext: true,
    RTCPeerConnection: function RTCPeerConnection() {},
    AudioContext: function AudioContext() {} as unknown as { prototype: object },
    ...changes,
  });

  it('passes this Chromium', () => {
    const support = checkBrowserSupport();
    expect(support).to.include({ supported: true, secure: true, sinkSupport: 'audio-context' });
    expect(support.missing).to.deep.equal([]);
  });

  it('names each missing feature', () => {
    const support = checkBrowserSupport(scope({ navigator: { userAgent: UA.firefoxMac }, RTCPeerConnection: undefined, AudioContext: undefined }));
    expect(support.supported).to.equal(false);
    expect(support.missing).to.deep.equal(['getUserMedia', 'RTCPeerConnection', 'WebAudio']);
  });

  it('accepts the prefixed WebAudio of older Safari', () => {
    expect(checkBrowserSupport(scope({ AudioContext: undefined, webkitAudioContext: function () {} })).missing).to.deep.equal([]);
  });

  it('fails a page that is not https, whatever the browser has', () => {
    expect(checkBrowserSupport(scope({ isSecureContext: false }))).to.include({ supported: false, secure: false });
  });

  it('knows where sound can be routed to a chosen speaker', () => {
    const withSink = { prototype: { setSinkId() {} } };
    const without = { prototype: {} };
    expect(detectSinkSupport(scope({ AudioContext: withSink }))).to.equal('audio-context');
    expect(detectSinkSupport(scope({ AudioContext: without, HTMLMediaElement: withSink }))).to.equal('media-element');
    expect(detectSinkSupport(scope({ AudioContext: without, HTMLMediaElement: without }))).to.equal('none');
  });

  it('offers no speaker choice on iOS, where Safari 26 has setSinkId but WebRTC audio ignored it', () => {
    const withSink = { prototype: { setSinkId() {} } };
    const iphone = scope({ AudioContext: { prototype: {} }, HTMLMediaElement: withSink });
    iphone.navigator = { ...iphone.navigator, userAgent: UA.safariIphone };
    expect(detectSinkSupport(iphone)).to.equal('none');
    iphone.navigator = { ...iphone.navigator, userAgent: UA.chromeIphone };
    expect(detectSinkSupport(iphone)).to.equal('none');
  });
});
