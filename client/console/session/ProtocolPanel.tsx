import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtocolProgress, SessionSnapshot } from '../../../contract';
import { useLiveSession } from '../sessionStore';
import { NextDecisionPanel } from './NextDecisionPanel';
import { mmss } from './text';

/** Seconds in the step: the server's figure, counted on locally between snapshots while the step runs. */
function useStepSeconds(serverSeconds: number, step: number, ticking: boolean): number {
  const [base, setBase] = useState({ seconds: serverSeconds, at: Date.now() });
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const at = Date.now();
    setBase({ seconds: serverSeconds, at });
    setNow(at);
  }, [serverSeconds, step, ticking]);
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return ticking ? base.seconds + Math.max(0, Math.floor((now - base.at) / 1000)) : base.seconds;
}

/** Where the protocol is: step, time in step, and the clinician's hold / advance / step-back. */
export function ProtocolPanel({ snapshot, protocol }: { snapshot: SessionSnapshot; protocol: ProtocolProgress }) {
  const { t } = useTranslation();
  const command = useLiveSession((s) => s.command);
  const started = protocol.stepIndex >= 0;
  const running = snapshot.status === 'open' && snapshot.phase === 'running' && snapshot.pause === null;
  const live = running && started && !protocol.finished;
  const seconds = useStepSeconds(protocol.elapsedSeconds, protocol.stepIndex, live);

  return (
    <section className="panel" aria-labelledby="protocol-h">
      <h2 id="protocol-h">
        {t('protocol.title')} <span className="muted small">{t('protocol.name', { id: protocol.id, version: protocol.version })}</span>
      </h2>
      {protocol.finished ? (
        <p className="notice" data-testid="protocol-step">
          {t('protocol.finished')}
        </p>
      ) : !started ? (
        <p className="muted" data-testid="protocol-step">
          {t('protocol.notStarted')}
        </p>
      ) : (
        <>
          <div className="step-line">
            <p className="step" data-testid="protocol-step">
              {t('protocol.step', {
                n: protocol.stepIndex + 1,
                total: protocol.stepCount,
                type: t(`protocol.type_${protocol.stepType}`, { defaultValue: protocol.stepType }),
              })}
            </p>
            <p className="clock">
              <span className="muted">{t('protocol.timeInStep')}</span>{' '}
              <time className="mono-num" dateTime={`PT${seconds}S`}>
                {mmss(seconds)}
              </time>
            </p>
          </div>
          <NextDecisionPanel snapshot={snapshot} />
          {protocol.hold && (
            <p role="status" className="notice">
              {t('protocol.onHold')}
            </p>
          )}
          <div className="inline">
            <button type="button" data-testid="hold" disabled={!live} onClick={() => void command({ type: 'hold', on: !protocol.hold })}>
              {protocol.hold ? t('protocol.release') : t('protocol.hold')}
            </button>
            <button type="button" className="primary" data-testid="advance" disabled={!live} onClick={() => void command({ type: 'advance' })}>
              {t('protocol.advance')}
            </button>
            <button
              type="button"
              data-testid="step-back"
              aria-describedby="step-back-hint"
              disabled={!live || protocol.stepType !== 'exposure' || snapshot.directive.scene.level === 0}
              onClick={() => void command({ type: 'stepBack' })}
            >
              {t('protocol.stepBack')}
            </button>
          </div>
          <small id="step-back-hint" className="muted">
            {t('protocol.stepBackHint')}
          </small>
        </>
      )}
    </section>
  );
}
