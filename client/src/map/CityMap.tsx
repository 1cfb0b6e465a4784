/**
 * The city map every console shares: offline base map, units gliding between AVL fixes, open calls
 * coloured by acuity with their age, hospitals with an ICU/bed gauge, diversion and offload queue.
 * Live layers are GeoJSON sources updated in batches, never one DOM marker per unit.
 */
import { useEffect, useRef } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@dispatch/shared';
import { liveStore } from '../live/store.ts';
import { addMapIcons } from './icons.ts';
import { callFeatures, hospitalFeatures, unitFeatures } from './features.ts';
import { addLiveLayers } from './layers.ts';
import { Glide } from './glide.ts';
import { UnitSource } from './unitSource.ts';
import { MapLegend } from './MapLegend.tsx';

maplibregl.setWorkerUrl(workerUrl);

export interface CityMapProps {
  dark?: boolean;
  /** A click on empty map (intake: the call's location). */
  onMapClick?: (p: { lon: number; lat: number }) => void;
  onSelectCall?: (id: number) => void;
  onSelectUnit?: (id: number) => void;
  onSelectHospital?: (id: number) => void;
  selectedCallId?: number | null;
  /** Ring the unit being looked at (unit panel). */
  selectedUnitId?: number | null;
  /** Ease the map to this point when it changes (a selected call, a typed location). */
  focus?: { lon: number; lat: number } | null;
  /** Draw live symbols this many times larger (wall display). */
  symbolScale?: number;
  /** Show the symbol legend in a corner: open, or folded to its title ('folded'). */
  legend?: boolean | 'folded';
  /** A pin for a location being entered (intake form). */
  pin?: { lon: number; lat: number } | null;
  className?: string;
  /** Exposed for tests and benchmarks. */
  onReady?: (map: MapLibreMap) => void;
}

let configuredStyle: Promise<string | null> | null = null;
/** MAP_STYLE_URL from the server, or the bundled offline style. */
function styleUrl(dark: boolean): Promise<string> {
  configuredStyle ??= fetch('/api/config')
    .then((r) => r.json() as Promise<{ mapStyleUrl: string | null }>)
    .then((c) => c.mapStyleUrl)
    .catch(() => null);
  return configuredStyle.then((url) => url ?? (dark ? '/basemap/style-dark.json' : '/basemap/style.json'));
}

const CIXI_BOUNDS: [[number, number], [number, number]] = [
  [121.04, 30.03],
  [121.64, 30.51],
];

