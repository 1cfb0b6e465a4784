/**
 * Call intake, built to be filled in under 30 s by keyboard: Tab through the fields, Enter (or Ctrl+Enter
 * from the notes) takes the call and opens assignment; Alt+A asks to close it as advice and Enter confirms (an
 * advice call in two keystrokes). A call answered from a line comes in filled with the caller's number and
 * network location, their history beside the form. Errors show inline,
 * from the shared schema before sending and from the server's `field` after. The address field is a
 * combobox over the gazetteer (useGeocode): ↑↓ move, Enter picks, Esc closes the list; with the list closed
 * every key does what it did before. Everything typed is kept per seat (draftStore) until the call is taken
 * or the dispatcher discards it and confirms: Esc and Close only put the form away.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CLINICAL_CLASSES, RISK_TIERS, type Call, type GeocodeCandidate, type LonLat, type Place as GazetteerPlace } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { clearIntake, EMPTY_INTAKE, loadIntake, saveIntake } from './draftStore.ts';
import { draftToBody, EMPTY_DRAFT, fieldOf, repeatBody, type Draft, type Field, type FieldError } from './intakeDraft.ts';
import { parseLonLat } from './model.ts';
import { placeInAddress, usePlaces } from './places.ts';
import { useDuplicateCheck } from './useDuplicateCheck.ts';
import { CallerHistoryPanel } from './phone/CallerHistoryPanel.tsx';
import type { AnsweredCaller } from './phone/history.ts';
import { useGeocode } from './useGeocode.ts';

export interface IntakeFormProps {
  /** Whose draft this is (the signed-in username). */
  user: string;
  /** The call's point: set by a map click or typed here. */
  location: LonLat | null;
  onLocation: (l: LonLat | null) => void;
  /** A call was taken and waits for a unit: open assignment. */
  onQueued: (call: Call) => void;
  /** The call was folded into an earlier one. */
  onMerged: (into: Call) => void;
  /** Put the form away; the draft stays. */
  onCancel: () => void;
  /** The caller of the line this seat answered, when the form was opened by an answer. */
  answered?: AnsweredCaller | null;
  /** The call was closed at once (advice, home care). */
  onClosed?: (call: Call) => void;
  /** The dispatcher discarded the form (a silent line, a hoax): nothing recorded, the caller's intake is over. */
  onDiscarded?: () => void;
}

type CloseAs = 'advice' | 'home_care';
/** An advice caller often gives no class: recorded as mild, the least that still says "a person was unwell". */
const ADVICE_DEFAULT_CLASS = 'mild';

const fmt = (l: LonLat) => `${l.lon.toFixed(5)}, ${l.lat.toFixed(5)}`;

/** A place as an address: inside its town, the town first ("金沙滩镇 东村"). */
const addressOf = (p: GazetteerPlace) => (p.town && p.town !== p.name && !p.name.startsWith(p.town) ? `${p.town} ${p.name}` : p.name);
/**
 * Whether the address so far is only the search (replaced by the picked place's name): pinyin, or a few
 * characters with no space or number. Anything longer is the caller's words and stays.
 */
