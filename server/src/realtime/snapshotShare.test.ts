import { describe, expect, it } from 'vitest';
import { decodeSnapshot, SNAPSHOT_ENCODING, seededRandom, type Audience, type SnapshotBody } from '@dispatch/shared';
import { buildSnapshot, buildCall, buildHospital, buildUnit } from '@dispatch/shared/domain/testFactories';
import { encodeSnapshotBody, SnapshotShare } from './snapshotShare.ts';

const DISPATCH: Audience = { kind: 'dispatch' };

/** A read the test finishes by hand, recording when each began. */
function controlledReads() {
  const reads: { audience: Audience; finish: (seq: number) => void; fail: (e: Error) => void }[] = [];
  const read = (audience: Audience) =>
    new Promise<SnapshotBody>((resolve, reject) => {
      reads.push({ audience, finish: (seq) => resolve(bodyAt(seq)), fail: reject });
    });
  return { reads, read };
}

function bodyAt(seq: number): SnapshotBody {
  const { user: _u, serverTime: _t, ...body } = buildSnapshot(seq);
  return body;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('one snapshot build per view for the consoles waiting', () => {
  it('a console never gets a build that began before it asked; all who asked during a build share the next one', async () => {
    const { reads, read } = controlledReads();
    const share = new SnapshotShare(read);
    const first = share.get(DISPATCH);
    expect(reads).toHaveLength(1);
    // 100 consoles arrive while the first build is reading: they may not take it.
    const storm = Array.from({ length: 100 }, () => share.get(DISPATCH));
    expect(reads).toHaveLength(1);
    reads[0]!.finish(10);
    expect((await first).seq).toBe(10);
    await tick();
    // The next build began after every one of them asked, and serves them all.
    expect(reads).toHaveLength(2);
    reads[1]!.finish(11);
    const got = await Promise.all(storm);
    expect(new Set(got.map((s) => s.seq))).toEqual(new Set([11]));
    // One body, the same bytes for every socket.
    expect(new Set(got.map((s) => s.body)).size).toBe(1);
    await tick();
    expect(reads).toHaveLength(2);
  });

  it('views are built apart: a nurse gets her hospital view, not the dispatchers', async () => {
    const { reads, read } = controlledReads();
    const share = new SnapshotShare(read);
    const a = share.get(DISPATCH);
    const b = share.get({ kind: 'hospital', hospitalId: 3 });
    const c = share.get({ kind: 'hospital', hospitalId: 4 });
    expect(reads.map((r) => r.audience)).toEqual([DISPATCH, { kind: 'hospital', hospitalId: 3 }, { kind: 'hospital', hospitalId: 4 }]);
    reads.forEach((r, i) => r.finish(20 + i));
    expect((await Promise.all([a, b, c])).map((s) => s.seq)).toEqual([20, 21, 22]);
  });

  it('a failed build fails the consoles that waited for it; the next ones get a fresh read', async () => {
    const { reads, read } = controlledReads();
    const share = new SnapshotShare(read);
    const failing = share.get(DISPATCH);
    reads[0]!.fail(new Error('database unreachable'));
    await expect(failing).rejects.toThrow('database unreachable');
    await tick();
    const later = share.get(DISPATCH);
    expect(reads).toHaveLength(2);
    reads[1]!.finish(30);
    expect((await later).seq).toBe(30);
  });
});

/** A random state of valid values: any text (CJK, quotes, emoji), nulls, extreme coordinates and counts. */
function randomBody(seed: number): SnapshotBody {
  const rand = seededRandom(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const text = () => Array.from({ length: Math.floor(rand() * 12) }, () => pick(['a', '慈', '溪', '"', '\\', '\n', '😷', ' ', '0', '<', '\u2028'])).join('');
  const num = () => pick([0, 1, -1, 2 ** 31 - 1, -(2 ** 31), Number.MAX_SAFE_INTEGER, 1e-7, 121.123456789012, rand() * 1e6 - 5e5]);
  const when = () => new Date(Date.UTC(2022, 11, 1) + Math.floor(rand() * 1e10)).toISOString();
  const units = Array.from({ length: Math.floor(rand() * 60) }, (_, i) =>
    buildUnit({ id: i + 1, callSign: text(), lon: -180 + rand() * 360, lat: -90 + rand() * 180, heading: num(), speedKmh: num(), fixAt: rand() < 0.2 ? null : when(), callId: rand() < 0.5 ? null : i, crew: { driver: text(), doctor: text(), nurse: text() } }),
  );
  const calls = Array.from({ length: Math.floor(rand() * 30) }, (_, i) => buildCall({ id: i + 1, complaint: text(), address: text(), notes: text(), receivedAt: when() }));
  const hospitals = Array.from({ length: Math.floor(rand() * 10) }, (_, i) => buildHospital({ id: i + 1, name: text() }));
  return { ...bodyAt(Math.floor(rand() * 1e9)), units, calls, hospitals, degraded: rand() < 0.5, demo: rand() < 0.5 ? null : { surge: rand() < 0.5 } };
}

describe('snapshot encoding', () => {
  it('decode(encode(state)) is the state, for 300 random states', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const body = randomBody(seed);
      const user = { id: seed, username: 'u', displayName: '调度员', role: 'dispatcher' as const, hospitalId: null };
      const serverTime = new Date(seed * 1000).toISOString();
      const wire = { protocol: body.protocol, seq: body.seq, serverTime, user, encoding: SNAPSHOT_ENCODING, body: await encodeSnapshotBody(body) } as const;
      expect(decodeSnapshot(wire), `seed ${seed}`).toEqual({ ...body, user, serverTime });
    }
  });

  it('5,000 units fit in well under 300 KB', async () => {
    const rand = seededRandom(5);
    const units = Array.from({ length: 5000 }, (_, i) => buildUnit({ id: i + 1, callSign: `CX-${i}`, lon: 121.2 + rand() * 0.2, lat: 30.1 + rand() * 0.1, heading: Math.floor(rand() * 360), speedKmh: Math.floor(rand() * 90), fixAt: new Date(Date.now() - rand() * 5000).toISOString() }));
    const bytes = (await encodeSnapshotBody({ ...bodyAt(1), units })).byteLength;
    expect(bytes).toBeLessThan(300 * 1024);
  });
});
