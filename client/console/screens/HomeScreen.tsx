import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientView, SessionView } from '../../../contract';
import { formatDateTime } from '../../common/format';
import { api } from '../api';

/** Patients (pseudonymous codes) and their sessions; a session starts from a patient. */
export function HomeScreen() {
  const { t, i18n } = useTranslation();
  const [patients, setPatients] = useState<PatientView[]>([]);
  const [sessions, setSessions] = useState<SessionView[]>([]);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [p, s] = await Promise.all([api<PatientView[]>('/patients'), api<SessionView[]>('/sessions')]);
      setPatients(p);
      setSessions(s);
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const addPatient = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    try {
      await api('/patients', { body: { code: String(new FormData(form).get('code')) } });
      form.reset();
      setError(null);
      await refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const start = async (patientId: string) => {
    try {
      const s = await api<SessionView>('/sessions', { body: { patientId } });
      location.hash = `#/session/${s.id}`;
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <div className="columns">
      <section className="panel" aria-labelledby="patients-h">
        <h2 id="patients-h">{t('patients.title')}</h2>
        <form className="inline" onSubmit={(e) => void addPatient(e)}>
          <label>
            {t('patients.code')}
            <input name="code" required pattern="[A-Za-z0-9-]{2,24}" placeholder="P-0042" aria-describedby="code-hint" />
          </label>
          <button type="submit">{t('patients.add')}</button>
        </form>
        <small id="code-hint" className="muted">
          {t('patients.codeHint')}
        </small>
        {error && <p role="alert" className="error">{error}</p>}
        {patients.length === 0 ? (
          <p className="muted">{t('patients.none')}</p>
        ) : (
          <ul className="list">
            {patients.map((p) => (
              <li key={p.id}>
                <span className="code-tag">{p.code}</span>
                <button type="button" className="primary" onClick={() => void start(p.id)}>
                  {t('patients.start')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="sessions-h">
        <h2 id="sessions-h">{t('sessions.title')}</h2>
        {sessions.length === 0 ? (
          <p className="muted">{t('sessions.none')}</p>
        ) : (
          <ul className="list">
            {sessions.map((s) => (
              <li key={s.id}>
                <span>
                  <span className="code-tag">{s.patientCode}</span> {formatDateTime(s.createdAt, i18n.language)} · {t(`sessions.status_${s.status}`)}
                </span>
                <a className="button" href={`#/session/${s.id}`}>
                  {t('sessions.open')}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
