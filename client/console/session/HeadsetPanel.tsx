import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '../../../contract';
import { useLiveSession } from '../sessionStore';
import { ConnectionStatus } from './ConnectionStatus';
import { sceneTitle } from './sceneTitle';

/** Pairing, link status, and what the headset reports it is actually showing. */
export function HeadsetPanel({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t, i18n } = useTranslation();
  const pair = useLiveSession((s) => s.pair);
  const [busy, setBusy] = useState(false);
  const h = snapshot.headset;
  const applied = snapshot.applied;
  const pending = !applied || applied.revision < snapshot.directive.revision;

  const onPair = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    if (await pair(String(new FormData(form).get('code')))) form.reset();
    setBusy(false);
  };

  return (
    <section className="panel" aria-labelledby="headset-h">
      <h2 id="headset-h">{t('headset.title')}</h2>
      <p data-testid="link-status">
        <span className={`dot ${h.connected ? 'up' : 'down'}`} aria-hidden /> {h.connected ? t('headset.connected') : t('headset.disconnected')}
        {h.connected && (
          <>
            {' · '}
            {h.immersive ? t('headset.immersive') : t('headset.desktop')}
            {h.fps !== null && ` · ${t('headset.fps', { fps: h.fps })}`}
          </>
        )}
      </p>
      <ConnectionStatus snapshot={snapshot} />
      {applied && (
        <p data-testid="applied">
          {t('headset.shows', { scene: sceneTitle(applied.scene.sceneId, i18n.language), level: applied.scene.level })}
          {pending && <em className="muted"> · {t('headset.pending')}</em>}
        </p>
      )}
      {!h.connected && snapshot.status === 'open' && (
        <form className="inline" onSubmit={(e) => void onPair(e)}>
          <label>
            {t('headset.code')}
            <input name="code" required autoComplete="off" maxLength={6} className="mono" placeholder="ABC234" />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {t('headset.pair')}
          </button>
          <small className="muted">{t('headset.pairHint')}</small>
        </form>
      )}
    </section>
  );
}
