import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NextDecision, SessionSnapshot } from '../../../contract';
import { useLiveSession } from '../sessionStore';
import { confirmCommand, reasonText } from './nextDecisionText';

const MIN_REASON = 10;

/** What the runtime proposes next, with a one-click confirm or an override that needs a written reason. */
export function NextDecisionPanel({ snapshot }: { snapshot: SessionSnapshot }) {
  const next = snapshot.next;
  if (!next) return null;
  // A new proposal resets the override form.
  return <Proposal key={`${next.kind}:${next.reason}`} next={next} live={snapshot.status === 'open' && snapshot.pause === null} />;
}

/** The proposal's seconds left, counted down here between snapshots (the server sends one per change). */
function useCountdown(next: NextDecision, live: boolean): NextDecision {
  const start = next.kind === 'hold' ? next.secondsLeft : null;
  const [since, setSince] = useState(() => Date.now());
  const [now, setNow] = useState(since);
  useEffect(() => {
    const at = Date.now();
    setSince(at);
    setNow(at);
  }, [next]);
  useEffect(() => {
    if (start === null || !live) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [start, live]);
  if (next.kind !== 'hold' || start === null) return next;
  return { ...next, secondsLeft: Math.max(0, start - Math.floor((now - since) / 1000)) };
}

function Proposal({ next: fromServer, live }: { next: NextDecision; live: boolean }) {
  const { t } = useTranslation();
  const next = useCountdown(fromServer, live);
  const command = useLiveSession((s) => s.command);
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const confirm = confirmCommand(next);

  const run = async (c: Parameters<typeof command>[0]) => {
    setBusy(true);
    const ok = await command(c);
    setBusy(false);
    return ok;
  };
  const onOverride = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < MIN_REASON) return;
    if (await run({ type: 'overrideProposal', kind: next.kind, reason })) setOverriding(false);
  };

  return (
    <div className={`next next-${next.kind}`} data-testid="next-decision" data-kind={next.kind} data-reason={next.reason}>
      <p className="next-line">
        <strong>{t('live.next.title')}</strong> {t(`live.next.kind_${next.kind}`)}
        <br />
        <span className="next-why">{reasonText(next, t)}</span>
      </p>
      <div className="inline">
        {confirm && (
          <button type="button" className="primary" data-testid="next-confirm" disabled={!live || busy} onClick={() => void run(confirm)}>
            {t('live.next.confirm')}
          </button>
        )}
        <button type="button" data-testid="next-override" aria-expanded={overriding} disabled={!live || busy} onClick={() => setOverriding((o) => !o)}>
          {t('live.next.override')}
        </button>
      </div>
      {overriding && (
        <form onSubmit={(e) => void onOverride(e)}>
          <label>
            {t('live.next.reasonLabel')}
            <textarea rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby="next-reason-hint" />
          </label>
          <small id="next-reason-hint" className="muted">
            {t('live.next.reasonHint', { min: MIN_REASON })}
          </small>
          <div className="inline">
            <button type="submit" disabled={busy || reason.trim().length < MIN_REASON}>
              {t('live.next.overrideSubmit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
