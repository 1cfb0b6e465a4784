import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, callBody, login, startTestServer, type Agent, type TestServer } from '../../../test/harness.ts';

describe('admin API: accounts, fleet, hospitals, audit trail', () => {
  let server: TestServer;
  let admin: Agent;
  let dispatcher: Agent;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await login(server, 'admin');
    dispatcher = await login(server, 'dispatcher');
  });
  afterAll(() => server.close());

  it('creates a nurse bound to a hospital, who logs in bound to it; no hash is ever shown', async () => {
    const unbound = await admin.post('/api/admin/users', { username: 'ed.h03', displayName: 'ED H03', password: 'long-enough-pw', role: 'nurse' });
    expect(unbound.status).toBe(400);
    expect(unbound.body.field).toBe('hospitalId');
    const ghost = await admin.post('/api/admin/users', { username: 'ed.h03', displayName: 'ED H03', password: 'long-enough-pw', role: 'nurse', hospitalId: 9999 });
    expect(ghost.status).toBe(400);
    expect(ghost.body.field).toBe('hospitalId');

    const created = await admin.post('/api/admin/users', { username: 'ed.h03', displayName: 'ED H03', password: 'long-enough-pw', role: 'nurse', hospitalId: 3 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'ed.h03', role: 'nurse', hospitalId: 3, disabled: false, activeSessions: 0 });
    expect(created.body).not.toHaveProperty('passwordHash');

    const again = await admin.post('/api/admin/users', { username: 'ed.h03', displayName: 'x', password: 'long-enough-pw', role: 'command' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'DUPLICATE', field: 'username' });

    const me = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-client': 'service' },
      body: JSON.stringify({ username: 'ed.h03', password: 'long-enough-pw' }),
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { hospitalId: number } }).user.hospitalId).toBe(3);
    const list = await admin.get('/api/admin/users');
    expect(list.body.find((u: { username: string }) => u.username === 'ed.h03').activeSessions).toBe(1);
    expect(JSON.stringify(list.body)).not.toContain('argon2');
  });

  it('changes a role (dropping the hospital binding), resets a password, and refuses to lock the admin out', async () => {
    const u = await admin.post('/api/admin/users', { username: 'temp.nurse', displayName: 'Temp', password: 'first-password', role: 'nurse', hospitalId: 2 });
    const promoted = await admin.patch(`/api/admin/users/${u.body.id}`, { role: 'command' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'command', hospitalId: null });
    const back = await admin.patch(`/api/admin/users/${u.body.id}`, { role: 'nurse' });
    expect(back.status).toBe(400);
    expect(back.body.field).toBe('hospitalId');

    const reset = await admin.patch(`/api/admin/users/${u.body.id}`, { password: 'second-password' });
    expect(reset.status).toBe(200);
    const oldPw = await anonymous(server).post('/api/auth/login', { username: 'temp.nurse', password: 'first-password' });
    expect(oldPw.status).toBe(401);
    const newPw = await anonymous(server).post('/api/auth/login', { username: 'temp.nurse', password: 'second-password' });
    expect(newPw.status).toBe(200);

    const self = (await admin.get('/api/auth/me')).body.id;
    const lockout = await admin.patch(`/api/admin/users/${self}`, { disabled: true });
    expect(lockout.status).toBe(409);
    expect(lockout.body.code).toBe('SELF_LOCKOUT');
    expect(lockout.body.current.disabled).toBe(false);
    expect((await admin.patch(`/api/admin/users/${self}`, { role: 'command' })).status).toBe(409);
    expect((await admin.patch('/api/admin/users/99999', { displayName: 'x' })).status).toBe(404);
  });

  it('manages stations, units and hospitals, and the dispatcher sees the new unit', async () => {
    const station = await admin.post('/api/admin/stations', { name: '观海卫分站', nameEn: 'Guanhaiwei substation', lon: 121.42, lat: 30.14 });
    expect(station.status).toBe(201);
    // No code in the body: the server names it after its id, as the migration named the existing stations.
    expect(station.body.code).toBe(`ST${String(station.body.id).padStart(2, '0')}`);
    const taken = await admin.post('/api/admin/stations', { code: 'ST01', name: '重复站', nameEn: 'Duplicate', lon: 121.42, lat: 30.14 });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'DUPLICATE', field: 'code' });
    const moved = await admin.patch(`/api/admin/stations/${station.body.id}`, { lat: 30.141 });
    expect(moved.body).toMatchObject({ id: station.body.id, name: '观海卫分站', lat: 30.141 });
    expect((await admin.post('/api/admin/units', { callSign: 'CX-99', kind: 'standard', stationId: 9999 })).body.field).toBe('stationId');

    const unit = await admin.post('/api/admin/units', {
      callSign: 'CX-99',
      kind: 'critical_care',
      stationId: station.body.id,
      hasTerminal: false,
      crew: { driver: '王', doctor: '李', nurse: '赵' },
    });
    expect(unit.status).toBe(201);
    expect(unit.body).toMatchObject({ callSign: 'CX-99', status: 'available', lon: 121.42, hasTerminal: false });
    const dup = await admin.post('/api/admin/units', { callSign: 'CX-99', kind: 'standard', stationId: station.body.id });
    expect(dup.status).toBe(409);
    expect(dup.body.field).toBe('callSign');
    const renamed = await admin.patch(`/api/admin/units/${unit.body.id}`, { callSign: 'CX-98', crew: { driver: '钱', doctor: '李', nurse: '赵' } });
    expect(renamed.body).toMatchObject({ callSign: 'CX-98', crew: { driver: '钱' } });
    expect((await admin.patch(`/api/admin/units/${unit.body.id}`, { callSign: 'CX-01' })).status).toBe(409);
    const fleet = await dispatcher.get('/api/units');
    expect(fleet.body.some((u: { callSign: string }) => u.callSign === 'CX-98')).toBe(true);

    const hospital = await admin.post('/api/admin/hospitals', { code: 'H99', name: '新浦镇卫生院', nameEn: 'Xinpu Health Centre', kind: 'township', lon: 121.35, lat: 30.25 });
    expect(hospital.status).toBe(201);
    expect(hospital.body).toMatchObject({ code: 'H99', openBeds: 0, edStatus: 'open' });
    expect((await admin.post('/api/admin/hospitals', { ...hospital.body, code: 'H01' })).body).toMatchObject({ code: 'DUPLICATE', field: 'code' });
    const edited = await admin.patch(`/api/admin/hospitals/${hospital.body.id}`, { nameEn: 'Xinpu Township Health Centre', kind: 'second_level' });
    expect(edited.body).toMatchObject({ nameEn: 'Xinpu Township Health Centre', kind: 'second_level', code: 'H99', stationId: null });
    // The station based at the hospital: it must exist; an edit without it leaves it; null clears it.
    const ghostStation = await admin.patch(`/api/admin/hospitals/${hospital.body.id}`, { stationId: 9999 });
    expect([ghostStation.status, ghostStation.body.field]).toEqual([400, 'stationId']);
    expect((await admin.patch(`/api/admin/hospitals/${hospital.body.id}`, { stationId: 2 })).body).toMatchObject({ stationId: 2 });
    expect((await admin.patch(`/api/admin/hospitals/${hospital.body.id}`, { nameEn: 'Xinpu Health Centre' })).body).toMatchObject({ stationId: 2 });
    expect((await admin.patch(`/api/admin/hospitals/${hospital.body.id}`, { stationId: null })).body).toMatchObject({ stationId: null });
    expect((await dispatcher.get('/api/hospitals')).body.some((h: { code: string }) => h.code === 'H99')).toBe(true);
  });

  it('refuses to change the kind of a unit that carries a patient', async () => {
    const call = await dispatcher.post('/api/calls', callBody({ clinicalClass: 'critical' }));
    const assigned = await dispatcher.post(`/api/calls/${call.body.id}/assign`, { unitId: 1, hospitalId: 1 });
    expect(assigned.status).toBe(201);
    const res = await admin.patch('/api/admin/units/1', { kind: assigned.body.unit.kind === 'standard' ? 'critical_care' : 'standard' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'UNIT_BUSY', current: { id: 1, status: 'dispatched' } });
  });

  it('reads the audit trail filtered by user, entity, id and time; every change names its user; no phone, no hash', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const call = await dispatcher.post('/api/calls', callBody({ callerPhone: '13912345678' }));
    const byDispatcher = await admin.get(`/api/admin/events?user=dispatcher&entity=call&entityId=${call.body.id}&from=${since}`);
    expect(byDispatcher.status).toBe(200);
    expect(byDispatcher.body.length).toBeGreaterThanOrEqual(2);
    for (const e of byDispatcher.body) expect(e).toMatchObject({ actor: 'dispatcher', actorRole: 'dispatcher', entity: 'call', entityId: call.body.id });
    expect(byDispatcher.body.map((e: { name: string }) => e.name)).toContain('call.created');
    expect(JSON.stringify(byDispatcher.body)).not.toContain('13912345678');
    // Newest first, and paging back by seq.
    const seqs = byDispatcher.body.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    const older = await admin.get(`/api/admin/events?entity=call&entityId=${call.body.id}&beforeSeq=${seqs[0]}`);
    expect(older.body.map((e: { seq: number }) => e.seq)).toEqual(seqs.slice(1));

    const userEvents = await admin.get('/api/admin/events?user=admin&entity=user');
    const names = userEvents.body.map((e: { name: string }) => e.name);
    expect(names).toEqual(expect.arrayContaining(['user.created', 'user.updated', 'user.passwordReset']));
    expect(JSON.stringify(userEvents.body)).not.toMatch(/argon2|passwordHash|long-enough-pw/);

    const future = await admin.get(`/api/admin/events?from=${new Date(Date.now() + 3600_000).toISOString()}`);
    expect(future.body).toEqual([]);
    expect((await admin.get('/api/admin/events?entity=patients')).status).toBe(400);
    expect((await dispatcher.get('/api/admin/events')).status).toBe(403);
  });
});