export function CityMap(props: CityMapProps) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const redrawRef = useRef<(() => void) | null>(null);

  // Selection and the intake pin show at once, not at the next live change.
  useEffect(() => {
    redrawRef.current?.();
  }, [props.pin?.lon, props.pin?.lat, props.selectedCallId, props.selectedUnitId]);

  useEffect(() => {
    const f = props.focus;
    const map = mapRef.current;
    if (!f || !map) return;
    map.easeTo({ center: [f.lon, f.lat], zoom: Math.max(map.getZoom(), 10.6), duration: 600 });
  }, [props.focus?.lon, props.focus?.lat]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let disposed = false;
    let map: MapLibreMap | null = null;
    const glide = new Glide();
    const cleanups: (() => void)[] = [];

    void styleUrl(Boolean(props.dark)).then((style) => {
      if (disposed) return;
      map = new maplibregl.Map({
        container: el,
        style,
        bounds: CIXI_BOUNDS,
        fitBoundsOptions: { padding: 20 },
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        maxZoom: 17,
        minZoom: 7,
      });
      mapRef.current = map;
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      map.on('load', () => {
        if (!map || disposed) return;
        addMapIcons(map);
        addLiveLayers(map, { dark: Boolean(propsRef.current.dark), english: i18n.language === 'en', scale: propsRef.current.symbolScale });
        const m = map;
        const source = (id: string) => m.getSource(id) as GeoJSONSource | undefined;
        const unitPosition = (u: Unit) => glide.position(u, performance.now());

        const units = new UnitSource(() => source('units'));
        const renderUnits = () => units.render(unitFeatures(liveStore.state.units.values(), unitPosition, propsRef.current.selectedUnitId ?? null));
        const renderRest = () => {
          const nowMs = liveStore.now();
          const overdue = liveStore.state.thresholds.queueWaitMinutes;
          source('calls')?.setData(callFeatures(liveStore.state.calls.values(), nowMs, propsRef.current.selectedCallId ?? null, overdue));
          source('hospitals')?.setData(hospitalFeatures(liveStore.state, new Date(nowMs)));
          const pin = propsRef.current.pin;
          source('pin')?.setData({ type: 'FeatureCollection', features: pin ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: [pin.lon, pin.lat] }, properties: {} }] : [] });
        };
        renderUnits();
        renderRest();
        redrawRef.current = () => {
          renderRest();
          renderUnits();
        };
        cleanups.push(() => (redrawRef.current = null));

        // Entity changes: redraw calls and hospitals at most a few times a second.
        let lastVersion = -1;
        let restTimer: ReturnType<typeof setTimeout> | null = null;
        cleanups.push(
          liveStore.subscribe(() => {
            if (liveStore.version === lastVersion || restTimer) return;
            restTimer = setTimeout(() => {
              restTimer = null;
              lastVersion = liveStore.version;
              renderRest();
              renderUnits();
            }, 150);
          }),
        );
        // Call ages count up even when nothing changes.
        const ageTimer = setInterval(renderRest, 15_000);
        cleanups.push(() => clearInterval(ageTimer));

        // Positions: start a glide from where each unit is drawn now to its new fix.
        cleanups.push(
          liveStore.onPositions((frame) => {
            glide.retarget(frame, liveStore.state.units, performance.now());
          }),
        );
        let raf = 0;
        let lastDraw = 0;
        const tick = (ts: number) => {
          raf = requestAnimationFrame(tick);
          // ~20 redraws a second while anything glides: smooth, and cheap with thousands of units.
          if (glide.active(ts) && ts - lastDraw >= 50) {
            lastDraw = ts;
            renderUnits();
          }
        };
        raf = requestAnimationFrame(tick);
        cleanups.push(() => cancelAnimationFrame(raf));

        const click = (layer: string, handler: (id: number) => void) => {
          m.on('click', layer, (e: MapLayerMouseEvent) => {
            const id = Number(e.features?.[0]?.properties?.id);
            if (Number.isFinite(id)) handler(id);
          });
          m.on('mouseenter', layer, () => (m.getCanvas().style.cursor = 'pointer'));
          m.on('mouseleave', layer, () => (m.getCanvas().style.cursor = ''));
        };
        click('calls-circle', (id) => propsRef.current.onSelectCall?.(id));
        click('units-symbol', (id) => propsRef.current.onSelectUnit?.(id));
        click('hospitals-symbol', (id) => propsRef.current.onSelectHospital?.(id));
        m.on('click', (e) => {
          const hits = m.queryRenderedFeatures(e.point, { layers: ['calls-circle', 'units-symbol', 'hospitals-symbol'] });
          if (hits.length === 0) propsRef.current.onMapClick?.({ lon: e.lngLat.lng, lat: e.lngLat.lat });
        });
        // Tests and benchmarks read what is drawn from the element, without a global.
        (el as HTMLDivElement & { maplibre?: MapLibreMap }).maplibre = m;
        propsRef.current.onReady?.(m);
      });
    });

    return () => {
      disposed = true;
      for (const c of cleanups) c();
      map?.remove();
      mapRef.current = null;
    };
    // The map is built once per theme; everything else is read through refs.
  }, [props.dark, i18n.language]);

  return (
    <div className={`city-map-wrap ${props.className ?? ''}`}>
      <div ref={container} className="city-map" role="region" aria-label={t('map.label')} data-testid="city-map" />
      {props.legend && <MapLegend initiallyOpen={props.legend !== 'folded'} />}
    </div>
  );
}
