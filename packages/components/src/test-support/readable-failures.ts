/**
 * Loaded before every browser test file (the `testRunnerHtml` of web-test-runner.config.mjs).
 *
 * A failed assertion about a DOM node, such as `expect(card).to.equal(null)`, reports what the node
 * is instead of stalling the run. web-test-runner sends a failure's `actual` and `expected` values
 * to Node, and a node brings its whole document with it: the run stopped at the browser timeout,
 * with no message saying which assertion failed. Here those two values become a short description
 * (`<section part="consent">`); the message chai wrote is kept as it was.
 */
// The same chai as `@open-wc/testing`'s, from its entry without side effects: the main entry
// registers the fixtures' cleanup on mocha's `afterEach`, which does not exist yet when this runs.
// Its types leave `chai` out; the module exports it.
import * as pure from '@open-wc/testing/pure';

const { chai } = pure as unknown as { chai: Chai.ChaiStatic };

const summarize = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(summarize);
  if (!(value instanceof Node)) return value;
  if (!(value instanceof Element)) return `#${value.nodeName.replace(/^#/, '')}`;
  const attributes = ['id', 'part', 'class'].flatMap((name) => {
    const v = value.getAttribute(name);
    return v ? [`${name}="${v}"`] : [];
  });
  return `<${[value.localName, ...attributes].join(' ')}>`;
};

chai.use((c: Chai.ChaiStatic) => {
  const assert = c.Assertion.prototype.assert;
  c.Assertion.prototype.assert = function (this: Chai.AssertionStatic, ...args: Parameters<typeof assert>) {
    try {
      return assert.apply(this, args);
    } catch (error) {
      if (error instanceof c.AssertionError) {
        const failure = error as Chai.AssertionError & { actual?: unknown; expected?: unknown };
        failure.actual = summarize(failure.actual);
        failure.expected = summarize(failure.expected);
      }
      throw error;
    }
  };
});
