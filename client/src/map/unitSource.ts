/**
 * Keeps the map's `units` source in step with the fleet by sending only what changed
 * (`GeoJSONSource.updateData`), so a glide frame with thousands of units does not re-send them all.
 */
import type { GeoJSONFeatureDiff, GeoJSONSource } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';

type Props = Record<string, string | number | boolean>;

interface Drawn {
  lon: number;
  lat: number;
  props: Props;
}

// Past this share of changed features a full setData is cheaper than a diff.
const FULL_REDRAW_SHARE = 0.6;

export class UnitSource {
  private drawn = new Map<number, Drawn>();
  private primed = false;

  constructor(private readonly source: () => GeoJSONSource | undefined) {}

  /** Draw this collection; features must carry numeric ids. */
  render(collection: FeatureCollection<Point, Props>): void {
    const src = this.source();
    if (!src) return;
    const next = new Map<number, Drawn>();
    for (const f of collection.features) {
      const [lon = 0, lat = 0] = f.geometry.coordinates;
      next.set(Number(f.id), { lon, lat, props: f.properties });
    }
    if (!this.primed) return this.full(src, collection, next);

    const add: Feature[] = [];
    const update: GeoJSONFeatureDiff[] = [];
    const remove: number[] = [];
    for (const [id, d] of next) {
      const before = this.drawn.get(id);
      if (!before) {
        add.push(feature(id, d));
        continue;
      }
      const diff: GeoJSONFeatureDiff = { id };
      if (before.lon !== d.lon || before.lat !== d.lat) diff.newGeometry = { type: 'Point', coordinates: [d.lon, d.lat] };
      const changed = Object.keys(d.props).filter((k) => before.props[k] !== d.props[k]);
      if (changed.length > 0) diff.addOrUpdateProperties = changed.map((key) => ({ key, value: d.props[key] }));
      if (diff.newGeometry || diff.addOrUpdateProperties) update.push(diff);
    }
    for (const id of this.drawn.keys()) if (!next.has(id)) remove.push(id);

    const changes = add.length + update.length + remove.length;
    if (changes === 0) return;
    if (changes > next.size * FULL_REDRAW_SHARE) return this.full(src, collection, next);
    this.drawn = next;
    void src.updateData({ add, update, remove });
  }

  private full(src: GeoJSONSource, collection: FeatureCollection<Point, Props>, next: Map<number, Drawn>): void {
    src.setData(collection);
    this.drawn = next;
    this.primed = true;
  }
}

const feature = (id: number, d: Drawn): Feature<Point, Props> => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [d.lon, d.lat] },
  properties: d.props,
});
