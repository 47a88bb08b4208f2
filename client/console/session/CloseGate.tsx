import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../../contract';
import { useLiveSession } from '../sessionStore';

/** The wash-out the server chose instead of ending after End was pressed, if the session is still open. */
export function washoutAfterEnd(log: LogEntry[]): LogEntry | null {
  const requested = log.findLastIndex((e) => e.type === 'session.end.requested');
  if (requested < 0) return null;
  return log.slice(requested).findLast((e) => e.type === 'decision.washout') ?? null;
}

/** Craving too high to close: end anyway only with a written reason (logged as an override). */
export function CloseGate({ washout }: { washout: LogEntry }) {
  const { t } = useTranslation();
  const command = useLiveSession((s) => s.command);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const why = typeof washout.data.reason === 'string' ? washout.data.reason : null;

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    if (reason.length < 10) return setError(t('gate.tooShort'));
    setError(null);
    setBusy(true);
    if (await command({ type: 'override', target: 'close', reason })) await command({ type: 'end' });
    setBusy(false);
  };

  return (
    <section className="panel gate" aria-labelledby="gate-h">
      <h2 id="gate-h" role="status">
        {t('gate.title')}
      </h2>
      {why && <p className="muted">{t('gate.why', { reason: why })}</p>}
      <form onSubmit={(e) => void onSubmit(e)}>
        <label>
          {t('gate.reason')}
          <textarea name="reason" rows={3} required minLength={10} maxLength={2000} aria-describedby="gate-hint" />
          <small id="gate-hint" className="muted">
            {t('gate.hint')}
          </small>
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="danger" data-testid="override-close" disabled={busy}>
          {t('gate.submit')}
        </button>
      </form>
    </section>
  );
}
