/** The city's clock for a component: every console shows times as the city reads them, 24-hour, in the screen's language. */
import { useTranslation } from 'react-i18next';
import { useLive } from '../live/useLive.ts';
import { formatCityClock, type ClockPart } from './format.ts';

export function useCityTime(): (at: number | string, part?: ClockPart) => string {
  const { i18n } = useTranslation();
  const timeZone = useLive((s) => s.state.city.timeZone);
  return (at, part = 'time') => {
    const ms = typeof at === 'string' ? Date.parse(at) : at;
    return Number.isFinite(ms) ? formatCityClock(ms, part, i18n.language, timeZone) : '—';
  };
}
