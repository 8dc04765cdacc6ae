import { expect, fixture, html } from '@open-wc/testing';

import { textMisfits } from './text-fit.js';

describe('textMisfits', () => {
  it('finds a control too narrow for its word, a word cut across lines, and what sticks out sideways', async () => {
    const host = await fixture<HTMLElement>(html`
      <div style="inline-size: 200px; font: 16px sans-serif">
        <button style="inline-size: 60px; overflow-wrap: normal">Tunnistautumisikkuna</button>
        <button style="inline-size: 60px; overflow-wrap: anywhere">Tekstiviestikoodi</button>
        <div style="inline-size: 260px">wide</div>
        <button>Jatka</button>
      </div>
    `);
    const misfits = textMisfits(host);
    expect(misfits.some((m) => m.startsWith('too narrow for its words: <button> "Tunnistautumisikkuna"'))).to.equal(true, misfits.join('\n'));
    expect(misfits.some((m) => m.startsWith('"Tekstiviestikoodi" cut across lines'))).to.equal(true, misfits.join('\n'));
    expect(misfits.some((m) => m.startsWith('past the edge by 60 px: <div> "wide"'))).to.equal(true, misfits.join('\n'));
    expect(misfits.join('\n')).not.to.contain('Jatka');
  });

  it('finds nothing where everything fits, in shadow roots too', async () => {
    const host = await fixture<HTMLElement>(html`<div style="inline-size: 300px"></div>`);
    host.attachShadow({ mode: 'open' }).innerHTML = '<button>Päästä sisään</button> <label>Ilmoitettu nimi</label>';
    expect(textMisfits(host)).to.deep.equal([]);
    host.shadowRoot!.innerHTML = '<button style="inline-size: 40px; white-space: nowrap">Päästä sisään</button>';
    expect(textMisfits(host)).to.have.length(1);
  });
});
