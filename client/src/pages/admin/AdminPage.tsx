/** The IT administrator's screen: accounts, units, stations, hospitals, the city bundle upload, and the audit trail. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditPanel } from './AuditPanel.tsx';
import { HospitalsPanel, StationsPanel, UnitsPanel } from './FleetPanels.tsx';
import { UsersPanel } from './UsersPanel.tsx';
import { CityPanel } from './CityPanel.tsx';
import './admin.css';

const TABS = ['users', 'units', 'stations', 'hospitals', 'city', 'audit'] as const;
type Tab = (typeof TABS)[number];
const PANELS: Record<Tab, () => React.JSX.Element> = { users: UsersPanel, units: UnitsPanel, stations: StationsPanel, hospitals: HospitalsPanel, city: CityPanel, audit: AuditPanel };

export default function AdminPage() {
  const { t } = useTranslation('admin');
  const [tab, setTab] = useState<Tab>('users');
  const Panel = PANELS[tab];
  return (
    <main className="admin-page" data-testid="admin-page">
      <h1 className="visually-hidden">{t('title')}</h1>
      <div role="tablist" aria-label={t('title')} className="admin-tabs">
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`panel-${k}`}
            className="admin-tab"
            onClick={() => setTab(k)}
          >
            {t(`tabs.${k}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="admin-body">
        <Panel />
      </div>
    </main>
  );
}
