/** Map symbols drawn on a canvas at start: no sprite files, nothing fetched. SDF so colour comes from the style. */
import type { Map as MapLibreMap } from 'maplibre-gl';

const SIZE = 48;

function draw(paint: (ctx: CanvasRenderingContext2D) => void): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  paint(ctx);
  return ctx.getImageData(0, 0, SIZE, SIZE);
}

/** Standard unit: an arrow pointing along the heading. */
const arrow = () =>
  draw((c) => {
    c.beginPath();
    c.moveTo(24, 4);
    c.lineTo(40, 42);
    c.lineTo(24, 33);
    c.lineTo(8, 42);
    c.closePath();
    c.fill();
  });

/** Critical-care unit: a broader diamond arrow, distinguishable by shape as well as colour. */
const diamond = () =>
  draw((c) => {
    c.beginPath();
    c.moveTo(24, 2);
    c.lineTo(44, 26);
    c.lineTo(24, 46);
    c.lineTo(4, 26);
    c.closePath();
    c.fill();
  });

/** Hospital: a square with a cross cut out. */
const hospital = () =>
  draw((c) => {
    c.fillRect(6, 6, 36, 36);
    c.clearRect(20, 11, 8, 26);
    c.clearRect(11, 20, 26, 8);
  });

export function addMapIcons(map: MapLibreMap): void {
  const icons: [string, () => ImageData][] = [
    ['unit-standard', arrow],
    ['unit-critical_care', diamond],
    ['hospital', hospital],
  ];
  for (const [name, make] of icons) {
    if (!map.hasImage(name)) map.addImage(name, make(), { sdf: true, pixelRatio: 2 });
  }
}
