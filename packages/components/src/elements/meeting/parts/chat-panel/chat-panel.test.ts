import { expect, fixture, html, waitUntil } from '@open-wc/testing';

import type { ChatMessage } from '../../../../core/room-state.js';
import { meetingRoomStrings } from '../../../../test-support/all-strings.js';
import { defineDependencies } from '../../../dependencies.js';
import { CareChatPanel } from './chat-panel.js';

defineDependencies({ 'care-chat-panel': CareChatPanel });

const en = meetingRoomStrings.en;
const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Stands in for the media room: what it was asked to send. */
const fakeRoom = () => {
  const sent: string[] = [];
  return { sent, publishChat: async (text: string) => void sent.push(text) };
};

async function mount(options: { room?: ReturnType<typeof fakeRoom>; messages?: ChatMessage[]; noMedia?: boolean } = {}) {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang="en">
      <care-chat-panel .room=${options.room} .messages=${options.messages ?? []} ?no-media-server=${options.noMedia ?? false}></care-chat-panel>
    </div>`,
  );
  const chat = wrapper.querySelector<CareChatPanel>('care-chat-panel')!;
  await chat.updateComplete;
  const $ = <T extends Element = HTMLElement>(selector: string) => chat.shadowRoot!.querySelector<T>(selector);
  return { chat, $ };
}

describe('<care-chat-panel>', function () {
  this.timeout(10000);

  it('refuses a personnummer without sending it, keeps it in the field, and says why; sends ordinary text', async () => {
    const room = fakeRoom();
    const { chat, $ } = await mount({ room });
    expect(textOf($('[part~="chat-warning"]'))).to.equal(en.chatWarning);
    const field = $<HTMLTextAreaElement>('#chat-input')!;
    field.value = 'Esthers personnummer är 19121212-1212';
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await chat.updateComplete;
    expect(textOf($('[part~="chat-error"]'))).to.equal(en.chatRefused(en.idKind.pnr));
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.value).to.equal('Esthers personnummer är 19121212-1212');
    expect(chat.shadowRoot!.activeElement).to.equal(field);
    expect(room.sent).to.have.length(0);
    await expect(chat).to.be.accessible();

    field.value = 'Hej, vi ses';
    field.dispatchEvent(new Event('input'));
    await chat.updateComplete;
    expect(textOf($('[part~="chat-error"]'))).to.equal('');
    field.form!.requestSubmit();
    await waitUntil(() => room.sent.length === 1);
    expect(room.sent).to.deep.equal(['Hej, vi ses']);
    await waitUntil(() => field.value === '');
  });

  it('shows the messages, her own marked, in a log', async () => {
    const messages: ChatMessage[] = [
      { id: '1', identity: 'p_bo', name: 'Bo Bror', text: 'Hej', at: Date.UTC(2026, 11, 1, 10), isLocal: false },
      { id: '2', identity: 'p_self', name: 'Rut', text: 'Hej Bo', at: Date.UTC(2026, 11, 1, 10, 1), isLocal: true },
    ];
    const { chat, $ } = await mount({ room: fakeRoom(), messages });
    const items = [...chat.shadowRoot!.querySelectorAll('[part~="chat-log"] li')];
    expect(items.map(textOf)[0]).to.contain('Bo Bror').and.contain('Hej');
    expect(items[1]!.className).to.equal('mine');
    expect(textOf(items[1])).to.contain(`Rut ${en.you}`);
    expect($('[role="log"]')!.getAttribute('aria-labelledby')).to.equal('chat-title');
    await expect(chat).to.be.accessible();
  });

  it('without a media server: only the words that say chat needs one', async () => {
    const { chat, $ } = await mount({ noMedia: true });
    expect(textOf($('[part~="chat-warning"]'))).to.equal(en.chatNoMediaServer);
    expect($('textarea, form')).to.equal(null);
    await expect(chat).to.be.accessible();
  });
});
