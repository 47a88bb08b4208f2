import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '../../../contract';
import { useLiveSession } from '../sessionStore';
import { pick } from './text';

/** Phase `blocked`: which answers stopped the session; only ending it remains. */
export function BlockedNotice({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t, i18n } = useTranslation();
  const log = useLiveSession((s) => s.log);
  const entry = [...log].reverse().find((e) => e.type === 'check.blocked');
  const blocking = Array.isArray(entry?.data.blocking) ? (entry.data.blocking as string[]) : [];
  const answers = (entry?.data.answers ?? {}) as Record<string, string>;

  return (
    <section className="panel blocked" aria-labelledby="blocked-h">
      <h2 id="blocked-h">{t('check.blockedTitle')}</h2>
      {blocking.length > 0 && (
        <ul>
          {blocking.map((id) => {
            const item = snapshot.checkItems.find((i) => i.id === id);
            const answer = answers[id] ?? item?.blocksIf;
            return (
              <li key={id}>
                {t('check.blockedItem', { item: item ? pick(item.text, i18n.language) : id, answer: answer ? t(`check.${answer}`) : '—' })}
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <strong>{t('check.blockedOnly')}</strong>
      </p>
    </section>
  );
}
