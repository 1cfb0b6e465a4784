/**
 * Hospital status as an OASIS EDXL-HAVE 2.0 document, for regional systems.
 *
 * Names: the namespace (urn:oasis:names:tc:emergency:edxl:have:2.0, lower case, as the OASIS 2.0
 * schema documentation declares it), the root `HAVE`, `facility`, `facilityInformation` with
 * `facilityID` / `facilityName` / `facilityGeoLocation` (an EDXL-CT 1.0 `EDXLGeoLocation` holding a
 * GML 3.2 point, "lat lon") and `facilityColourStatus/colourCode` follow 2.0 artifacts. The ED and
 * bed parts keep HAVE 1.0's content model (EMSTraffic Normal/Advisory/Closed; BedCapacity with
 * BedType AdultICU / MedicalSurgical, CapacityStatus VacantAvailable, AvailableCount,
 * BaselineCount, AdditionalCapacityCount24Hr) in 2.0's lowerCamelCase. Offload at the ED door has
 * no HAVE 1.0 element; it goes in `emsOffload`. See docs/decisions for what could not be checked.
 */
import { create } from 'xmlbuilder2';
import type { HospitalPressure } from '@dispatch/shared';

export const HAVE_NS = 'urn:oasis:names:tc:emergency:edxl:have:2.0';
export const EDXL_CT_NS = 'urn:oasis:names:tc:emergency:edxl:ct:1.0';
export const GML_NS = 'http://www.opengis.net/gml/3.2';
/** Our own value list for the pressure colour (EDXL-CT value lists are named by URI). */
export const PRESSURE_LIST_URI = 'urn:cixi-120:have:pressure-colour';

const TRAFFIC: Record<HospitalPressure['edStatus'], 'Normal' | 'Advisory' | 'Closed'> = { open: 'Normal', saturated: 'Advisory', diversion: 'Closed' };
const COLOUR: Record<HospitalPressure['level'], string> = { ok: 'green', amber: 'yellow', red: 'red' };

export interface HaveFacility extends HospitalPressure {
  lon: number;
  lat: number;
}

/** One HAVE document for every hospital in the picture. */
export function haveDocument(facilities: readonly HaveFacility[]): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(HAVE_NS, 'HAVE').att('http://www.w3.org/2000/xmlns/', 'xmlns:ct', EDXL_CT_NS).att('http://www.w3.org/2000/xmlns/', 'xmlns:gml', GML_NS);
  for (const h of facilities) {
    const f = doc.ele(HAVE_NS, 'facility');
    const info = f.ele(HAVE_NS, 'facilityInformation');
    info.ele(HAVE_NS, 'facilityID').txt(h.code);
    info.ele(HAVE_NS, 'facilityName').txt(h.name);
    const point = info.ele(HAVE_NS, 'facilityGeoLocation').ele(EDXL_CT_NS, 'ct:EDXLGeoLocation').ele(GML_NS, 'gml:Point');
    point.att(GML_NS, 'gml:id', `${h.code}-location`).att('srsName', 'urn:ogc:def:crs:EPSG::4326');
    point.ele(GML_NS, 'gml:pos').txt(`${h.lat} ${h.lon}`);
    const colour = f.ele(HAVE_NS, 'facilityColourStatus').ele(HAVE_NS, 'colourCode');
    colour.ele(EDXL_CT_NS, 'ct:ValueListURI').txt(PRESSURE_LIST_URI);
    colour.ele(EDXL_CT_NS, 'ct:Value').txt(COLOUR[h.level]);

    const ed = f.ele(HAVE_NS, 'emergencyDepartmentStatus');
    const traffic = ed.ele(HAVE_NS, 'emsTraffic');
    traffic.ele(HAVE_NS, 'emsTrafficStatus').txt(TRAFFIC[h.edStatus]);
    if (h.edStatus === 'diversion') traffic.ele(HAVE_NS, 'emsTrafficReason').txt(h.diversionUntil ? `diversion until ${h.diversionUntil}` : 'diversion');
    if (h.edStatus === 'saturated') traffic.ele(HAVE_NS, 'emsTrafficReason').txt('ED saturated');
    const offload = ed.ele(HAVE_NS, 'emsOffload');
    offload.ele(HAVE_NS, 'emsOffloadUnitsWaiting').txt(String(h.heldNow));
    if (h.longestHeldMin !== null) offload.ele(HAVE_NS, 'emsOffloadLongestMinutes').txt(String(Math.round(h.longestHeldMin)));
    if (h.offloadMedianTodayMin !== null) offload.ele(HAVE_NS, 'emsOffloadMedianMinutesToday').txt(String(h.offloadMedianTodayMin));

    const beds = f.ele(HAVE_NS, 'bedCapacityStatus');
    bed(beds, 'AdultICU', Math.max(0, h.icuOpen - h.icuOccupied), h.icuOpen, h.icuConvertibleClosed);
    // Open beds include the ICU; the ward beds are the rest.
    const wardOpen = Math.max(0, h.openBeds - h.icuOpen);
    const wardFree = Math.max(0, wardOpen - Math.max(0, h.occupiedBeds - h.icuOccupied));
    bed(beds, 'MedicalSurgical', wardFree, wardOpen, null);
    f.ele(HAVE_NS, 'lastUpdateTime').txt(h.capacityUpdatedAt);
  }
  return doc.end({ prettyPrint: true });
}

function bed(parent: ReturnType<typeof create>, type: string, available: number, baseline: number, additional24h: number | null): void {
  const b = parent.ele(HAVE_NS, 'bedCapacity');
  b.ele(HAVE_NS, 'bedType').txt(type);
  const c = b.ele(HAVE_NS, 'capacity');
  c.ele(HAVE_NS, 'capacityStatus').txt('VacantAvailable');
  c.ele(HAVE_NS, 'availableCount').txt(String(available));
  c.ele(HAVE_NS, 'baselineCount').txt(String(baseline));
  if (additional24h !== null) c.ele(HAVE_NS, 'additionalCapacityCount24Hr').txt(String(additional24h));
}
