import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientView, ProtocolSummary, ScreeningFlag, SessionPlan, SessionView } from '../../../contract';
import { api } from '../api';
import { SessionPlanPreview } from '../patients/SessionPlanPreview';
import { pick } from '../session/text';

/**
 * Starting a session: which protocol (or none, steered by hand), its plan for this patient (timeline,
 * pre-session check, screening warnings to acknowledge), and for a patient in active use the written
 * reason the server requires before any exposure.
 */
export function StartSessionForm({ patient, protocols, onCancel }: {
  patient: PatientView;
  protocols: ProtocolSummary[];
  onCancel(): void;
}) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const activeUse = patient.status === 'active-use';
  const base = `start-${patient.id}`;
  const [protocolId, setProtocolId] = useState('');
  const [plan, setPlan] = useState<SessionPlan | null>(null);
  const [acknowledged, setAcknowledged] = useState<ScreeningFlag[]>([]);

  useEffect(() => {
    let current = true;
    setPlan(null);
    setAcknowledged([]);
    api<SessionPlan>(`/patients/${patient.id}/session-plan${protocolId ? `?protocolId=${protocolId}` : ''}`).then(
      (p) => current && setPlan(p),
      (err: Error) => current && setError(err.message),
    );
    return () => {
      current = false;
    };
  }, [patient.id, protocolId]);
  const unacknowledged = plan?.warnings.some((w) => !acknowledged.includes(w.flag)) ?? true;

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const reason = String(form.get('override') ?? '').trim();
    if (activeUse && reason.length < 10) return setError(t('start.overrideTooShort'));
    if (unacknowledged) return setError(t('screening.unacknowledged'));
    setBusy(true);
    try {
      const s = await api<SessionView>('/sessions', {
        body: { patientId: patient.id, ...(protocolId ? { protocolId } : {}), ...(activeUse ? { activeUseOverride: reason } : {}), acknowledgedFlags: acknowledged },
      });
      location.hash = `#/session/${s.id}`;
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <form className="start-form" aria-labelledby={`${base}-h`} onSubmit={(e) => void onSubmit(e)}>
      <h3 id={`${base}-h`}>{t('start.title', { code: patient.code })}</h3>
      <label>
        {t('start.protocol')}
        <select name="protocol" value={protocolId} onChange={(e) => setProtocolId(e.target.value)} autoFocus>
          <option value="">{t('start.noProtocol')}</option>
          {protocols.map((p) => (
            <option key={p.id} value={p.id}>
              {pick(p.title, i18n.language)} · v{p.version} · {t('start.steps', { count: p.steps })}
            </option>
          ))}
        </select>
      </label>
      {plan ? (
        <SessionPlanPreview
          plan={plan}
          acknowledged={acknowledged}
          onAcknowledge={(flag, on) => setAcknowledged((a) => (on ? [...a, flag] : a.filter((f) => f !== flag)))}
        />
      ) : (
        <p className="muted">{t('sessionPlan.loading')}</p>
      )}
      {activeUse && (
        <>
          <p className="warning" id={`${base}-why`}>
            {t('start.activeUseWhy')}
          </p>
          <label>
            {t('start.overrideReason')}
            <textarea name="override" rows={3} required minLength={10} maxLength={2000} aria-describedby={`${base}-why ${base}-hint`} />
            <small id={`${base}-hint`} className="muted">
              {t('start.overrideHint')}
            </small>
          </label>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !plan || plan.problem !== null}>
          {t('patients.start')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('start.cancel')}
        </button>
      </div>
    </form>
  );
}
