import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientIdentityView, PatientView } from '../../../contract';
import { api } from '../api';

/** Optional identifying fields of one patient, read only when asked (each reading is logged) and never shown elsewhere. */
export function IdentityForm({ patient, onClose }: { patient: PatientView; onClose(): void }) {
  const { t } = useTranslation();
  const [identity, setIdentity] = useState<PatientIdentityView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const path = `/patients/${patient.id}/identity`;

  useEffect(() => {
    api<PatientIdentityView>(path).then(setIdentity, (err: Error) => setError(err.message));
  }, [path]);

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const field = (k: string) => String(data.get(k) ?? '');
    try {
      setIdentity(await api<PatientIdentityView>(path, { method: 'PUT', body: { name: field('name'), dateOfBirth: field('dateOfBirth'), hospitalRecordNumber: field('hospitalRecordNumber'), phone: field('phone') } }));
      setError(null);
      setInfo(t('identity.saved'));
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const headingId = `identity-${patient.id}`;
  return (
    <form className="start-form" aria-labelledby={headingId} onSubmit={(e) => void save(e)}>
      <h3 id={headingId}>{t('identity.title', { code: patient.code })}</h3>
      <p className="muted small">{t('identity.note')}</p>
      {identity && (
        <>
          <label>
            {t('identity.name')}
            <input name="name" defaultValue={identity.name ?? ''} maxLength={200} autoComplete="off" />
          </label>
          <label>
            {t('identity.dateOfBirth')}
            <input name="dateOfBirth" type="date" defaultValue={identity.dateOfBirth ?? ''} />
          </label>
          <label>
            {t('identity.hospitalRecordNumber')}
            <input name="hospitalRecordNumber" defaultValue={identity.hospitalRecordNumber ?? ''} maxLength={64} autoComplete="off" />
          </label>
          <label>
            {t('identity.phone')}
            <input name="phone" type="tel" defaultValue={identity.phone ?? ''} maxLength={40} autoComplete="off" />
          </label>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p role="status" className={info ? 'notice' : 'sr-only'}>
        {info}
      </p>
      <div className="actions">
        <button type="submit" disabled={!identity}>
          {t('identity.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('identity.close')}
        </button>
      </div>
    </form>
  );
}
