/** A hospital picked on the map: beds, ICU, ED status, ambulances held at its door, patients inbound. */
import { useTranslation } from 'react-i18next';
import { freeBeds, freeIcu, type Hospital } from '@dispatch/shared';
import { useLiveEntities as useLive } from '../../live/useLive.ts';
import { offloadQueues } from '../../map/features.ts';
import { hospitalName } from '../../ui/format.ts';

export function HospitalCard({ hospital: h }: { hospital: Hospital }) {
  const { t, i18n } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const held = useLive((s) => offloadQueues(s.state.transports.values()).get(h.id) ?? 0);
  const inbound = useLive((s) => [...s.state.transports.values()].filter((tr) => tr.hospitalId === h.id && !tr.arrivedAt && !tr.closedAt).length);
  return (
    <section className="hospital-card" aria-labelledby="hospital-title" data-testid="hospital-card">
      <h2 id="hospital-title" className="panel-title">
        {hospitalName(h, i18n.language)} <span className={`chip chip--ed-${h.edStatus}`}>{tc(`edStatus.${h.edStatus}`)}</span>
      </h2>
      <p className="hint">{tc(`hospitalKind.${h.kind}`)}</p>
      <dl className="hospital-card__figures">
        <dt>{t('hospital.beds')}</dt>
        <dd>
          <Gauge free={freeBeds(h)} total={h.openBeds} />
        </dd>
        <dt>{t('hospital.icu')}</dt>
        <dd>
          <Gauge free={freeIcu(h)} total={h.icuOpen} />
        </dd>
        <dt>{t('hospital.ventilators')}</dt>
        <dd>{h.ventilatorsFree}</dd>
        <dt>{t('hospital.offload')}</dt>
        <dd className={held > 0 ? 'is-warn' : ''}>{held}</dd>
        <dt>{t('hospital.inbound')}</dt>
        <dd>{inbound}</dd>
      </dl>
    </section>
  );
}

function Gauge({ free, total }: { free: number; total: number }) {
  const { t } = useTranslation('dispatch');
  const used = total > 0 ? (total - free) / total : 0;
  return (
    <span className="gauge">
      <span className="gauge__bar" aria-hidden="true">
        <span className="gauge__fill" style={{ width: `${Math.round(used * 100)}%`, background: used >= 0.95 ? 'var(--danger)' : used >= 0.85 ? '#ef6548' : used >= 0.7 ? '#f0a30a' : 'var(--ok)' }} />
      </span>
      {t('hospital.freeOf', { free, total })}
    </span>
  );
}
