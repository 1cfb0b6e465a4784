import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { UnitFreeEstimate, UnitRecommendation } from '@dispatch/shared';
import i18n from '../../i18n/index.ts';
import { NoCriticalCareNotice } from './NoCriticalCareNotice.tsx';

afterEach(cleanup);

const responder: UnitRecommendation = { unitId: 4, callSign: 'CX-04', kind: 'standard', status: 'returning', etaMinutes: 3.5, distanceKm: 1.2, reasons: ['first_responder', 'returning'] };
const earliest: UnitFreeEstimate = { unitId: 9, callSign: 'CX-09', kind: 'critical_care', status: 'at_hospital', freeInMinutes: 6, etaMinutes: 21.5, assumptions: ['typical_handover'] };

describe('no critical-care unit free', () => {
  it('offers the standard unit as a first responder that does not transport, and names the earliest critical-care unit', async () => {
    await i18n.changeLanguage('en');
    const sent: number[] = [];
    render(<NoCriticalCareNotice firstResponder={responder} earliest={earliest} busy={false} onSendFirstResponder={(u) => sent.push(u.unitId)} />);
    expect(screen.getByRole('alert').textContent).toContain('No critical-care unit is free');
    expect(screen.getByTestId('first-responder').textContent).toMatch(/CX-04.*first responder.*does not transport/);
    expect(screen.getByTestId('first-responder').textContent).toContain('Returning');
    expect(screen.getByTestId('earliest-critical-care').textContent).toMatch(/CX-09 \(At hospital\), free in about 6 min, with the patient in about 21.5 min/);
    fireEvent.click(screen.getByTestId('send-first-responder'));
    expect(sent).toEqual([4]);
  });

  it('says when there is no standard unit either and no estimate, in Chinese too', async () => {
    await i18n.changeLanguage('zh-CN');
    render(<NoCriticalCareNotice firstResponder={null} earliest={null} busy={false} />);
    const text = screen.getByRole('alert').textContent ?? '';
    expect(text).toContain('没有可派的监护型救护车');
    expect(text).toContain('也没有空闲的普通救护车');
    expect(screen.queryByTestId('send-first-responder')).toBeNull();
    await i18n.changeLanguage('en');
  });
});
