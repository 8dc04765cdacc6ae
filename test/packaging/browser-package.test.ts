// What a host installs for the elements: `@care-meet/components` packed as it would be published,
// with everything it depends on, must hold no native build and nothing of the server (issue 17).
// The tarballs are packed here and read without installing (the tests reach only 127.0.0.1): each
// dependency's package.json is read from the workspace's own install, which is what npm would fetch.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PACKAGES = join(ROOT, 'packages');

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  gypfile?: boolean;
}

/** The lifecycle scripts npm runs on install: a package with one of them builds or downloads something. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

let work: string;

/** Packs a workspace package as published (`workspace:*` turned into versions) and answers its unpacked folder. */
function packAndUnpack(name: string): string {
  const dir = join(PACKAGES, name);
  const out = join(work, name);
  execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: dir, stdio: 'pipe' });
  const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, `pnpm pack made no tarball for ${name}`);
  execFileSync('tar', ['-xzf', join(out, tarball), '-C', out]);
  return join(out, 'package');
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/**
 * Every package the one in `dir` pulls in when installed, by name, with where its package.json was
 * read: `@care-meet/*` from the packed tarballs, the rest from the workspace's install, resolved the
 * way Node does from the package that depends on it. Peer dependencies count (npm installs them).
 */
function closure(dir: string, packed: Map<string, string>, resolvedFrom: string): Map<string, { dir: string; manifest: Manifest }> {
  const seen = new Map<string, { dir: string; manifest: Manifest }>();
  const visit = (pkgDir: string, from: string): void => {
    const manifest = readManifest(pkgDir);
    if (seen.has(manifest.name)) return;
    seen.set(manifest.name, { dir: pkgDir, manifest });
    const deps = { ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies };
    for (const dep of Object.keys(deps)) {
      if (seen.has(dep)) continue;
      const local = packed.get(dep);
      if (local) {
        visit(local, join(PACKAGES, dep.replace('@care-meet/', '')));
        continue;
      }
      const found = findInstalled(dep, from);
      assert.ok(found, `${manifest.name} depends on ${dep}, which the workspace has not installed`);
      visit(found, found);
    }
  };
  visit(dir, resolvedFrom);
  return seen;
}

/** Where Node would find `name` from `from`: the nearest node_modules/<name> up the tree. */
function findInstalled(name: string, from: string): string | null {
  for (let d = from; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(d) === d) return null;
  }
}

/** Every file under `dir` whose name ends in one of `endings`. */
function filesUnder(dir: string, endings: string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...filesUnder(path, endings));
    else if (endings.some((e) => entry.endsWith(e))) found.push(path);
  }
  return found;
}

describe('the elements as a host installs them (packed @care-meet/components)', () => {
  let components: string;
  let protocol: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'care-meet-pack-'));
    components = packAndUnpack('components');
    protocol = packAndUnpack('protocol');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('depend on the protocol, never on the server SDK; the protocol only on Valibot (its body schemas)', () => {
    const deps = readManifest(components).dependencies ?? {};
    assert.equal(deps['@care-meet/protocol'], readManifest(protocol).version, 'workspace:* packed as the version');
    assert.equal(deps['@care-meet/server-sdk'], undefined);
    // Valibot: plain JavaScript, with no dependencies of its own (the next test walks the whole closure).
    assert.deepEqual(Object.keys(readManifest(protocol).dependencies ?? {}), ['valibot']);
  });

  test('pull in no native build, no install script and nothing of the server', () => {
    const packed = new Map([
      ['@care-meet/components', components],
      ['@care-meet/protocol', protocol],
    ]);
    const all = closure(components, packed, join(PACKAGES, 'components'));
    // What it pulls in, so a failure names the way a server package came in.
    assert.ok(all.has('lit') && all.has('livekit-client') && all.has('@care-meet/protocol'), [...all.keys()].join(', '));
    for (const server of ['@care-meet/server-sdk', 'better-sqlite3', 'livekit-server-sdk', 'openid-client', 'pg', 'nodemailer']) {
      assert.ok(!all.has(server), `${server} is pulled in by the elements`);
    }
    for (const [name, { dir, manifest }] of all) {
      const scripts = INSTALL_SCRIPTS.filter((s) => manifest.scripts?.[s]);
      assert.deepEqual(scripts, [], `${name} runs ${scripts.join(', ')} on install`);
      assert.ok(!manifest.gypfile && !existsSync(join(dir, 'binding.gyp')), `${name} has a native build (binding.gyp)`);
    }
  });

  test('the protocol as packed is browser-safe: no node: import and no Node global in its code', () => {
    const files = filesUnder(join(protocol, 'dist'), ['.js']);
    assert.ok(files.length >= 10, `only ${files.length} files packed`);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      assert.doesNotMatch(code, /from ['"]node:|require\(|\bprocess\.|\bBuffer\b/, file);
      assert.doesNotMatch(file, /\.test\./, 'a test file was packed');
    }
  });
});
