import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../authStore';
import { BlockedNotice } from '../session/BlockedNotice';
import { CloseGate, washoutAfterEnd } from '../session/CloseGate';
import { CravingPanel } from '../session/CravingPanel';
import { EmergencyStop } from '../session/EmergencyStop';
import { HeadsetPanel } from '../session/HeadsetPanel';
import { LivePanels } from '../session/LivePanels';
import { LogPanel } from '../session/LogPanel';
import { ScreeningReminder } from '../patients/ScreeningReminder';
import { PatientFit } from '../session/PatientFit';
import { PreCheckPanel } from '../session/PreCheckPanel';
import { SessionInsights } from '../report/SessionInsights';
import { ProtocolPanel } from '../session/ProtocolPanel';
import { SceneEvents } from '../session/SceneEvents';
import { ScenePanel } from '../session/ScenePanel';
import { useLiveSession } from '../sessionStore';

export function SessionScreen({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const token = useAuth((s) => s.token);
  const snapshot = useLiveSession((s) => s.snapshot);
  const error = useLiveSession((s) => s.error);
  const command = useLiveSession((s) => s.command);
  const log = useLiveSession((s) => s.log);

  useEffect(() => {
    if (token) void useLiveSession.getState().watch(sessionId, token);
    return () => useLiveSession.getState().leave();
  }, [sessionId, token]);

  const ended = snapshot?.status === 'ended';
  const open = snapshot !== null && !ended;
  const washout = open ? washoutAfterEnd(log) : null;
  return (
    <div className="session">
      <div className="session-head">
        <a href="#">{t('session.back')}</a>
        <h1>{snapshot ? t('session.patient', { code: snapshot.patientCode }) : '…'}</h1>
        {open && (
          <button
            type="button"
            onClick={() => {
              if (confirm(t('session.endConfirm'))) void command({ type: 'end' });
            }}
          >
            {t('session.end')}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          {t('errors.generic', { message: error })}
        </p>
      )}
      {ended && <p className="notice">{t('session.ended')}</p>}
      {open && <EmergencyStop snapshot={snapshot} />}
      {open && <ScreeningReminder snapshot={snapshot} />}
      {washout && <CloseGate washout={washout} />}
      {open && snapshot.phase === 'check' && <PreCheckPanel snapshot={snapshot} />}
      {snapshot?.phase === 'blocked' && <BlockedNotice snapshot={snapshot} />}
      {snapshot && (
        <div className="columns">
          <div>
            <HeadsetPanel snapshot={snapshot} />
            {snapshot.protocol && <ProtocolPanel snapshot={snapshot} protocol={snapshot.protocol} />}
            <ScenePanel snapshot={snapshot} />
            <SceneEvents snapshot={snapshot} />
            <PatientFit snapshot={snapshot} />
          </div>
          <div>
            <LivePanels snapshot={snapshot} />
            <CravingPanel snapshot={snapshot} />
            <SessionInsights snapshot={snapshot} />
            <LogPanel />
          </div>
        </div>
      )}
    </div>
  );
}
