/** Bad input: each kind of mistake in a city bundle is found and located (file, line, column); BOM and CRLF are read. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleError } from '@dispatch/shared';
import { readBundle } from '../../src/city/readBundle.ts';
import { formatBundleError, validateBundle, type BundleResult } from '../../src/city/validateBundle.ts';
import { bundleFolder, cixiFiles, editLine, setCell } from './bundle.ts';

type Files = Record<string, string | Uint8Array>;

function check(edit: (f: Files) => void): BundleResult {
  const files: Files = cixiFiles();
  edit(files);
  return validateBundle(files);
}

function errorsOf(edit: (f: Files) => void): BundleError[] {
  const result = check(edit);
  if (result.ok) throw new Error('the bundle was accepted');
  return result.errors;
}

const text = (f: Files, name: string): string => {
  const t = f[name];
  if (typeof t !== 'string') throw new Error(`${name} is not text`);
  return t;
};
const editCell = (f: Files, file: string, line: number, column: string, value: string) => {
  f[file] = setCell(text(f, file), line, column, value);
};
const editJson = (f: Files, file: string, edit: (j: Record<string, unknown>) => void) => {
  const j = JSON.parse(text(f, file)) as Record<string, unknown>;
  edit(j);
  f[file] = JSON.stringify(j);
};
const at = (file: string, line: number | null, column: string | null, message: RegExp) =>
  expect.objectContaining({ file, line, column, message: expect.stringMatching(message) as unknown });

describe('the Cixi bundle (with the fixture gazetteer)', () => {
  it('is valid as generated, with no warning', () => {
    const result = check(() => {});
    expect(result.ok ? [] : result.errors.map(formatBundleError)).toEqual([]);
    expect(result.warnings).toEqual([]);
    if (!result.ok) return;
    expect([result.bundle.stations.length, result.bundle.hospitals.length, result.bundle.units.length, result.bundle.places.length]).toEqual([20, 27, 64, 5]);
  });
});

describe('each kind of mistake is refused with its file, line and column', () => {
  it('1. a missing file', () => {
    expect(errorsOf((f) => delete f['units.csv'])).toEqual([at('units.csv', null, null, /file is missing/)]);
  });

  it('2. a missing column', () => {
    const errors = errorsOf((f) => {
      f['stations.csv'] = text(f, 'stations.csv').replace('code,name_zh,name_en,lon,lat', 'code,name_zh,lon,lat');
    });
    expect(errors).toContainEqual(at('stations.csv', 1, 'name_en', /missing column/));
  });

  it('3. an unknown column', () => {
    const errors = errorsOf((f) => {
      f['units.csv'] = text(f, 'units.csv').replace('has_terminal\n', 'has_terminal,colour\n');
    });
    expect(errors).toContainEqual(at('units.csv', 1, 'colour', /unknown column/));
  });

  it('4. text in a number cell', () => {
    expect(errorsOf((f) => editCell(f, 'stations.csv', 3, 'lon', 'east'))).toEqual([at('stations.csv', 3, 'lon', /not a number/)]);
  });

  it('5. an empty required cell', () => {
    expect(errorsOf((f) => editCell(f, 'hospitals.csv', 2, 'name_en', ''))).toEqual([at('hospitals.csv', 2, 'name_en', /empty/)]);
  });

  it('6. a kind that is not one of the hospital kinds', () => {
    expect(errorsOf((f) => editCell(f, 'hospitals.csv', 3, 'kind', 'clinic'))).toEqual([at('hospitals.csv', 3, 'kind', /"clinic" is not one of designated/)]);
  });

  it('7. a longitude out of range', () => {
    expect(errorsOf((f) => editCell(f, 'stations.csv', 4, 'lon', '200'))).toEqual([at('stations.csv', 4, 'lon', /above 180/)]);
  });

  it('8. a latitude out of range', () => {
    expect(errorsOf((f) => editCell(f, 'stations.csv', 4, 'lat', '-95'))).toEqual([at('stations.csv', 4, 'lat', /below -90/)]);
  });

  it("9. a point outside the city's outline (in a neighbour, Yuyao)", () => {
    const errors = errorsOf((f) => {
      editCell(f, 'stations.csv', 5, 'lon', '121.154');
      editCell(f, 'stations.csv', 5, 'lat', '30.037');
    });
    expect(errors).toEqual([at('stations.csv', 5, 'lon', /outside Cixi's outline/)]);
  });

  it('10. a duplicate station code', () => {
    expect(errorsOf((f) => editCell(f, 'stations.csv', 3, 'code', 'ST01'))).toContainEqual(at('stations.csv', 3, 'code', /duplicate station code ST01 \(first on line 2\)/));
  });

  it('11. a duplicate hospital code', () => {
    expect(errorsOf((f) => editCell(f, 'hospitals.csv', 4, 'code', 'H01'))).toEqual([at('hospitals.csv', 4, 'code', /duplicate hospital code H01/)]);
  });

  it('12. a duplicate call sign', () => {
    expect(errorsOf((f) => editCell(f, 'units.csv', 3, 'call_sign', 'CX-01'))).toEqual([at('units.csv', 3, 'call_sign', /duplicate call sign CX-01/)]);
  });

  it('13. a unit at an unknown station', () => {
    expect(errorsOf((f) => editCell(f, 'units.csv', 2, 'station_code', 'ST99'))).toEqual([at('units.csv', 2, 'station_code', /unknown station ST99/)]);
  });

  it('14. a hospital naming an unknown station', () => {
    expect(errorsOf((f) => editCell(f, 'hospitals.csv', 2, 'station_code', 'ST77'))).toEqual([at('hospitals.csv', 2, 'station_code', /unknown station ST77/)]);
  });

  it('15. a negative bed count', () => {
    expect(errorsOf((f) => editCell(f, 'hospitals.csv', 5, 'open_beds', '-5'))).toContainEqual(at('hospitals.csv', 5, 'open_beds', /negative/));
  });

  it('16. more ICU beds than open beds', () => {
    expect(errorsOf((f) => editCell(f, 'hospitals.csv', 2, 'icu_beds', '2000'))).toEqual([at('hospitals.csv', 2, 'icu_beds', /2000 ICU beds is more than the 1500 open beds/)]);
  });

  it('17. a count that is not a whole number', () => {
    expect(errorsOf((f) => editCell(f, 'hospitals.csv', 3, 'ventilators', '2.5'))).toEqual([at('hospitals.csv', 3, 'ventilators', /not a whole number/)]);
  });

  it('18. city.json that is not JSON', () => {
    expect(errorsOf((f) => (f['city.json'] = '{\n  "id": "cixi",\n  oops\n}'))).toEqual([at('city.json', 3, null, /not valid JSON/)]);
  });

  it('19. city.json of the wrong shape: each field named by its JSON path', () => {
    const errors = errorsOf((f) =>
      editJson(f, 'city.json', (j) => {
        j.population = 'many';
        (j.rules as { targets: { designated: { pct: number } } }).targets.designated.pct = 150;
        j.mayor = 'someone';
        j.timeZone = 'Mars/Olympus';
      }),
    );
    expect(errors).toContainEqual(at('city.json', null, 'population', /number/));
    expect(errors).toContainEqual(at('city.json', null, 'rules.targets.designated.pct', /100/));
    expect(errors).toContainEqual(at('city.json', null, 'timeZone', /time zone/));
    expect(errors).toContainEqual(at('city.json', null, '(top level)', /mayor/));
  });

  it("20. an outline with no feature for the city's adcode", () => {
    const errors = errorsOf((f) => {
      f['outline.geojson'] = text(f, 'outline.geojson').replace('"adcode":"330282"', '"adcode":"330299"');
    });
    expect(errors).toEqual([at('outline.geojson', null, 'features', /no feature has adcode 330282/)]);
  });

  it('21. an outline that is not GeoJSON polygons', () => {
    const errors = errorsOf((f) =>
      editJson(f, 'outline.geojson', (j) => {
        const [first] = j.features as { geometry: unknown }[];
        if (first) first.geometry = { type: 'Point', coordinates: [121.2, 30.1] };
      }),
    );
    expect(errors).toContainEqual(at('outline.geojson', null, 'features[0].geometry.type', /./));
  });

  it('22. a file that is not UTF-8 (GBK bytes on line 3)', () => {
    const errors = errorsOf((f) => {
      const lines = text(f, 'hospitals.csv').split('\n');
      const before = Buffer.from(lines.slice(0, 2).join('\n') + '\n');
      const gbk = Buffer.from([0xc8, 0xcb, 0xc3, 0xf1]); // 人民 in GBK
      f['hospitals.csv'] = new Uint8Array(Buffer.concat([before, gbk, Buffer.from(lines.slice(2).join('\n'))]));
    });
    expect(errors).toEqual([at('hospitals.csv', 3, null, /not UTF-8/)]);
  });

  it('23. a file over the size limit (50 MB) is refused from its size, quickly', async () => {
    const dir = bundleFolder();
    fs.truncateSync(path.join(dir, 'places.csv'), 50 * 1024 * 1024);
    const started = Date.now();
    const result = await readBundle(dir);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.ok ? [] : result.errors).toEqual([at('places.csv', null, null, /50\.0 MB; the limit is 20 MB/)]);
    fs.rmSync(dir, { recursive: true });
  });

  it('24. a place of an unknown kind or setting', () => {
    const errors = errorsOf((f) => {
      editCell(f, 'places.csv', 2, 'kind', 'castle');
      editCell(f, 'places.csv', 3, 'setting', 'suburban');
    });
    expect(errors).toEqual([at('places.csv', 2, 'kind', /"castle" is not one of town/), at('places.csv', 3, 'setting', /"suburban" is not one of urban, rural/)]);
  });

  it('25. a has_terminal that is not true or false', () => {
    expect(errorsOf((f) => editCell(f, 'units.csv', 4, 'has_terminal', 'yes'))).toEqual([at('units.csv', 4, 'has_terminal', /not true or false/)]);
  });

  it('26. a row with more cells than the header', () => {
    expect(errorsOf((f) => (f['stations.csv'] = editLine(text(f, 'stations.csv'), 6, (l) => `${l},extra`)))).toEqual([at('stations.csv', 6, null, /6 cells, the header has 5/)]);
  });

  it('27. a code that breaks the code pattern', () => {
    expect(errorsOf((f) => editCell(f, 'stations.csv', 2, 'code', 'st 1'))).toContainEqual(at('stations.csv', 2, 'code', /2 to 16 of A-Z/));
  });

  it('every mistake in the bundle at once, not only the first', () => {
    const errors = errorsOf((f) => {
      delete f['places.csv'];
      editCell(f, 'stations.csv', 3, 'lon', 'east');
      editCell(f, 'hospitals.csv', 3, 'kind', 'clinic');
      editCell(f, 'units.csv', 2, 'station_code', 'ST99');
      f['city.json'] = '{';
    });
    expect(errors.map(formatBundleError)).toEqual([
      expect.stringMatching(/^city\.json:1:-: not valid JSON/),
      'stations.csv:3:lon: not a number',
      expect.stringMatching(/^hospitals\.csv:3:kind: "clinic" is not one of/),
      'places.csv:-:-: file is missing',
      'units.csv:2:station_code: unknown station ST99 (not in stations.csv)',
    ]);
  });
});

describe('tolerated', () => {
  it('a UTF-8 BOM and CRLF line ends (as Excel saves) are read as the plain file', () => {
    const plain = check(() => {});
    const excel = check((f) => {
      for (const name of ['stations.csv', 'hospitals.csv', 'units.csv', 'places.csv', 'city.json']) f[name] = '\ufeff' + text(f, name).replace(/\n/g, '\r\n');
    });
    expect(excel.ok).toBe(true);
    if (!plain.ok || !excel.ok) return;
    expect(excel.bundle).toEqual(plain.bundle);
    expect(excel.bundle.stations[0]?.code).toBe('ST01');
  });

  it('too few units for the fleet norm is a warning, not a refusal', () => {
    const result = check((f) => editJson(f, 'city.json', (j) => (j.residentsPerAmbulance = 10_000)));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([expect.stringMatching(/64 units is fewer than the fleet norm of 185/)]);
  });
});
