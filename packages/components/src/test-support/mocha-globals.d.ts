// The Mocha globals web-test-runner gives test files, typed for the few this package uses.
// @types/mocha is not a dependency; if it becomes one, delete this file.
interface MochaContext {
  timeout(ms: number): void;
}

declare function describe(title: string, suite: (this: MochaContext) => void): void;
declare function it(title: string, test: (this: MochaContext) => void | Promise<void>): void;
declare namespace it {
  /** Reports the test as pending without running it (src/test-support/engine.ts says why first). */
  function skip(title: string, test: (this: MochaContext) => void | Promise<void>): void;
}
declare function beforeEach(hook: () => void | Promise<void>): void;
declare function afterEach(hook: () => void | Promise<void>): void;
declare function after(hook: () => void | Promise<void>): void;
