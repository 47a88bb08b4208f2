import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../../contract';
import { sceneManifests } from '../../../scenes/manifests';
import { formatTime } from '../../common/format';
import { useLiveSession } from '../sessionStore';
import { sceneTitle } from './sceneTitle';
import { pick } from './text';

/** The append-only session log as the server stored it, newest first, in the console's language. */
export function LogPanel() {
  const { t, i18n } = useTranslation();
  const log = useLiveSession((s) => s.log);
  return (
    <section className="panel" aria-labelledby="log-h">
      <h2 id="log-h">{t('log.title')}</h2>
      <ol className="log" reversed>
        {[...log].reverse().filter((e) => e.type !== 'attention.dwell').slice(0, 200).map((e) => {
          const reason = reasonOf(e, t);
          return (
            <li key={e.seq} className={e.type.startsWith('override.') ? 'override' : undefined}>
              <time>{formatTime(e.at, i18n.language)}</time> <span className={`actor ${e.actor}`}>{e.actor}</span>{' '}
              <span title={e.type}>{t(`logType.${e.type.replace(/\./g, '_')}`, { defaultValue: t(`live.logType.${e.type.replace(/\./g, '_')}`, { defaultValue: e.type }) })}</span>
              {details(e, t, i18n.language)}
              {reason && <span className="reason"> — {reason}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Codes from the gate are translated; decisions' reasons and clinicians' written reasons are shown as written. */
function reasonOf(e: LogEntry, t: TFunction): string | null {
  const d = e.data;
  if (e.type === 'note' && typeof d.text === 'string') return `“${d.text}”`;
  const reason = typeof d.reason === 'string' ? d.reason : typeof d.override === 'string' ? d.override : typeof d.activeUseOverride === 'string' ? d.activeUseOverride : null;
  if (reason === null) return null;
  if (e.type === 'rating.deferred' || e.type === 'rating.cancelled') return t(`rating.reason_${reason}`, { defaultValue: reason });
  if (e.type.startsWith('override.') || 'override' in d || 'activeUseOverride' in d) return `“${reason}”`;
  return reason;
}

function details(e: LogEntry, t: TFunction, language: string): string {
  const d = e.data;
  const parts: string[] = [];
  if (typeof d.index === 'number') parts.push(t('log.step', { n: d.index + 1 }));
  if (e.type === 'step.started' && typeof d.type === 'string') parts.push(t(`protocol.type_${d.type}`, { defaultValue: d.type }));
  if (typeof d.sceneId === 'string') parts.push(sceneTitle(d.sceneId, language));
  if (typeof d.level === 'number') parts.push(t('log.level', { level: d.level }));
  if (typeof d.eventId === 'string') parts.push(eventTitle(d.eventId, language));
  if (typeof d.segmentId === 'string') parts.push(d.segmentId);
  if (d.activeUse === true) parts.push(t('events.activeUse'));
  if (typeof d.value === 'number') parts.push(`${d.value}${d.scale === 'nrs10' ? '/10' : '/100'}`);
  if (typeof d.source === 'string') parts.push(t(`rating.source_${d.source}`, { defaultValue: d.source }));
  if (typeof d.until === 'number') parts.push(t('log.until', { time: formatTime(d.until, language) }));
  if (Array.isArray(d.blocking)) parts.push(t('log.blocking', { items: d.blocking.join(', ') }));
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function eventTitle(eventId: string, language: string): string {
  for (const m of sceneManifests) {
    const e = m.events.find((x) => x.id === eventId);
    if (e) return pick(e.title, language);
  }
  return eventId;
}
