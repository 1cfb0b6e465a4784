/** The state a console starts from, stamped with the event-log sequence it reflects. */
import { sql } from 'drizzle-orm';
import { PROTOCOL_VERSION, presentLineStateFor, seesCall, seesTransport, type CityProfile, type Snapshot, type SnapshotBody, type Thresholds } from '@dispatch/shared';
import type { Db } from '../db/client.ts';
import { toCall, toHospital, toStation, toTransport, toUnit, toAlert } from '../presenters/entities.ts';
import { presentCall, type Audience } from '../presenters/audience.ts';
import { skipping } from '../presenters/skipping.ts';
import { createCallRepo } from '../repositories/calls.ts';
import { createHospitalRepo } from '../repositories/hospitals.ts';
import { createTransportRepo } from '../repositories/transports.ts';
import { createUnitRepo, rowsOf } from '../repositories/units.ts';
import { listLiveAlerts } from '../repositories/alerts.ts';
import { createTelephonyRepo, toSeat } from '../repositories/telephony.ts';
import { readThresholds } from '../repositories/settings.ts';

/** How long a closed call or finished transport stays on screens. */
export const RECENT_MS = 60 * 60 * 1000;

/** What every console of the audience's view starts from; the user and the server's clock are added per socket. */
export async function buildSnapshotBody(
  db: Db,
  audience: Audience,
  now: Date,
  extras: { degraded: boolean; demo: Snapshot['demo']; city: CityProfile },
): Promise<SnapshotBody> {
  // Read everything in one repeatable-read transaction so the seq matches the rows exactly.
  return db.transaction(
    async (tx) => {
      const seqRows = rowsOf<{ seq: string | number | null }>(await tx.execute(sql`select max(seq) as seq from events`));
      const seq = Number(seqRows[0]?.seq ?? 0);
      const since = new Date(now.getTime() - RECENT_MS);
      const hospitals = (await createHospitalRepo(tx).list()).flatMap(skipping('hospital', toHospital));
      const stations = (await createHospitalRepo(tx).listStations()).flatMap(skipping('station', toStation));
      const thresholds: Thresholds = await readThresholds(tx);
      if (audience.kind === 'hospital') {
        // The visibility policy decides, from the rows as they are, exactly as it decides pushes.
        const liveCalls = await createCallRepo(tx).listLive(since);
        const ofCalls = await createTransportRepo(tx).forCalls(liveCalls.map((c) => c.id));
        const byCall = groupBy(ofCalls.flatMap(skipping('transport', toTransport)), (t) => t.callId);
        const related = liveCalls.filter((c) => seesCall(audience, c, byCall.get(c.id) ?? []));
        const callById = new Map(liveCalls.map((c) => [c.id, c]));
        const transports = [...byCall.values()]
          .flat()
          .filter((t) => (!t.closedAt || t.closedAt >= since.toISOString()) && seesTransport(audience, t, callById.get(t.callId)));
        const units = (await createUnitRepo(tx).listByIds([...new Set(transports.map((t) => t.unitId))])).flatMap(skipping('unit', toUnit));
        return {
          protocol: PROTOCOL_VERSION,
          seq,
          calls: related.flatMap(skipping('call', (c) => presentCall(audience, toCall(c)))),
          units,
          transports,
          hospitals,
          stations,
          alerts: [],
          lines: [],
          seats: [],
          thresholds,
          city: extras.city,
          degraded: extras.degraded,
          demo: extras.demo,
        };
      }
      const telephony = createTelephonyRepo(tx);
      const calls = (await createCallRepo(tx).listLive(since)).flatMap(skipping('call', (c) => presentCall(audience, toCall(c))));
      return {
        protocol: PROTOCOL_VERSION,
        seq,
        calls,
        units: (await createUnitRepo(tx).list()).flatMap(skipping('unit', toUnit)),
        transports: (await createTransportRepo(tx).listLive(since)).flatMap(skipping('transport', toTransport)),
        hospitals,
        stations,
        alerts: (await listLiveAlerts(tx, since)).flatMap(skipping('alert', toAlert)),
        lines: (await telephony.listLines()).map((l) => presentLineStateFor(audience, l)),
        seats: (await telephony.listSeats()).map(toSeat),
        thresholds,
        city: extras.city,
        degraded: extras.degraded,
        demo: extras.demo,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
