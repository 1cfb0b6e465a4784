/**
 * Hospital status as an OASIS EDXL-HAVE 2.0 document, for regional systems.
 *
 * Element names and nesting follow the HAVE 2.0 schema as its editors published it (see
 * docs/decisions/0002 for the sources and what could not be checked against the final text):
 *
 *   HAVE / organizationInformation (CIQ xPIL: who reports)
 *        / facility / facilityInformation / facilityID, facilityName, facilityGeoLocation,
 *                                           facilityDetails, facilityKind,
 *                                           emergencyDepartmentStatus / emsTraffic / emsTrafficStatus,
 *                                                                                    emsTrafficReason
 *                                                                     / emsAmbulanceStatus / emsOffloadStatus,
 *                                                                                            emsOffloadMinutes
 *                   / serviceList / taxonomyURI, taxonomyName,
 *                                   serviceListItem / serviceTaxonomyKeyValue, serviceName,
 *                                                     serviceStatus / isAvailable,
 *                                                     serviceBedCapacity / availableCount, baselineCount,
 *                                                                          capacityNote, availability
 *                   / commentText
 *                   / facilityColourStatus / colourCodeDefault (HAVE 2.0 default colour list)
 *
 * HAVE 2.0 counts beds per service, not per HAVE 1.0 bed type; our two bed pools are two services of our own
 * taxonomy, keyed with the HAVE 1.0 bed-type names a receiver may already know. Offload has its own 2.0 element
 * (emsAmbulanceStatus: Normal/Delayed and minutes). What 2.0 has no element for (units waiting at the door now,
 * the longest of their waits, when the hospital last reported its beds) goes in the schema's free-text
 * extension points: the facility's commentText and each service's capacityNote.
 */
import { create } from 'xmlbuilder2';
import type { HospitalPressure } from '@dispatch/shared';

export const HAVE_NS = 'urn:oasis:names:tc:emergency:edxl:have:2.0';
export const EDXL_CT_NS = 'urn:oasis:names:tc:emergency:edxl:ct:1.0';
export const XNL_NS = 'urn:oasis:names:tc:emergency:edxl:ciq:1.0:xnl';
export const GML_NS = 'http://www.opengis.net/gml/3.2';
/** HAVE 2.0's default colour list: green / yellow / red, exactly our three pressure levels. */
export const HAVE_COLOUR_LIST_URI = 'urn:oasis:names:tc:emergency:EDXL:HAVE:2.0:Defaults:ColourCode';
/**
 * Who sends the document: the centre's id (in the bed-service taxonomy URI) and its name. The interop route
 * passes the loaded city's; a neutral product name before any city is loaded.
 */
export interface HaveSender {
  id: string;
  name: string;
}
export const DEFAULT_HAVE_SENDER: HaveSender = { id: '120-dispatch', name: '120 Emergency Medical Dispatch Centre' };
/** Our bed services (HAVE 2.0 lets each sender name its service taxonomy by URI). */
export const bedServiceTaxonomyUri = (sender: HaveSender): string => `urn:${sender.id}:have:bed-service`;

const TRAFFIC: Record<HospitalPressure['edStatus'], 'Normal' | 'Advisory' | 'Closed'> = { open: 'Normal', saturated: 'Advisory', diversion: 'Closed' };
const COLOUR: Record<HospitalPressure['level'], 'green' | 'yellow' | 'red'> = { ok: 'green', amber: 'yellow', red: 'red' };

export interface HaveFacility extends HospitalPressure {
  lon: number;
  lat: number;
}

export interface HaveOptions {
  /** A wait at the door this long or longer makes offload "Delayed" (the amber offload line of the thresholds). */
  offloadDelayedMinutes: number;
  /** The sending centre; DEFAULT_HAVE_SENDER when not given. */
  sender?: HaveSender;
}

type Node = ReturnType<typeof create>;

/** One HAVE document for every hospital in the picture. */
export function haveDocument(facilities: readonly HaveFacility[], opts: HaveOptions): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' })
    .ele(HAVE_NS, 'HAVE')
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:ct', EDXL_CT_NS)
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:xnl', XNL_NS)
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:gml', GML_NS);
  const sender = opts.sender ?? DEFAULT_HAVE_SENDER;
  organisationName(doc.ele(HAVE_NS, 'organizationInformation'), sender.name);
  for (const h of facilities) {
    const f = doc.ele(HAVE_NS, 'facility');
    facilityInformation(f.ele(HAVE_NS, 'facilityInformation'), h, opts);
    serviceList(f.ele(HAVE_NS, 'serviceList'), h, sender);
    if (h.heldNow > 0) f.ele(HAVE_NS, 'commentText').txt(`EMS offload: ${h.heldNow} unit(s) waiting at the ED door now, longest ${Math.round(h.longestHeldMin ?? 0)} min`);
    const colour = f.ele(HAVE_NS, 'facilityColourStatus').ele(HAVE_NS, 'colourCodeDefault');
    colour.ele(EDXL_CT_NS, 'ct:ValueListURI').txt(HAVE_COLOUR_LIST_URI);
    colour.ele(EDXL_CT_NS, 'ct:Value').txt(COLOUR[h.level]);
  }
  return doc.end({ prettyPrint: true });
}