const isOnlyTheSearch = (text: string) => {
  const t = text.trim();
  return t === '' || /^[a-z\s'’]+$/i.test(t) || (!/[\s\d]/.test(t) && [...t].length <= 6);
};

export function IntakeForm({ user, location, onLocation, onQueued, onMerged, onCancel, answered = null, onClosed, onDiscarded }: IntakeFormProps) {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const id = useId();
  const [saved] = useState(() => loadIntake(user) ?? EMPTY_INTAKE);
  const [draft, setDraft] = useState<Draft>(saved.draft);
  const [locationText, setLocationText] = useState(location ? (saved.locationText && parseLonLat(saved.locationText)?.lon === location.lon ? saved.locationText : fmt(location)) : saved.locationText);
  const [locationFromTown, setLocationFromTown] = useState<string | null>(saved.locationFromTown);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  // Alt+A asks, Enter closes: the question says what will be recorded, so the second key is an informed one.
  const [askClose, setAskClose] = useState<CloseAs | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, FieldError>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const phoneRef = useRef<HTMLInputElement>(null);
  const places = usePlaces();
  const check = useDuplicateCheck(draft.callerPhone, location);
  // The address combobox: searching while the dispatcher types, closed by a pick or Esc until the next key.
  const [searching, setSearching] = useState(false);
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState<GazetteerPlace | null>(saved.picked);
  const candidates = useGeocode(draft.address, searching);
  const listOpen = searching && candidates.length > 0;
  const activeIndex = Math.min(active, candidates.length - 1);

  useEffect(() => phoneRef.current?.focus(), []);
  useEffect(() => {
    if (confirmDiscard) keepRef.current?.focus();
  }, [confirmDiscard]);
  useEffect(() => {
    if (askClose) closeRef.current?.focus();
  }, [askClose]);

  // Every change is kept at once: the form may be put away, or the page reloaded, at any moment.
  useEffect(() => {
    saveIntake(user, { draft, location, locationText, locationFromTown, picked });
  }, [user, draft, location, locationText, locationFromTown, picked]);

  // A map click moves the pin: show it in the field (a restored half-typed location stays as it was).
  const restored = useRef(true);
  useEffect(() => {
    if (restored.current) {
      restored.current = false;
      return;
    }
    if (location && parseLonLat(locationText)?.lon !== location.lon) {
      setLocationText(fmt(location));
      setLocationFromTown(null);
    }
    if (picked && (location?.lon !== picked.lon || location.lat !== picked.lat)) setPicked(null);
    if (!location && !locationFromTown) setLocationText('');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location?.lon, location?.lat]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    const field = fieldOf(key);
    if (field && errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const setAddress = (address: string) => {
    set('address', address);
    setSearching(true);
    setActive(0);
    // No point yet: put one at the town the address names, marked as approximate.
    if (location && !locationFromTown) return;
    const place = placeInAddress(address, places);
    if (place) {
      setLocationFromTown(place.name);
      setLocationText(fmt(place));
      onLocation({ lon: place.lon, lat: place.lat });
      setErrors((e) => ({ ...e, location: undefined }));
    }
  };

  /** A candidate picked: its point exactly as a map click sets one, its name as the address if none was given. */
  const pick = ({ place }: GeocodeCandidate) => {
    if (isOnlyTheSearch(draft.address)) set('address', addressOf(place));
    setSearching(false);
    setPicked(place);
    setLocationFromTown(null);
    setLocationText(fmt(place));
    onLocation({ lon: place.lon, lat: place.lat });
    setErrors((e) => ({ ...e, location: undefined }));
  };

  const onAddressKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // An IME's Enter commits the characters; shortcuts with a modifier belong to the form.
    if (!listOpen || e.nativeEvent.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + candidates.length) % candidates.length);
    } else if (e.key === 'Enter') {
      const candidate = candidates[activeIndex];
      if (candidate) {
        e.preventDefault();
        pick(candidate);
      }
    } else if (e.key === 'Escape') {
      // Closes the list only: the form's Esc (cancel) waits for the next one.
      e.preventDefault();
      e.stopPropagation();
      setSearching(false);
    }
  };

  const setLocationTyped = (text: string) => {
    setLocationText(text);
    setLocationFromTown(null);
    const parsed = parseLonLat(text);
    onLocation(parsed);
    if (parsed) setErrors((e) => ({ ...e, location: undefined }));
  };

  const reset = () => {
    clearIntake(user);
    setConfirmDiscard(false);
    setDraft(EMPTY_DRAFT);
    setErrors({});
    setFormError(null);
    setLocationText('');
    setLocationFromTown(null);
    setSearching(false);
    setPicked(null);
    onLocation(null);
    phoneRef.current?.focus();
  };

  const focusFirstError = (errs: Partial<Record<Field, FieldError>>) => {
    const first = (['callerPhone', 'address', 'location', 'complaint', 'clinicalClass', 'age', 'riskTier', 'notes'] as const).find((f) => errs[f]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
  };

  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.status === 400 && error.field) {
      const field = fieldOf(error.field);
      if (field) {
        const errs = { [field]: { key: 'server', detail: error.message } };
        setErrors(errs);
        focusFirstError(errs);
        return;
      }
    }
    setFormError(error instanceof ApiError ? tc('errors.generic', { message: error.message }) : String(error));
  };

  /** What a call closed at once records: the form as typed, an empty complaint or class filled for advice. */
  const closingDraft = (): Draft => ({ ...draft, complaint: draft.complaint.trim() || t('intake.adviceComplaint'), clinicalClass: draft.clinicalClass || ADVICE_DEFAULT_CLASS });

  async function submit(closeAs?: CloseAs) {
    if (busy) return;
    setFormError(null);
    setDone(null);
    setAskClose(null);
    const result = draftToBody(closeAs ? closingDraft() : draft, location, closeAs);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstError(result.errors);
      return;
    }
    setBusy(true);
    try {
      const call = await api.post<Call>('/api/calls', result.body, { retry: true });
      if (closeAs) {
        setDone(t(closeAs === 'advice' ? 'intake.closedAdvice' : 'intake.closedHomeCare', { number: call.number }));
        reset();
        onClosed?.(call);
      } else {
        reset();
        onQueued(call);
      }
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function merge(into: Call) {
    if (busy) return;
    setFormError(null);
    const result = repeatBody(draft, location, into, t('intake.repeatComplaint'));
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstError(result.errors);
      return;
    }
    setBusy(true);
    try {
      const call = await api.post<Call>('/api/calls', result.body, { retry: true });
      await api.post(`/api/calls/${call.id}/merge`, { intoCallId: into.id });
      reset();
      setDone(t('intake.merged', { number: into.number }));
      onMerged(into);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    } else if (e.altKey && e.code === 'KeyA') {
      e.preventDefault();
      setAskClose('advice');
    } else if (e.altKey && e.code === 'KeyM') {
      const first = check.repeatOf[0] ?? check.nearby[0];
      if (first) {
        e.preventDefault();
        void merge(first);
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      // Esc takes back a discard or a close that was about to happen before it closes anything.
      if (askClose) {
        e.stopPropagation();
        setAskClose(null);
      } else if (confirmDiscard) {
        e.stopPropagation();
        setConfirmDiscard(false);
      } else onCancel();
    }
  };

  const err = (f: Field) => {
    const e = errors[f];
    if (!e) return null;
    return (
      <span className="field-error" id={`${id}-${f}-error`} role="alert">
        {e.key === 'server' ? e.detail : t(`intake.errors.${e.key}`, { detail: e.detail })}
      </span>
    );
  };
  const aria = (f: Field) => ({ id: `${id}-${f}`, 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? `${id}-${f}-error` : undefined });

  const flagged = [...check.repeatOf.map((c) => ({ c, kind: 'repeat' as const })), ...check.nearby.map((c) => ({ c, kind: 'nearby' as const }))];

  return (
    <form className="intake" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-labelledby={`${id}-title`} noValidate data-testid="intake-form">
      <h2 id={`${id}-title`} className="panel-title">
        {t('intake.title')}
      </h2>
      {answered && <CallerHistoryPanel caller={answered.caller} waitedS={answered.waitedS} />}
      {flagged.length > 0 && (
        <div className="intake__dupes" role="alert" data-testid="duplicate-warning">
          {flagged.slice(0, 3).map(({ c, kind }, i) => (
            <div key={c.id} className="intake__dupe">
              <span>
                <strong>{t(kind === 'repeat' ? 'intake.repeatCaller' : 'intake.likelyDuplicate')}</strong> {c.number} · {tc(`callStatus.${c.status}`)} · {c.address} · {c.complaint}
              </span>
              {c.mergedIntoId === null && !['closed', 'cancelled', 'treated_on_scene', 'referred_home_care'].includes(c.status) && (
                <button type="button" className="btn btn--primary" onClick={() => void merge(c)} disabled={busy}>
                  {t('intake.mergeInto', { number: c.number })}
                  {i === 0 && <kbd>Alt+M</kbd>}
                </button>
              )}
            </div>
          ))}
        </div>
      )}
      <div className="intake__grid">
        <label className="field">
          <span>{t('intake.phone')}</span>
          <input ref={phoneRef} type="tel" inputMode="tel" autoComplete="off" value={draft.callerPhone} onChange={(e) => set('callerPhone', e.target.value)} {...aria('callerPhone')} />
          {err('callerPhone')}
        </label>
        <label className="field">
          <span>{t('intake.age')}</span>
          <input type="text" inputMode="numeric" autoComplete="off" value={draft.age} onChange={(e) => set('age', e.target.value)} {...aria('age')} />
          {err('age')}
        </label>
        <label className="field field--wide">
          <span>{t('intake.address')}</span>
          <input
            type="text"
            autoComplete="off"
            value={draft.address}
            onChange={(e) => setAddress(e.target.value)}
            onKeyDown={onAddressKeyDown}
            onBlur={() => setSearching(false)}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={listOpen}
            aria-controls={`${id}-places`}
            aria-activedescendant={listOpen ? `${id}-place-${activeIndex}` : undefined}
            {...aria('address')}
          />
          {picked && <span className="hint">{t('intake.geocode.picked', { place: picked.name, town: picked.town })}</span>}
          {!picked && answered?.caller.location && <span className="hint">{t('intake.fromNetwork')}</span>}
          {err('address')}
        </label>
        <ul className="field--wide geocode-list" id={`${id}-places`} role="listbox" aria-label={t('intake.geocode.list')} hidden={!listOpen}>
          {listOpen &&
            candidates.map((c, i) => (
              <li
                key={`${c.place.name}|${c.place.town}|${c.place.lon}|${c.place.lat}`}
                id={`${id}-place-${i}`}
                role="option"
                aria-selected={i === activeIndex}
                className={`geocode-list__option${i === activeIndex ? ' is-active' : ''}`}
                // mousedown, not click: the input keeps its focus and its blur does not close the list first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(c);
                }}
              >
                <span className="geocode-list__name">{c.place.name}</span>
                <span className="geocode-list__meta">
                  {t(`intake.geocode.kind.${c.place.kind}`)}
                  {c.place.town !== c.place.name ? ` · ${c.place.town}` : ''}
                </span>
              </li>
            ))}
        </ul>
        <label className="field field--wide">
          <span>{t('intake.location')}</span>
          <input type="text" autoComplete="off" placeholder={t('intake.locationPlaceholder')} value={locationText} onChange={(e) => setLocationTyped(e.target.value)} {...aria('location')} />
          {locationFromTown && <span className="hint">{t('intake.locationFromTown', { place: locationFromTown })}</span>}
          {err('location')}
        </label>
        <label className="field field--wide">
          <span>{t('intake.complaint')}</span>
          <input type="text" autoComplete="off" value={draft.complaint} onChange={(e) => set('complaint', e.target.value)} {...aria('complaint')} />
          {err('complaint')}
        </label>
        <fieldset className="field field--wide choice" aria-describedby={errors.clinicalClass ? `${id}-clinicalClass-error` : undefined} id={`${id}-clinicalClass`} tabIndex={-1}>
          <legend>{t('intake.class')}</legend>
          {CLINICAL_CLASSES.map((c) => (
            <label key={c} className={`choice__option chip--${c}`}>
              <input type="radio" name={`${id}-class`} value={c} checked={draft.clinicalClass === c} onChange={() => set('clinicalClass', c)} />
              {tc(`class.${c}`)}
            </label>
          ))}
          {err('clinicalClass')}
        </fieldset>
        <fieldset className="field field--wide choice" id={`${id}-riskTier`} tabIndex={-1}>
          <legend>{t('intake.tier')}</legend>
          {(['', ...RISK_TIERS] as const).map((r) => (
            <label key={r || 'none'} className="choice__option">
              <input type="radio" name={`${id}-tier`} value={r} checked={draft.riskTier === r} onChange={() => set('riskTier', r)} />
              {r ? tc(`tier.${r}`) : t('intake.tierNone')}
            </label>
          ))}
        </fieldset>
        <fieldset className="field field--wide choice">
          <legend>{t('intake.flags')}</legend>
          <label className="choice__option">
            <input type="checkbox" checked={draft.nursingHome} onChange={(e) => set('nursingHome', e.target.checked)} />
            {tc('flags.nursingHome')}
          </label>
          <label className="choice__option">
            <input type="checkbox" checked={draft.pregnant} onChange={(e) => set('pregnant', e.target.checked)} />
            {tc('flags.pregnant')}
          </label>
          <label className="choice__option">
            <input type="checkbox" checked={draft.needsBed} onChange={(e) => set('needsBed', e.target.checked)} data-testid="intake-needs-bed" />
            {t('intake.needsBed')}
          </label>
        </fieldset>
        <label className="field field--wide">
          <span>{t('intake.notes')}</span>
          <textarea rows={2} value={draft.notes} onChange={(e) => set('notes', e.target.value)} {...aria('notes')} />
          {err('notes')}
        </label>
      </div>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      {done && (
        <p className="form-done" role="status" data-testid="intake-done">
          {done}
        </p>
      )}
      <div className="intake__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="intake-submit">
          {t('intake.submit')} <kbd>Enter</kbd>
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => setAskClose('advice')} data-testid="intake-advice">
          {t('intake.advice')} <kbd>Alt+A</kbd>
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => setAskClose('home_care')}>
          {t('intake.homeCare')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onCancel} data-testid="intake-close">
          {t('intake.close')} <kbd>Esc</kbd>
        </button>
        <button type="button" className="btn btn--ghost" disabled={busy || confirmDiscard} onClick={() => setConfirmDiscard(true)} data-testid="intake-discard">
          {t('intake.discard')}
        </button>
      </div>
      {askClose && (
        <div className="intake__confirm" role="alertdialog" aria-labelledby={`${id}-close`} data-testid="intake-close-confirm">
          <p id={`${id}-close`}>
            {t(askClose === 'advice' ? 'intake.closeAskAdvice' : 'intake.closeAskHomeCare', { complaint: closingDraft().complaint, class: tc(`class.${closingDraft().clinicalClass}`) })}
          </p>
          <button type="button" className="btn btn--primary" ref={closeRef} disabled={busy} onClick={() => void submit(askClose)} data-testid="intake-close-yes">
            {t(askClose === 'advice' ? 'intake.closeYesAdvice' : 'intake.closeYesHomeCare')} <kbd>Enter</kbd>
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void submit(askClose === 'advice' ? 'home_care' : 'advice')} data-testid="intake-close-other">
            {t(askClose === 'advice' ? 'intake.closeYesHomeCare' : 'intake.closeYesAdvice')}
          </button>
          <button type="button" className="btn btn--ghost" onClick={() => setAskClose(null)}>
            {t('intake.closeNo')} <kbd>Esc</kbd>
          </button>
        </div>
      )}
      {confirmDiscard && (
        <div className="intake__confirm" role="alertdialog" aria-labelledby={`${id}-discard`} data-testid="intake-discard-confirm">
          <p id={`${id}-discard`}>{t('intake.discardAsk')}</p>
          <button
            type="button"
            className="btn btn--danger"
            onClick={() => {
              reset();
              onDiscarded?.();
            }}
            data-testid="intake-discard-yes"
          >
            {t('intake.discardYes')}
          </button>
          <button type="button" className="btn" ref={keepRef} onClick={() => setConfirmDiscard(false)}>
            {t('intake.discardNo')}
          </button>
        </div>
      )}
    </form>
  );
}
