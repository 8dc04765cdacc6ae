import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ROUTES, matchRoute, routePath, type RouteName, type RouteParams } from './routes.js';

test('routePath fills in each parameter as one encoded path segment', () => {
  assert.equal(routePath('end', { id: 'm_1' }), '/meetings/m_1/end');
  assert.equal(routePath('invitation', { token: 'a/b?c#d e' }), '/invites/a%2Fb%3Fc%23d%20e');
  assert.equal(routePath('join', {}), '/join');
  // A value that would climb out of its segment stays inside it.
  assert.equal(routePath('roster', { id: '../sessions' }), '/meetings/..%2Fsessions/roster');
  assert.throws(() => routePath('end', {} as RouteParams<'end'>), /no value for :id/);
});

test('matchRoute finds each route of the table by method and path, with its parameters decoded', () => {
  for (const name of Object.keys(ROUTES) as RouteName[]) {
    const route = ROUTES[name];
    const params = Object.fromEntries([...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => [m[1] as string, `v ${m[1]}/ä`]));
    const path = routePath(name, params as RouteParams<typeof name>);
    assert.deepEqual(matchRoute(route.method, path), { kind: 'route', name, params }, `${route.method} ${route.path}`);
  }
});

test('one method and path is one route: the table has no two routes a request could both match', () => {
  const seen = new Set<string>();
  for (const route of Object.values(ROUTES)) {
    const shape = `${route.method} ${route.path.replace(/:[A-Za-z]+/g, ':')}`;
    assert.ok(!seen.has(shape), `two routes for ${shape}`);
    seen.add(shape);
    assert.match(route.path, /^(\/([a-z]+|:[A-Za-z]+))+$/, route.path);
  }
});

test('matchRoute: a path of the table with another method lists the methods it takes; anything else is none', () => {
  assert.deepEqual(matchRoute('PUT', '/meetings/m_1/consent'), { kind: 'wrong-method', allow: ['POST', 'GET', 'DELETE'] });
  assert.deepEqual(matchRoute('GET', '/join'), { kind: 'wrong-method', allow: ['POST'] });
  assert.deepEqual(matchRoute('GET', '/meetings/m_1/nothing'), { kind: 'none' });
  assert.deepEqual(matchRoute('GET', '/meetings/m_1/roster/extra'), { kind: 'none' });
  assert.deepEqual(matchRoute('GET', '/'), { kind: 'none' });
  // A segment that does not decode matches no route (never a half-decoded parameter).
  assert.deepEqual(matchRoute('GET', '/meetings/%E0%A4%A/roster'), { kind: 'none' });
});

test('who may call each route is written down, and the routes a stranger reaches are few', () => {
  const open = Object.entries(ROUTES)
    .filter(([, r]) => r.caller === 'anyone')
    .map(([name]) => name);
  assert.deepEqual(open, ['health']);
  const organizerOnly = Object.entries(ROUTES)
    .filter(([, r]) => r.caller === 'organizer')
    .map(([name]) => name)
    .sort();
  assert.deepEqual(organizerOnly, ['addParticipant', 'audit', 'bookMeeting', 'evaluations', 'vouchSession']);
});