function organisationName(parent: Node, name: string): void {
  parent.ele(XNL_NS, 'xnl:OrganisationName').ele(XNL_NS, 'xnl:NameElement').txt(name);
}

function facilityInformation(info: Node, h: HaveFacility, opts: HaveOptions): void {
  info.ele(HAVE_NS, 'facilityID').txt(h.code);
  info.ele(HAVE_NS, 'facilityName').txt(h.name);
  const point = info.ele(HAVE_NS, 'facilityGeoLocation').ele(EDXL_CT_NS, 'ct:EDXLGeoLocation').ele(GML_NS, 'gml:Point');
  point.att(GML_NS, 'gml:id', `${h.code}-location`).att('srsName', 'urn:ogc:def:crs:EPSG::4326');
  point.ele(GML_NS, 'gml:pos').txt(`${h.lat} ${h.lon}`);
  organisationName(info.ele(HAVE_NS, 'facilityDetails'), h.nameEn);
  info.ele(HAVE_NS, 'facilityKind').txt('Hospital');

  const ed = info.ele(HAVE_NS, 'emergencyDepartmentStatus');
  const traffic = ed.ele(HAVE_NS, 'emsTraffic');
  traffic.ele(HAVE_NS, 'emsTrafficStatus').txt(TRAFFIC[h.edStatus]);
  if (h.edStatus === 'diversion') traffic.ele(HAVE_NS, 'emsTrafficReason').txt(h.diversionUntil ? `diversion until ${h.diversionUntil}` : 'diversion');
  if (h.edStatus === 'saturated') traffic.ele(HAVE_NS, 'emsTrafficReason').txt('ED saturated');
  // emsOffloadMinutes is required inside emsAmbulanceStatus: today's median handover when there is one, else the
  // wait of the units at the door now; with neither there is nothing to report and the element is left out.
  const minutes = h.offloadMedianTodayMin ?? h.longestHeldMin;
  if (minutes !== null) {
    const delayed = (h.longestHeldMin ?? 0) >= opts.offloadDelayedMinutes || (h.offloadMedianTodayMin ?? 0) >= opts.offloadDelayedMinutes;
    const ambulance = ed.ele(HAVE_NS, 'emsAmbulanceStatus');
    ambulance.ele(HAVE_NS, 'emsOffloadStatus').txt(delayed ? 'Delayed' : 'Normal');
    ambulance.ele(HAVE_NS, 'emsOffloadMinutes').txt(String(Math.round(minutes)));
  }
}

function serviceList(list: Node, h: HaveFacility, sender: HaveSender): void {
  list.ele(HAVE_NS, 'taxonomyURI').txt(bedServiceTaxonomyUri(sender));
  list.ele(HAVE_NS, 'taxonomyName').txt(`${sender.name}: bed services (keys: HAVE 1.0 bed types)`);
  const reported = `beds reported by the hospital at ${h.capacityUpdatedAt}`;
  const icuNote = h.icuConvertibleClosed > 0 ? `${reported}; ${h.icuConvertibleClosed} convertible beds can be opened as ICU within 24 h` : reported;
  bedService(list, 'AdultICU', 'Adult intensive care', Math.max(0, h.icuOpen - h.icuOccupied), h.icuOpen, icuNote);
  // Open beds include the ICU; the ward beds are the rest.
  const wardOpen = Math.max(0, h.openBeds - h.icuOpen);
  const wardFree = Math.max(0, wardOpen - Math.max(0, h.occupiedBeds - h.icuOccupied));
  bedService(list, 'MedicalSurgical', 'Medical and surgical wards', wardFree, wardOpen, reported);
}

function bedService(list: Node, key: string, name: string, available: number, baseline: number, note: string): void {
  const item = list.ele(HAVE_NS, 'serviceListItem');
  item.ele(HAVE_NS, 'serviceTaxonomyKeyValue').txt(key);
  item.ele(HAVE_NS, 'serviceName').txt(name);
  item.ele(HAVE_NS, 'serviceStatus').ele(HAVE_NS, 'isAvailable').txt(String(baseline > 0));
  const beds = item.ele(HAVE_NS, 'serviceBedCapacity');
  beds.ele(HAVE_NS, 'availableCount').txt(String(available));
  beds.ele(HAVE_NS, 'baselineCount').txt(String(baseline));
  beds.ele(HAVE_NS, 'capacityNote').txt(note);
  beds.ele(HAVE_NS, 'availability').txt(baseline === 0 ? 'Inactive' : available > 0 ? 'Open' : 'Full');
}
