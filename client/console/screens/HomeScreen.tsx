import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientView, ProtocolSummary, SessionView } from '../../../contract';
import { formatDateTime } from '../../common/format';
import { api } from '../api';
import { pick } from '../session/text';
import { PatientRow } from './PatientRow';

/** Patients (pseudonymous codes, safety status) and their sessions; a session starts from a patient. */
export function HomeScreen() {
  const { t, i18n } = useTranslation();
  const [patients, setPatients] = useState<PatientView[]>([]);
  const [sessions, setSessions] = useState<SessionView[]>([]);
  const [protocols, setProtocols] = useState<ProtocolSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const shown = patients.filter((p) => p.code.toLowerCase().includes(query.trim().toLowerCase()));

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
  useEffect(() => {
    api<ProtocolSummary[]>('/protocols').then(setProtocols, (err: Error) => setError(t('start.protocolsUnavailable', { message: err.message })));
  }, [t]);

  const addPatient = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    try {
      await api('/patients', { body: { code: String(data.get('code')), status: String(data.get('status') ?? 'abstinent') } });
      form.reset();
      setError(null);
      setInfo(null);
      await refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const protocolTitle = (id: string | null) => {
    if (!id) return t('sessions.byHand');
    const p = protocols.find((x) => x.id === id);
    return p ? pick(p.title, i18n.language) : id;
  };

  return (
    <div className="columns">
      <section className="panel" aria-labelledby="patients-h">
        <h2 id="patients-h">{t('patients.title')}</h2>
        <form className="inline" onSubmit={(e) => void addPatient(e)}>
          <label>
            {t('patients.code')}
            <input name="code" required pattern="[A-Za-z0-9\-]{2,24}" placeholder="P-0042" aria-describedby="code-hint" />
          </label>
          <label>
            {t('patients.status')}
            <select name="status" defaultValue="abstinent">
              <option value="abstinent">{t('patients.status_abstinent')}</option>
              <option value="active-use">{t('patients.status_active-use')}</option>
            </select>
          </label>
          <button type="submit">{t('patients.add')}</button>
        </form>
        <small id="code-hint" className="muted">
          {t('patients.codeHint')}
        </small>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <p role="status" className="sr-only">
          {info}
        </p>
        {patients.length > 0 && (
          <label className="search">
            {t('patientSearch.label')}
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
          </label>
        )}
        {patients.length === 0 ? (
          <p className="muted">{t('patients.none')}</p>
        ) : shown.length === 0 ? (
          <p className="muted">{t('patientSearch.none', { query })}</p>
        ) : (
          <ul className="list patients">
            {shown.map((p) => (
              <PatientRow
                key={p.id}
                patient={p}
                protocols={protocols}
                onChanged={async (message) => {
                  setError(null);
                  setInfo(message);
                  await refresh();
                }}
                onError={setError}
              />
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
                  <span className="muted"> · {protocolTitle(s.protocolId)}</span>
                </span>
                <a className="button" href={`#/session/${s.id}`}>
                  {t('sessions.open')}
                </a>
                {s.status === 'ended' && (
                  <a className="button" href={`#/session/${s.id}/report`}>
                    {t('report.open')}
                  </a>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
