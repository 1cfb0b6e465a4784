/** A console on another protocol version is told to reload and disconnected; one on this version is served. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@dispatch/shared';
import { connectConsole, login, startTestServer, waitFor, type Agent, type TestServer } from '../../test/harness.ts';

describe('protocol version at the handshake', () => {
  let server: TestServer;
  let dispatcher: Agent;
  beforeAll(async () => {
    server = await startTestServer({ env: { LIVE_HEARTBEAT_MS: '0' } });
    dispatcher = await login(server, 'dispatcher');
  });
  afterAll(() => server.close());

  for (const [title, protocol] of [
    ['an older version', PROTOCOL_VERSION - 1],
    ['a newer version', PROTOCOL_VERSION + 1],
    ['no version at all (a build from before the check)', null],
  ] as const) {
    it(`a console that sends ${title} hears 'reload' and is disconnected, without a snapshot`, async () => {
      const c = connectConsole(server, dispatcher, { protocol });
      const reloads: { protocol: number; reason: string }[] = [];
      const disconnects: string[] = [];
      c.socket.on('reload', (info) => reloads.push(info));
      c.socket.on('disconnect', (reason) => disconnects.push(reason));
      await waitFor(() => disconnects.length > 0, 5000, 'the disconnect');
      expect(reloads).toEqual([{ protocol: PROTOCOL_VERSION, reason: expect.any(String) }]);
      expect(disconnects).toEqual(['io server disconnect']);
      expect(c.snapshots).toEqual([]);
      expect(c.replays).toEqual([]);
      c.close();
    });
  }

  it('a console that sends the current version gets its snapshot, stamped with that version', async () => {
    const c = connectConsole(server, dispatcher);
    let reloaded = false;
    c.socket.on('reload', () => (reloaded = true));
    await c.ready;
    expect(c.snapshots[0]?.protocol).toBe(PROTOCOL_VERSION);
    expect(c.socket.connected).toBe(true);
    expect(reloaded).toBe(false);
    c.close();
  });
});
