import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientStatus, PatientView, ProtocolSummary } from '../../../contract';
import { api } from '../api';
import { IdentityForm } from './IdentityForm';
import { StartSessionForm } from './StartSessionForm';

/** One patient: code, safety status (changeable), and the start-session form when opened. */
export function PatientRow({ patient, protocols, onChanged, onError }: {
  patient: PatientView;
  protocols: ProtocolSummary[];
  onChanged(message: string): Promise<void>;
  onError(message: string): void;
}) {
  const { t } = useTranslation();
  const [starting, setStarting] = useState(false);
  const [identity, setIdentity] = useState(false);
  const [busy, setBusy] = useState(false);
  const startButton = useRef<HTMLButtonElement>(null);
  const wasStarting = useRef(false);
  const next: PatientStatus = patient.status === 'abstinent' ? 'active-use' : 'abstinent';
  const codeId = `code-${patient.id}`;

  // Closing the form puts the keyboard focus back on the button that opened it.
  useEffect(() => {
    if (wasStarting.current && !starting) startButton.current?.focus();
    wasStarting.current = starting;
  }, [starting]);

  const setStatus = async () => {
    setBusy(true);
    try {
      await api(`/patients/${patient.id}/status`, { body: { status: next } });
      await onChanged(t('patients.statusChanged', { code: patient.code, status: t(`patients.status_${next}`) }));
    } catch (err) {
      onError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="patient">
      <div className="row">
        <span className="code-tag" id={codeId}>
          {patient.code}
        </span>
        <span className={`status ${patient.status}`}>{t(`patients.status_${patient.status}`)}</span>
        <span className="spacer" />
        <a className="button" href={`#/patient/${patient.id}`} aria-describedby={codeId}>
          {t('patientSearch.open')}
        </a>
        <button type="button" aria-describedby={codeId} disabled={busy} onClick={() => void setStatus()}>
          {t(`patients.mark_${next}`)}
        </button>
        <button type="button" aria-describedby={codeId} aria-expanded={identity} onClick={() => setIdentity(!identity)}>
          {t('identity.open')}
        </button>
        {!starting && (
          <button ref={startButton} type="button" className="primary" aria-describedby={codeId} onClick={() => setStarting(true)}>
            {t('patients.start')}
          </button>
        )}
      </div>
      {identity && <IdentityForm patient={patient} onClose={() => setIdentity(false)} />}
      {starting && <StartSessionForm patient={patient} protocols={protocols} onCancel={() => setStarting(false)} />}
    </li>
  );
}
