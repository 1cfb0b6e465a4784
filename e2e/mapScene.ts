/**
 * What the live map drew, read from the map element (CityMap's `mapScene` hook), and the label checks
 * the map must pass at any density: no label over another label, none over a symbol (a major hospital's
 * name may sit over a unit only because it is drawn above it, never under).
 */
import type { Page } from 'playwright-core';

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface MapScene {
  units: { id: number; x: number; y: number }[];
  unitClusters: { clusterId: number; x: number; y: number; count: number; criticalCare: number; members: number[] }[];
  callClusters: { clusterId: number; x: number; y: number; count: number; critical: number; severe: number }[];
  labels: { id: string; text: string; box: Box; overSymbol: boolean; far: boolean }[];
  symbols: Box[];
  callClusterMembers: Record<number, number[]>;
  singleCalls: number[];
}

export async function readMapScene(page: Page): Promise<MapScene> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid="city-map"]') as (HTMLElement & { mapScene?: () => unknown }) | null;
    if (!el?.mapScene) throw new Error('map not ready');
    return el.mapScene() as never;
  });
}

const overlaps = (a: Box, b: Box) => a.minX < b.maxX - 0.5 && a.maxX > b.minX + 0.5 && a.minY < b.maxY - 0.5 && a.maxY > b.minY + 0.5;

/** Every pair of labels that overlap, and every label over a symbol it was not allowed to cover. */
export function labelProblems(scene: MapScene): string[] {
  const problems: string[] = [];
  scene.labels.forEach((a, i) => {
    for (const b of scene.labels.slice(i + 1)) if (overlaps(a.box, b.box)) problems.push(`"${a.text}" over "${b.text}"`);
    if (a.overSymbol && !a.id.startsWith('hospital:')) problems.push(`"${a.text}" placed over a symbol`);
    if (!a.overSymbol && scene.symbols.some((s) => overlaps(a.box, s))) problems.push(`"${a.text}" over a symbol`);
  });
  return problems;
}
