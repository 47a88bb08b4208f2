import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PatientProfileView, ProfileSubstance, ScreeningFlag } from '../../../contract';
import { formatDateTime } from '../../common/format';
import { daysSince, saveProfile } from './profile';

/** Abstinence date, programme, substances treated and screening flags. */
export function ProfileForm({ patientId, profile, onSaved }: { patientId: string; profile: PatientProfileView; onSaved(p: PatientProfileView): void }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    try {
      const saved = await saveProfile(patientId, profile, {
        abstinentSince: String(form.get('abstinentSince') ?? '') || null,
        programme: String(form.get('programme') ?? '').trim() || null,
        substances: ProfileSubstance.options.filter((s) => form.get(`substance-${s}`)),
        flags: ScreeningFlag.options.filter((f) => form.get(`flag-${f}`)),
      });
      setError(null);
      onSaved(saved);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="profile-form" aria-labelledby="profile-h" onSubmit={(e) => void onSubmit(e)}>
      <h2 id="profile-h">{t('patientPage.profile')}</h2>
      <div className="profile-fields">
        <label>
          {t('patientPage.abstinentSince')}
          <input type="date" name="abstinentSince" defaultValue={profile.abstinentSince ?? ''} max={new Date().toISOString().slice(0, 10)} />
          {profile.abstinentSince && <small className="muted">{t('patientPage.abstinentDays', { count: daysSince(profile.abstinentSince) })}</small>}
        </label>
        <label>
          {t('patientPage.programme')}
          <input name="programme" maxLength={120} defaultValue={profile.programme ?? ''} aria-describedby="programme-hint" />
          <small id="programme-hint" className="muted">
            {t('patientPage.programmeHint')}
          </small>
        </label>
      </div>
      <fieldset className="checks">
        <legend>{t('patientPage.substances')}</legend>
        {ProfileSubstance.options.map((s) => (
          <label key={s} className="radio">
            <input type="checkbox" name={`substance-${s}`} defaultChecked={profile.substances.includes(s)} />
            {t(`substance.${s}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="checks" aria-describedby="flags-hint">
        <legend>{t('patientPage.flags')}</legend>
        {ScreeningFlag.options.map((f) => (
          <label key={f} className="radio">
            <input type="checkbox" name={`flag-${f}`} defaultChecked={profile.flags.includes(f)} />
            {t(`flag.${f}`)}
          </label>
        ))}
      </fieldset>
      <small id="flags-hint" className="muted">
        {t('patientPage.flagsHint')}
      </small>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('patientPage.save')}
        </button>
        <small className="muted" role="status">
          {profile.updatedAt ? `${t('patientPage.saved')} ${formatDateTime(profile.updatedAt, i18n.language)}` : t('patientPage.notSaved')}
        </small>
      </div>
    </form>
  );
}
