import assert from 'node:assert/strict';
import test from 'node:test';
import { foldAddress, rateLimitAddressKey } from './client-address.js';

test('foldAddress: one spelling per address, null for anything that is not one', () => {
  const cases: Array<[string, string | null]> = [
    ['192.0.2.1', '192.0.2.1'],
    [' 192.0.2.1:5555 ', '192.0.2.1'],
    ['[2001:DB8::1]:443', '2001:db8::1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['unknown', null],
    ['example.org', null],
    ['', null],
  ];
  for (const [entry, expected] of cases) assert.equal(foldAddress(entry), expected, entry);
});

test('rateLimitAddressKey: IPv4 as itself, IPv6 as its /64, anything else one shared key', () => {
  const cases: Array<[string | undefined, string]> = [
    ['198.51.100.7', '198.51.100.7'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['2001:db8:7:1:a:b:c:d', '2001:db8:7:1::/64'],
    ['2001:0DB8:0007:0001:ffff::1', '2001:db8:7:1::/64'],
    ['2001:db8:7:1::', '2001:db8:7:1::/64'],
    ['2001:db8::7', '2001:db8:0:0::/64'],
    ['[2001:db8:7:2::9]:8443', '2001:db8:7:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4::/64'],
    ['unknown', 'unknown'],
    [undefined, 'unknown'],
  ];
  for (const [address, expected] of cases) assert.equal(rateLimitAddressKey(address), expected, String(address));
});
