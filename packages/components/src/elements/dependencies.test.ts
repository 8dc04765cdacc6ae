import { expect } from '@open-wc/testing';
import { defineDependencies } from './dependencies.js';

describe('defineDependencies', () => {
  it('registers each child under its tag, once', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    defineDependencies({ 'care-test-dependency-a': First, 'care-test-dependency-b': Second });
    expect(customElements.get('care-test-dependency-a')).to.equal(First);
    expect(customElements.get('care-test-dependency-b')).to.equal(Second);
    // A second parent naming the same tag does not throw (defining twice would).
    expect(() => defineDependencies({ 'care-test-dependency-a': First })).not.to.throw();
  });

  it('leaves a tag the host defined itself as it is', () => {
    class HostsOwn extends HTMLElement {}
    class Ours extends HTMLElement {}
    customElements.define('care-test-dependency-c', HostsOwn);
    defineDependencies({ 'care-test-dependency-c': Ours });
    expect(customElements.get('care-test-dependency-c')).to.equal(HostsOwn);
  });
});
