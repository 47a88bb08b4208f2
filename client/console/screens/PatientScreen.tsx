import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientDetail, PatientStatus, ProtocolSummary } from '../../../contract';
import { formatDateTime } from '../../common/format';
import { api } from '../api';
import { HierarchyPanel } from '../patients/HierarchyPanel';
import { PersonalisationForm } from '../patients/PersonalisationForm';
import { ProfileForm } from '../patients/ProfileForm';
import { ProgressChart } from '../report/ProgressChart';
import { pick } from '../session/text';
import { StartSessionForm } from './StartSessionForm';
import '../patients/patients.css';

/** `#/patient/ID`: everything before the session — status, profile and flags, personalisation, cue hierarchy, history. */
export function PatientScreen({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const [detail, setDetail] = useState<PatientDetail | null>(null);
  const [protocols, setProtocols] = useState<ProtocolSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const load = useCallback(async () => {
    try {
      setDetail(await api<PatientDetail>(`/patients/${patientId}`));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [patientId]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    api<ProtocolSummary[]>('/protocols').then(setProtocols, (err: Error) => setError(err.message));
  }, []);

  if (!detail) {
    return error ? (
      <p role="alert" className="error">
        {error}
      </p>
    ) : (
      <p>…</p>
    );
  }
  const { patient, profile } = detail;
  const next: PatientStatus = patient.status === 'abstinent' ? 'active-use' : 'abstinent';
  const onSaved = (p: PatientDetail['profile']) => setDetail({ ...detail, profile: p });

  return (
    <div className="patient-page">
      <div className="session-head">
        <a href="#">{t('patientPage.back')}</a>
        <h1>{t('patientPage.title', { code: patient.code })}</h1>
        <span className={`status ${patient.status}`}>{t(`patients.status_${patient.status}`)}</span>
        <button
          type="button"
          onClick={() =>
            void api(`/patients/${patient.id}/status`, { body: { status: next } }).then(load, (err: Error) => setError(err.message))
          }
        >
          {t(`patients.mark_${next}`)}
        </button>
        {!starting && (
          <button type="button" className="primary" onClick={() => setStarting(true)}>
            {t('patientPage.start')}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {starting && <StartSessionForm patient={patient} protocols={protocols} onCancel={() => setStarting(false)} />}
      <div className="columns">
        <div>
          <section className="panel">
            <ProfileForm patientId={patient.id} profile={profile} onSaved={onSaved} />
          </section>
          <section className="panel">
            <PersonalisationForm patientId={patient.id} profile={profile} onSaved={onSaved} />
          </section>
          <div id="progress">
            <ProgressChart patientId={patient.id} />
          </div>
          <section className="panel" aria-labelledby="history-h">
            <h2 id="history-h">{t('patientPage.sessions')}</h2>
            {detail.sessions.length === 0 ? (
              <p className="muted">{t('patientPage.noSessions')}</p>
            ) : (
              <table className="grid">
                <thead>
                  <tr>
                    <th>{t('patientPage.when')}</th>
                    <th>{t('patientPage.protocol')}</th>
                    <th>{t('patientPage.state')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {detail.sessions.map((s) => (
                    <tr key={s.id}>
                      <td>{formatDateTime(s.createdAt, i18n.language)}</td>
                      <td>{s.protocolTitle ? pick(s.protocolTitle, i18n.language) : t('patientPage.byHand')}</td>
                      <td>{t(`sessions.status_${s.status}`)}</td>
                      <td>
                        <a className="button" href={`#/session/${s.id}`}>
                          {t('patientPage.open')}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
        <HierarchyPanel patientId={patient.id} profile={profile} hierarchy={detail.hierarchy} onRated={load} />
      </div>
    </div>
  );
}
