/**
 * The city map every console shares: offline base map, units gliding between AVL fixes, open calls
 * coloured by acuity with their age, hospitals with an ICU/bed gauge, diversion and offload queue.
 * Calls and hospitals are GeoJSON layers updated in batches; the fleet is drawn on a canvas over the
 * map with every live label (LiveOverlay), so units can glide without repainting the WebGL map and no
 * label covers another. Never one DOM marker per unit.
 */
import { useEffect, useRef } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@dispatch/shared';
import { liveStore } from '../live/store.ts';
import { addMapIcons } from './icons.ts';
import { callFeatures, callScene, circlePolygon, hospitalFeatures } from './features.ts';
import { addLiveLayers, LABEL_FONT } from './layers.ts';
import { Glide } from './glide.ts';
import { RepaintBudget } from './repaintBudget.ts';
import { LiveOverlay, type CallMark, type DrawnScene, type HospitalMark, type TownMark } from './liveOverlay.ts';
import type { CallCluster, CallClusters } from './clusters.ts';
import { MapLegend } from './MapLegend.tsx';
import { useLiveEntities } from '../live/useLive.ts';

maplibregl.setWorkerUrl(workerUrl);

export interface CityMapProps {
  dark?: boolean;
  /** A click on empty map (intake: the call's location); with `placing`, a click anywhere. */
  onMapClick?: (p: { lon: number; lat: number }) => void;
  /**
   * A location is being entered: a plain click is onMapClick at that point even on a call, unit or
   * hospital (a caller at the hospital gate is there); Alt- or Shift-click still inspects the symbol.
   */
  placing?: boolean;
  onSelectCall?: (id: number) => void;
  onSelectUnit?: (id: number) => void;
  onSelectHospital?: (id: number) => void;
  selectedCallId?: number | null;
  /** Ring the unit being looked at (unit panel). */
  selectedUnitId?: number | null;
  /** Ease the map to this point when it changes (a selected call, a typed location), at least to `zoom` if given. */
  focus?: { lon: number; lat: number; zoom?: number } | null;
  /** Draw live symbols this many times larger (wall display). */
  symbolScale?: number;
  /** Show the symbol legend in a corner: open, or folded to its title ('folded'); 'none' to leave it to the page. */
  legend?: boolean | 'folded';
  /** Draw the base map's labels this many times larger (wall display). */
  labelScale?: number;
  /** Zoom buttons, panning and keyboard focus; off on a display nobody touches (wall). */
  controls?: boolean;
  /** A pin for a location being entered (intake form). */
  pin?: { lon: number; lat: number } | null;
  /** The caller's network location and its accuracy radius in metres (an answered line), drawn as a circle. */
  accuracy?: { lon: number; lat: number; radiusM: number } | null;
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

/** Most of the main thread a unit glide step may take: the glide slows down rather than the page. */
const OVERLAY_SHARE = 0.25;
const GLIDE_STEP_MIN_MS = 40;

/** The base map's own layers, served by /api/city/map/<name>.geojson from the loaded city bundle. */
const BASE_LAYERS = ['districts', 'water', 'roads', 'places'] as const;

/** The loaded city's bounds as MapLibre wants them; null before a city is loaded. */
function cityBounds(): [[number, number], [number, number]] | null {
  const b = liveStore.state.city.bbox;
  return b ? [[b[0], b[1]], [b[2], b[3]]] : null;
}

export function CityMap(props: CityMapProps) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const redrawRef = useRef<(() => void) | null>(null);
  // Said only once the server has answered: before the first snapshot every console is "no city".
  const noCity = useLiveEntities((s) => s.connection.status === 'live' && s.state.city.id === '');

  // Selection and the intake pin show at once, not at the next live change.
  useEffect(() => {
    redrawRef.current?.();
  }, [props.pin?.lon, props.pin?.lat, props.accuracy?.lon, props.accuracy?.lat, props.accuracy?.radiusM, props.selectedCallId, props.selectedUnitId]);

