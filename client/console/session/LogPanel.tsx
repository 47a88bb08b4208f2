import { useTranslation } from 'react-i18next';
import { formatTime } from '../../common/format';
import { useLiveSession } from '../sessionStore';

/** The append-only session log as the server stored it, newest first. */
export function LogPanel() {
  const { t, i18n } = useTranslation();
  const log = useLiveSession((s) => s.log);
  return (
    <section className="panel" aria-labelledby="log-h">
      <h2 id="log-h">{t('log.title')}</h2>
      <ol className="log" reversed>
        {[...log].reverse().slice(0, 200).map((e) => (
          <li key={e.seq}>
            <time>{formatTime(e.at, i18n.language)}</time> <span className={`actor ${e.actor}`}>{e.actor}</span> {e.type}
            {summary(e.data)}
          </li>
        ))}
      </ol>
    </section>
  );
}

function summary(data: Record<string, unknown>): string {
  const parts = ['sceneId', 'level', 'value', 'source'].filter((k) => data[k] !== undefined).map((k) => `${k}=${String(data[k])}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
