/** Upload a city bundle (docs/city-bundle.md): choose its files, see every error or the import's report. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ALL_BUNDLE_FILES, BUNDLE_FILES, type BundleError, type CityImportBody, type CityImportReport } from '@dispatch/shared';
import type { z } from 'zod';
import { api, ApiError } from '../../api/http.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const KINDS = ['stations', 'hospitals', 'units'] as const;

export function CityPanel() {
  const { t, i18n } = useTranslation('admin');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<BundleError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [report, setReport] = useState<CityImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors([]);
    setFailure(null);
    setReport(null);
    try {
      const body: z.input<typeof CityImportBody> = { files: {} };
      const local: BundleError[] = [];
      for (const f of files) {
        if (!(ALL_BUNDLE_FILES as readonly string[]).includes(f.name)) continue;
        try {
          body.files[f.name] = utf8.decode(await f.arrayBuffer());
        } catch {
          local.push({ file: f.name, line: null, column: null, message: t('city.notUtf8') });
        }
      }
      if (local.length > 0) {
        setErrors(local);
        return;
      }
      setReport(await api.post<CityImportReport>('/api/admin/city/import', body));
    } catch (error) {
      const list = error instanceof ApiError ? (error.body as { errors?: BundleError[] } | undefined)?.errors : undefined;
      if (list) setErrors(list);
      else setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="admin-section" aria-labelledby="city-import-title">
      <h2 id="city-import-title">{t('city.title')}</h2>
      <p>{t('city.help', { files: BUNDLE_FILES.join(', ') })}</p>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {t('city.choose')}{' '}
          <input type="file" multiple accept=".json,.geojson,.csv" data-testid="city-files" onChange={(e) => setFiles([...(e.target.files ?? [])])} />
        </label>{' '}
        <button type="submit" disabled={busy || files.length === 0}>
          {t('city.import')}
        </button>
      </form>
      {failure && <p role="alert">{failure}</p>}
      {errors.length > 0 && (
        <div role="alert" data-testid="city-errors">
          <p>{t('city.refused', { count: errors.length })}</p>
          <ul>
            {errors.map((er, i) => (
              <li key={i}>
                <code>{`${er.file}:${er.line ?? '-'}:${er.column ?? '-'}`}</code> {er.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {report && (
        <div data-testid="city-report">
          <p>{t('city.imported', { name: i18n.language === 'en' ? report.city.nameEn : report.city.name })}</p>
          <ul>
            {KINDS.map((k) => (
              <li key={k}>
                {t(`tabs.${k}`)}: {t('city.counts', { ...report[k] })}
                {report.notInBundle[k].length > 0 && ` — ${t('city.notInBundle', { list: report.notInBundle[k].join(', ') })}`}
              </li>
            ))}
            <li>{t('city.places', { count: report.places.replaced })}</li>
          </ul>
          {report.warnings.map((w) => (
            <p key={w}>{t('city.warning', { text: w })}</p>
          ))}
        </div>
      )}
    </section>
  );
}
