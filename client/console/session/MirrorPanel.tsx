import { lazy, type RefObject, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '../../../contract';
import { clockNow } from '../../../scenes/kit/sceneClock';
import { useLiveLink } from './liveLink';
import type { MirrorMode } from './MirrorView';

const MirrorView = lazy(() => import('./MirrorView').then((m) => ({ default: m.MirrorView })));

const NONE = {};
const MIRROR_KEY = 'cueroom.mirror';

/**
 * The mirror is turned on per computer (remembered): rendering a scene is heavy for a modest clinic PC,
 * and the console — its emergency stop above all — must stay responsive wherever it runs.
 */
function useMirrorOn(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(MIRROR_KEY) === 'on');
  return [
    on,
    (next) => {
      localStorage.setItem(MIRROR_KEY, next ? 'on' : 'off');
      setOn(next);
    },
  ];
}

/** Clinician-fired events seen since the mirror opened, on the scene clock's time base (older ones are over). */
function useFiredEvents(event: SessionSnapshot['directive']['event']) {
  const first = useRef(event?.id ?? null);
  const [events, setEvents] = useState<{ eventId: string; startedAt: number }[]>([]);
  useEffect(() => {
    if (!event || event.id === first.current) return;
    setEvents((list) => [...list.slice(-4), { eventId: event.eventId, startedAt: clockNow() }]);
  }, [event]);
  return events;
}

/** Whether the element is at least partly on screen. */
function useOnScreen(ref: RefObject<HTMLElement | null>): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => setVisible(entry?.isIntersecting ?? true));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return visible;
}

/**
 * A live 3D view of what the patient sees: the scene and level the headset reports showing, rendered here
 * from the patient's head pose; or a free camera showing where the patient looks.
 */
export function MirrorPanel({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<MirrorMode>('head');
  const [on, setOn] = useMirrorOn();
  const tracking = useLiveLink((s) => s.pose !== null);
  const shown = snapshot.applied?.scene ?? snapshot.directive.scene;
  const appliedAt = snapshot.applied?.at ?? null;
  // The level's clock in local time: the headset reported it showing at `applied.at` (server time).
  const levelStartedAt = useMemo(() => clockNow() - (appliedAt === null ? 0 : Math.max(0, Date.now() - appliedAt) / 1000), [appliedAt, shown.sceneId, shown.level]);
  const events = useFiredEvents(snapshot.directive.event);
  const view = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(view);
  const personalisation = snapshot.directive.personalisation ?? NONE;
  const scene = useMemo(
    () => ({ sceneId: shown.sceneId, level: shown.level, levelStartedAt, events, personalisation }),
    [shown.sceneId, shown.level, levelStartedAt, events, personalisation],
  );

  return (
    <section className="panel mirror" aria-labelledby="mirror-h">
      <div className="mirror-head">
        <h2 id="mirror-h">{t('live.mirror.title')}</h2>
        <div className="inline" role="group" aria-label={t('live.mirror.mode')}>
          {(['head', 'free'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} data-testid={`mirror-${m}`} onClick={() => setMode(m)}>
              {t(`live.mirror.${m}`)}
            </button>
          ))}
        </div>
        <button type="button" data-testid="mirror-toggle" onClick={() => setOn(!on)}>
          {on ? t('live.mirror.off') : t('live.mirror.on')}
        </button>
      </div>
      <div className="mirror-view" data-testid="mirror" data-mode={mode} ref={view}>
        {/* Rendered only while the headset is connected: nothing to mirror otherwise, and it costs. */}
        {!on ? (
          <p>{t('live.mirror.isOff')}</p>
        ) : snapshot.headset.connected ? (
          <Suspense fallback={<p>{t('live.mirror.loading')}</p>}>
            <MirrorView mode={mode} scene={scene} active={onScreen} />
          </Suspense>
        ) : (
          <p>{t('live.mirror.offline')}</p>
        )}
        {on && mode === 'head' && snapshot.headset.connected && <span className="reticle" aria-hidden />}
      </div>
      <p className="muted small" role="status">
        {tracking ? t(mode === 'head' ? 'live.mirror.headHint' : 'live.mirror.freeHint') : t('live.mirror.noPose')}
      </p>
    </section>
  );
}
