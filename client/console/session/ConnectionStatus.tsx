import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '../../../contract';
import { useLiveSession } from '../sessionStore';
import { useLiveLink } from './liveLink';

/** The console's link to the server (with its round trip) and the headset's: up or down, frame rate, VR or not. */
export function ConnectionStatus({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t } = useTranslation();
  const consoleUp = useLiveSession((s) => s.connected);
  const rtt = useLiveLink((s) => s.rtt);
  const h = snapshot.headset;
  return (
    <dl className="connection" data-testid="connection-status">
      <div>
        <dt>{t('live.link.console')}</dt>
        <dd data-testid="console-link">
          <span className={`dot ${consoleUp ? 'up' : 'down'}`} aria-hidden /> {consoleUp ? t('live.link.up') : t('live.link.down')}
        </dd>
      </div>
      <div>
        <dt>{t('live.link.rtt')}</dt>
        <dd data-testid="rtt">{rtt === null ? '—' : t('live.link.ms', { ms: rtt })}</dd>
      </div>
      <div>
        <dt>{t('live.link.headset')}</dt>
        <dd data-testid="headset-link">
          <span className={`dot ${h.connected ? 'up' : 'down'}`} aria-hidden /> {h.connected ? t('live.link.up') : t('live.link.down')}
        </dd>
      </div>
      <div>
        <dt>{t('live.link.fps')}</dt>
        <dd data-testid="headset-fps">{h.connected && h.fps !== null ? h.fps : '—'}</dd>
      </div>
      <div>
        <dt>{t('live.link.mode')}</dt>
        <dd data-testid="headset-mode">{h.connected ? (h.immersive ? t('live.link.immersive') : t('live.link.desktop')) : '—'}</dd>
      </div>
    </dl>
  );
}