  useEffect(() => {
    const f = props.focus;
    const map = mapRef.current;
    if (!f || !map) return;
    map.easeTo({ center: [f.lon, f.lat], zoom: f.zoom ?? Math.max(map.getZoom(), 10.6), duration: 600 });
  }, [props.focus?.lon, props.focus?.lat, props.focus?.zoom]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let disposed = false;
    let map: MapLibreMap | null = null;
    const glide = new Glide();
    const cleanups: (() => void)[] = [];

    void styleUrl(Boolean(props.dark)).then((style) => {
      if (disposed) return;
      const bounds = cityBounds();
      map = new maplibregl.Map({
        container: el,
        style,
        ...(bounds ? { bounds, fitBoundsOptions: { padding: 20 } } : { center: [0, 0], zoom: 7 }),
        attributionControl: false,
        dragRotate: false,
        interactive: propsRef.current.controls !== false,
        pitchWithRotate: false,
        maxZoom: 17,
        minZoom: 7,
        // Labels appear at once: a fade keeps the map repainting for 300 ms after every live update.
        fadeDuration: 0,
        // The map's own controls speak the screen's language (their titles are read aloud and shown on hover).
        locale: {
          'NavigationControl.ZoomIn': t('map.zoomIn'),
          'NavigationControl.ZoomOut': t('map.zoomOut'),
          'NavigationControl.ResetBearing': t('map.resetBearing'),
          'Map.Title': t('map.label'),
        },
      });
      mapRef.current = map;
      if (propsRef.current.controls !== false) map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      map.on('load', () => {
        if (!map || disposed) return;
        addMapIcons(map);
        localiseBaseLabels(map, i18n.language === 'en', propsRef.current.labelScale ?? 1);
        addLiveLayers(map, { dark: Boolean(propsRef.current.dark), scale: propsRef.current.symbolScale });
        const english = i18n.language === 'en';
        const m = map;
        const source = (id: string) => m.getSource<GeoJSONSource>(id);
        const unitPosition = (u: Unit) => glide.position(u, performance.now());

        const scale = propsRef.current.symbolScale ?? 1;
        const overlay = new LiveOverlay(m, { dark: Boolean(propsRef.current.dark), scale, font: LABEL_FONT });
        cleanups.push(() => overlay.remove());
        // What the overlay labels besides the fleet: set by renderRest and the city's place names.
        let calls: { singles: CallMark[]; clusters: CallCluster[]; clustered: CallClusters | null } = { singles: [], clusters: [], clustered: null };
        let hospitals: HospitalMark[] = [];
        let towns: TownMark[] = [];
        let unitsVersion = 0;
        let unitsDrawnAt = -Infinity;
        let overlayMs = 0;
        const renderUnits = () => {
          const t0 = performance.now();
          unitsDrawnAt = t0;
          overlay.draw({
            units: liveStore.state.units.values(),
            unitCount: liveStore.state.units.size,
            unitsVersion,
            position: unitPosition,
            selectedUnitId: propsRef.current.selectedUnitId ?? null,
            selectedCallId: propsRef.current.selectedCallId ?? null,
            calls,
            hospitals,
            towns,
          });
          overlayMs += 0.25 * (performance.now() - t0 - overlayMs);
        };
        // The camera moved (pan, zoom, resize): redraw the fleet in the same frame as the map.
        let cameraMoved = false;
        m.on('move', () => (cameraMoved = true));
        m.on('resize', () => {
          overlay.resize();
          cameraMoved = true;
        });
        const renderRest = () => {
          const nowMs = liveStore.now();
          const overdue = liveStore.state.thresholds.queueWaitMinutes;
          const scene = callScene(callFeatures(liveStore.state.calls.values(), nowMs, propsRef.current.selectedCallId ?? null, overdue), m.getZoom(), scale);
          void source('calls')?.setData(scene.features);
          calls = scene;
          const hospitalData = hospitalFeatures(liveStore.state, new Date(nowMs));
          void source('hospitals')?.setData(hospitalData);
          hospitals = hospitalData.features.map((f) => {
            const [lon, lat] = f.geometry.coordinates as [number, number];
            const p = f.properties;
            return { id: Number(p.id), lon, lat, name: String(english ? p.nameEn : p.name), gauge: String(p.gauge), major: p.major === true, diversion: p.diversion === true };
          });
          const pin = propsRef.current.pin;
          void source('pin')?.setData({ type: 'FeatureCollection', features: pin ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: [pin.lon, pin.lat] }, properties: {} }] : [] });
          const acc = propsRef.current.accuracy;
          void source('accuracy')?.setData({ type: 'FeatureCollection', features: acc ? [circlePolygon(acc, acc.radiusM)] : [] });
        };
        renderRest();
        renderUnits();
        redrawRef.current = () => {
          renderRest();
          renderUnits();
        };
        cleanups.push(() => (redrawRef.current = null));

        // Live changes are drawn by the frame loop below: entity changes (calls, hospitals, unit
        // statuses) ...
        let restDue = false;
        let unitsDue = false;
        cleanups.push(
          liveStore.subscribeEntities(() => {
            restDue = true;
            unitsDue = true;
            unitsVersion++;
          }),
        );
        // Bubbles are per zoom step: a new step re-groups the calls.
        m.on('zoomend', () => (restDue = true));
        // The city: the base map's layers are the loaded city's (new data on an import), framed by its bounds.
        let mapKey = '';
        const followCity = () => {
          const city = liveStore.state.city;
          if (city.mapKey === mapKey) return;
          const first = mapKey === '';
          mapKey = city.mapKey;
          for (const layer of BASE_LAYERS) void source(layer)?.setData(`/api/city/map/${layer}.geojson?v=${encodeURIComponent(city.mapKey)}`);
          // Town names are labelled by the overlay (the same file the places layer draws, from the cache).
          void fetch(`/api/city/map/places.geojson?v=${encodeURIComponent(city.mapKey)}`)
            .then((r) => (r.ok ? (r.json() as Promise<GeoJSON.FeatureCollection>) : null))
            .then((fc) => {
              if (disposed || !fc) return;
              towns = townMarks(fc, english);
              unitsDue = true;
            })
            .catch(() => undefined);
          const b = cityBounds();
          if (b) m.fitBounds(b, { padding: 20, duration: first ? 0 : 600 });
        };
        followCity();
        cleanups.push(liveStore.subscribeEntities(followCity));
        // ... call ages, which count up even when nothing changes ...
        const ageTimer = setInterval(() => (restDue = true), 15_000);
        cleanups.push(() => clearInterval(ageTimer));
        // ... and positions: a glide from where each unit is drawn now to its new fix.
        cleanups.push(
          liveStore.onPositions((frame) => {
            glide.retarget(frame, liveStore.state.units, performance.now());
          }),
        );
        // Calls and hospitals repaint the WebGL map: no more often than the repaint budget allows.
        // The fleet overlay is cheap, but its glide steps are spaced to stay a small share too.
        const budget = new RepaintBudget();
        const onRender = () => {
          budget.rendered(performance.now());
          if (cameraMoved) {
            cameraMoved = false;
            renderUnits();
          }
        };
        m.on('render', onRender);
        cleanups.push(() => m.off('render', onRender));
        let raf = 0;
        let restDrawnAt = -Infinity;
        const tick = (ts: number) => {
          raf = requestAnimationFrame(tick);
          budget.frame(ts);
          const now = performance.now();
          if (restDue && now - restDrawnAt >= budget.intervalMs()) {
            restDue = false;
            restDrawnAt = now;
            renderRest();
            // The labels follow the calls and hospitals.
            unitsDue = true;
          }
          // Gliding, or the last glide not yet drawn to its end (so units rest exactly on their fixes).
          const moving = glide.active(now) || unitsDrawnAt <= glide.endsAt;
          if ((unitsDue || moving) && now - unitsDrawnAt >= Math.max(GLIDE_STEP_MIN_MS, overlayMs / OVERLAY_SHARE)) {
            unitsDue = false;
            renderUnits();
          }
        };
        raf = requestAnimationFrame(tick);
        cleanups.push(() => cancelAnimationFrame(raf));

        // Units are on top: a click on one picks it before anything under it.
        let overLayer = 0;
        let overUnit = false;
        const inspecting = (e: MouseEvent) => !propsRef.current.placing || e.altKey || e.shiftKey;
        let modifier = false;
        const cursor = () => (m.getCanvas().style.cursor = propsRef.current.placing && !modifier ? 'crosshair' : overUnit || overLayer > 0 ? 'pointer' : '');
        const click = (layer: string, handler: (id: number) => void) => {
          m.on('click', layer, (e: MapLayerMouseEvent) => {
            if (!inspecting(e.originalEvent)) return;
            const id = Number(e.features?.[0]?.properties?.id);
            // A call bubble is drawn above calls and hospitals: a click on it opens the bubble instead.
            const underBubble = m.queryRenderedFeatures(e.point, { layers: ['calls-cluster'] }).length > 0;
            if (Number.isFinite(id) && !underBubble && overlay.hit(e.point.x, e.point.y) === null) handler(id);
          });
          m.on('mouseenter', layer, () => {
            overLayer++;
            cursor();
          });
          m.on('mouseleave', layer, () => {
            overLayer = Math.max(0, overLayer - 1);
            cursor();
          });
        };
        click('calls-circle', (id) => propsRef.current.onSelectCall?.(id));
        click('hospitals-symbol', (id) => propsRef.current.onSelectHospital?.(id));
        // A bubble opens: the map zooms to where its calls come apart.
        m.on('click', 'calls-cluster', (e: MapLayerMouseEvent) => {
          if (!inspecting(e.originalEvent) || overlay.hit(e.point.x, e.point.y) !== null) return;
          const f = e.features?.[0];
          const clusterId = Number(f?.properties?.clusterId);
          if (!f || !calls.clustered || !Number.isFinite(clusterId)) return;
          const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates as [number, number];
          m.easeTo({ center: [lon, lat], zoom: Math.min(17, Math.max(m.getZoom() + 1, calls.clustered.expansionZoom(clusterId))), duration: 500 });
        });
        m.on('mouseenter', 'calls-cluster', () => {
          overLayer++;
          cursor();
        });
        m.on('mouseleave', 'calls-cluster', () => {
          overLayer = Math.max(0, overLayer - 1);
          cursor();
        });
        m.on('mousemove', (e) => {
          overUnit = overlay.hit(e.point.x, e.point.y) !== null;
          modifier = e.originalEvent.altKey || e.originalEvent.shiftKey;
          cursor();
        });
        m.on('click', (e) => {
          if (!inspecting(e.originalEvent)) return propsRef.current.onMapClick?.({ lon: e.lngLat.lng, lat: e.lngLat.lat });
          const hit = overlay.hit(e.point.x, e.point.y);
          if (hit?.kind === 'unit') return propsRef.current.onSelectUnit?.(hit.id);
          if (hit?.kind === 'unit-cluster') return void m.easeTo({ center: [hit.lon, hit.lat], zoom: Math.min(17, Math.max(m.getZoom() + 1, hit.zoom)), duration: 500 });
          const hits = m.queryRenderedFeatures(e.point, { layers: ['calls-circle', 'calls-cluster', 'hospitals-symbol'] });
          if (hits.length === 0) propsRef.current.onMapClick?.({ lon: e.lngLat.lng, lat: e.lngLat.lat });
        });
        // Tests and benchmarks read what is drawn from the element, without a global.
        const hooks = el as HTMLDivElement & {
          maplibre?: MapLibreMap;
          unitDrawnAt?: (id: number) => [number, number] | null;
          mapScene?: () => DrawnScene & { callClusterMembers: Record<number, number[]>; singleCalls: number[] };
        };
        hooks.maplibre = m;
        hooks.unitDrawnAt = (id) => overlay.drawnAt(id);
        hooks.mapScene = () => {
          const drawnScene = overlay.drawnScene();
          const members: Record<number, number[]> = {};
          for (const c of calls.clusters) members[c.clusterId] = calls.clustered?.members(c.clusterId) ?? [];
          return { ...drawnScene, callClusterMembers: members, singleCalls: calls.singles.map((c) => c.id) };
        };
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
      {noCity && (
        <p className="city-map__no-city" role="status">
          {t('map.noCity')}
        </p>
      )}
      {props.legend && <MapLegend initiallyOpen={props.legend !== 'folded'} />}
    </div>
  );
}

/**
 * The base map's labels carry both names (name, nameEn); show the screen's language only, so a Chinese
 * screen reads 杭州湾 and an English one Hangzhou Bay (falling back to the Chinese name where there is no
 * English one). Runs before the live layers are added, so only the base map's labels are touched.
 */
function localiseBaseLabels(map: MapLibreMap, english: boolean, scale: number): void {
  const field: ExpressionSpecification = english ? ['coalesce', ['get', 'nameEn'], ['get', 'name']] : ['get', 'name'];
  for (const layer of map.getStyle().layers) {
    if (layer.type !== 'symbol' || layer.layout?.['text-field'] === undefined) continue;
    map.setLayoutProperty(layer.id, 'text-field', field);
    // A wall is read from metres away: its labels grow with the screen. Only plain sizes are scaled.
    const size = layer.layout['text-size'];
    if (scale !== 1 && typeof size === 'number') map.setLayoutProperty(layer.id, 'text-size', size * scale);
  }
}

/** The town names the overlay writes: the places layer's ranked points, in the screen's language. */
function townMarks(fc: GeoJSON.FeatureCollection, english: boolean): TownMark[] {
  const out: TownMark[] = [];
  for (const f of fc.features) {
    const p = f.properties ?? {};
    const rank = Number(p.rank);
    if (f.geometry.type !== 'Point' || !(rank >= 1)) continue;
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const name = english ? String(p.nameEn ?? p.name ?? '') : String(p.name ?? '');
    if (name) out.push({ name, lon, lat, rank });
  }
  return out;
}
