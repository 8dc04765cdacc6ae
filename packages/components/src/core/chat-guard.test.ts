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

  it('refuses a fødselsnummer, a D-nummer and a henkilötunnus (check digits or character verified), saying which', () => {
    expect(checkChatMessage('Fødselsnummer 301082 99920', NOW)).to.deep.equal({ ok: false, reason: 'national-id', kinds: ['fnr'] });
    expect(checkChatMessage('D-nummer 70108299914', NOW)).to.deep.equal({ ok: false, reason: 'national-id', kinds: ['dnummer'] });
    expect(checkChatMessage('Hetu 131052-308T', NOW)).to.deep.equal({ ok: false, reason: 'national-id', kinds: ['hetu'] });
    expect(checkChatMessage('hetu 010594y9032 ja 30108299920', NOW)).to.deep.equal({ ok: false, reason: 'national-id', kinds: ['hetu', 'fnr'] });
    for (const text of ['Fnr 30108299921', 'Hetu 131052-308U', 'Tilaus 12345678901']) {
      expect(checkChatMessage(text, NOW), text).to.deep.equal({ ok: true, text });
    }
    expect(maskNationalIds('ring 301082 99920 / 131052-308T!', '••••', NOW)).to.equal('ring •••• / ••••!');
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
