import { describe, expect, it } from 'vitest';
import { checkVitals, VITAL_RANGES, vitalsFlags, vitalsProblem } from './vitalSigns.ts';

describe('vitalsProblem', () => {
  it('accepts a plausible reading, and any subset of it', () => {
    expect(vitalsProblem({ spo2: 86, heartRate: 118, respRate: 28, systolic: 132, diastolic: 84, temperatureC: 38.6, avpu: 'alert', oxygenLpm: 5 })).toBeNull();
    expect(vitalsProblem({ gcs: 3 })).toBeNull();
    expect(vitalsProblem({ note: '患者烦躁' })).toBeNull();
  });

  it('refuses a value outside its range, naming the field, at both edges', () => {
    for (const [field, r] of Object.entries(VITAL_RANGES)) {
      expect(vitalsProblem({ [field]: r.min })).toBeNull();
      expect(vitalsProblem({ [field]: r.max })).toBeNull();
      expect(vitalsProblem({ [field]: r.min - 1 })?.field).toBe(field);
      expect(vitalsProblem({ [field]: r.max + 1 })?.field).toBe(field);
    }
  });

  it('refuses °F for °C, a fraction of a beat, NaN', () => {
    expect(vitalsProblem({ temperatureC: 98.6 })?.field).toBe('temperatureC');
    expect(vitalsProblem({ heartRate: 80.5 })).toEqual({ field: 'heartRate', message: 'must be a whole number' });
    expect(vitalsProblem({ spo2: Number.NaN })?.field).toBe('spo2');
  });

  it('refuses both AVPU and GCS, a diastolic not below the systolic, and an empty reading', () => {
    expect(vitalsProblem({ avpu: 'voice', gcs: 12 })?.field).toBe('gcs');
    expect(vitalsProblem({ systolic: 80, diastolic: 80 })?.field).toBe('diastolic');
    expect(vitalsProblem({ note: '  ' })).not.toBeNull();
    expect(checkVitals({})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('vitalsFlags', () => {
  it('flags SpO2 below 93 % red (issue 12), 93–94 amber, 95 none', () => {
    expect(vitalsFlags({ spo2: 92 })).toEqual([{ field: 'spo2', level: 'red' }]);
    expect(vitalsFlags({ spo2: 93 })).toEqual([{ field: 'spo2', level: 'amber' }]);
    expect(vitalsFlags({ spo2: 95 })).toEqual([]);
  });

  it('flags the NEWS2 red values: fast breathing, low pressure, fast or slow pulse, loss of alertness, low GCS', () => {
    expect(vitalsFlags({ respRate: 25 })).toEqual([{ field: 'respRate', level: 'red' }]);
    expect(vitalsFlags({ respRate: 21 })).toEqual([{ field: 'respRate', level: 'amber' }]);
    expect(vitalsFlags({ systolic: 90 })).toEqual([{ field: 'systolic', level: 'red' }]);
    expect(vitalsFlags({ heartRate: 40 })).toEqual([{ field: 'heartRate', level: 'red' }]);
    expect(vitalsFlags({ heartRate: 131 })).toEqual([{ field: 'heartRate', level: 'red' }]);
    expect(vitalsFlags({ avpu: 'voice' })).toEqual([{ field: 'avpu', level: 'red' }]);
    expect(vitalsFlags({ avpu: 'alert', temperatureC: 37 })).toEqual([]);
    expect(vitalsFlags({ gcs: 8 })).toEqual([{ field: 'gcs', level: 'red' }]);
    expect(vitalsFlags({ gcs: 14 })).toEqual([{ field: 'gcs', level: 'amber' }]);
  });

  it('puts red flags before amber ones', () => {
    expect(vitalsFlags({ spo2: 94, respRate: 30, temperatureC: 39.5 })).toEqual([
      { field: 'respRate', level: 'red' },
      { field: 'spo2', level: 'amber' },
      { field: 'temperatureC', level: 'amber' },
    ]);
  });
});
