import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudyView } from '../../../contract';
import { formatDateTime } from '../../common/format';
import { api, download } from '../api';
import { pick } from '../session/text';

/** A researcher's screen: the studies granted, and their de-identified exports. No patients, no live sessions. */
export function ResearchScreen() {
  const { t, i18n } = useTranslation();
  const [studies, setStudies] = useState<StudyView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<StudyView[]>('/studies').then(setStudies, (err: Error) => setError(err.message));
  }, []);

  const get = (path: string) => download(path).catch((err: Error) => setError(t('research.downloadFailed', { message: err.message })));

  return (
    <div>
      <h1>{t('research.title')}</h1>
      <p className="muted">{t('research.intro')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {studies?.length === 0 && <p className="muted">{t('research.none')}</p>}
      {studies?.map((s) => {
        const title = s.title ? pick(s.title, i18n.language) : s.protocolId;
        const base = `/studies/${encodeURIComponent(s.protocolId)}`;
        const headingId = `study-${s.protocolId}`;
        return (
          <section key={s.protocolId} className="panel" aria-labelledby={headingId}>
            <h2 id={headingId}>{title}</h2>
            <p className="muted">
              {s.protocolId} · {t(`research.access_${s.access}`)} · {t('research.sessions', { count: s.sessions.length })}
            </p>
            <div className="actions" role="group" aria-label={title}>
              <button type="button" onClick={() => void get(`${base}/export?format=csv&table=ratings`)}>
                {t('research.ratings')}
              </button>
              <button type="button" onClick={() => void get(`${base}/export?format=csv&table=events`)}>
                {t('research.events')}
              </button>
              <button type="button" onClick={() => void get(`${base}/export?format=json`)}>
                {t('research.json')}
              </button>
              <button type="button" className="primary" onClick={() => void get(`${base}/export?format=zip`)}>
                {t('research.zip')}
              </button>
            </div>
            {s.sessions.length > 0 && (
              <>
                <h3>{t('research.sessionList')}</h3>
                <ul className="list">
                  {s.sessions.map((x) => {
                    const label = t('research.session', { id: x.id.slice(0, 8), date: formatDateTime(x.createdAt, i18n.language) });
                    return (
                      <li key={x.id}>
                        <span>{label}</span>
                        <span className="actions" role="group" aria-label={label}>
                          {(['csv', 'json', 'fhir'] as const).map((f) => (
                            <button key={f} type="button" onClick={() => void get(`${base}/sessions/${x.id}/export?format=${f}`)}>
                              {f.toUpperCase()}
                            </button>
                          ))}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}
