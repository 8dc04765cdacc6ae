import { expect } from '@open-wc/testing';

import { CHAT_MAX_LENGTH, checkChatMessage, decodeChat, encodeChat, maskNationalIds } from './chat-guard.js';

const NOW = new Date('2026-12-01T10:00:00Z');

describe('chat guard', () => {
  it('refuses a personnummer, a samordningsnummer and a CPR number (checksum-verified), saying which', () => {
    expect(checkChatMessage('Esthers nummer är 19121212-1212', NOW)).to.deep.equal({ ok: false, reason: 'national-id', kinds: ['pnr'] });
    expect(checkChatMessage('pnr 191212121212', NOW)).to.deep.include({ ok: false, reason: 'national-id' });
    // Samordningsnummer: day + 60.
    expect(checkChatMessage('samordning 19121272-1219', NOW)).to.deep.equal({ ok: false, reason: 'national-id', kinds: ['samordningsnummer'] });
    expect(checkChatMessage('CPR 150385-2231', NOW)).to.deep.equal({ ok: false, reason: 'national-id', kinds: ['cpr'] });
    expect(checkChatMessage('19121212-1212 och 150385-2231', NOW)).to.deep.equal({ ok: false, reason: 'national-id', kinds: ['pnr', 'cpr'] });
  });

  it('lets ordinary text through, numbers that fail the checksum or are no date too', () => {
    for (const text of ['Vi ses kl 10.30', 'Ring 070-123 45 67', 'Mötet 2026-12-01', 'order 19121212-1213', 'ref 123456789012345']) {
      expect(checkChatMessage(text, NOW), text).to.deep.equal({ ok: true, text });
    }
  });

  it('refuses empty and over-long messages, and trims', () => {
    expect(checkChatMessage('   ')).to.deep.equal({ ok: false, reason: 'empty' });
    expect(checkChatMessage('x'.repeat(CHAT_MAX_LENGTH + 1))).to.deep.equal({ ok: false, reason: 'too-long' });
    expect(checkChatMessage('  hej  ')).to.deep.equal({ ok: true, text: 'hej' });
  });

  it('masks numbers in received text', () => {
    expect(maskNationalIds('ring 19121212-1212 eller 150385-2231', '••••', NOW)).to.equal('ring •••• eller ••••');
    expect(maskNationalIds('inget här', '••••', NOW)).to.equal('inget här');
  });

  it('encodes and decodes chat data messages, refusing what is malformed', () => {
    expect(decodeChat(encodeChat('a1', 'Hej'))).to.deep.equal({ id: 'a1', text: 'Hej' });
    const enc = new TextEncoder();
    expect(decodeChat(enc.encode('nope'))).to.equal(null);
    expect(decodeChat(enc.encode('{"v":2,"id":"a","text":"x"}'))).to.equal(null);
    expect(decodeChat(enc.encode('{"v":1,"id":"a","text":"   "}'))).to.equal(null);
    expect(decodeChat(enc.encode(JSON.stringify({ v: 1, id: 'a', text: 'x'.repeat(CHAT_MAX_LENGTH + 1) })))).to.equal(null);
  });
});
