import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminAccountView, GrantableSessionView, GrantView, ProtocolSummary } from '../../../contract';
import { formatDateTime } from '../../common/format';
import { api } from '../api';
import { pick } from '../session/text';

/** Research grants: a researcher gets de-identified exports of a whole protocol, or of one session. */
export function GrantsPanel({ accounts }: { accounts: AdminAccountView[] }) {
  const { t, i18n } = useTranslation();
  const [grants, setGrants] = useState<GrantView[]>([]);
  const [protocols, setProtocols] = useState<ProtocolSummary[]>([]);
  const [kind, setKind] = useState<'protocol' | 'session'>('protocol');
  const [protocolId, setProtocolId] = useState('');
  const [sessions, setSessions] = useState<GrantableSessionView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const researchers = accounts.filter((a) => a.roles.includes('researcher') && !a.disabled);

  const refresh = async () => setGrants(await api<GrantView[]>('/admin/grants'));
  useEffect(() => {
    Promise.all([refresh(), api<ProtocolSummary[]>('/protocols').then(setProtocols)]).catch((err: Error) => setError(err.message));
  }, []);
  useEffect(() => {
    if (kind !== 'session' || !protocolId) return setSessions([]);
    api<GrantableSessionView[]>(`/admin/sessions?protocolId=${encodeURIComponent(protocolId)}`).then(setSessions, (err: Error) => setError(err.message));
  }, [kind, protocolId]);

  const title = (id: string) => {
    const p = protocols.find((x) => x.id === id);
    return p ? pick(p.title, i18n.language) : id;
  };

  const grant = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const researcherId = String(data.get('researcherId'));
    const body = kind === 'protocol' ? { kind, researcherId, protocolId } : { kind, researcherId, sessionId: String(data.get('sessionId')) };
    try {
      const g = await api<GrantView>('/admin/grants', { body });
      setError(null);
      setInfo(t('admin.granted', { username: g.researcherUsername }));
      await refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const revoke = async (g: GrantView) => {
    try {
      await api(`/admin/grants/${g.id}`, { method: 'DELETE' });
      await refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="panel" aria-labelledby="grants-h">
      <h2 id="grants-h">{t('admin.grants')}</h2>
      <p className="muted">{t('admin.grantsIntro')}</p>
      {grants.length === 0 ? (
        <p className="muted">{t('admin.noGrants')}</p>
      ) : (
        <ul className="list">
          {grants.map((g) => {
            const line = t(`admin.grantLine_${g.kind}`, { researcher: g.researcherUsername, protocol: title(g.protocolId), date: formatDateTime(g.createdAt, i18n.language) });
            return (
              <li key={g.id}>
                <span>
                  {line}
                  <span className="muted"> · {t('admin.grantedBy', { who: g.grantedBy, date: formatDateTime(g.createdAt, i18n.language) })}</span>
                </span>
                <button type="button" onClick={() => void revoke(g)}>
                  {t('admin.revoke')} <span className="sr-only">{line}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {researchers.length === 0 ? (
        <p className="muted">{t('admin.noResearchers')}</p>
      ) : (
        <form className="start-form grant-form" onSubmit={(e) => void grant(e)}>
          <label>
            {t('admin.researcher')}
            <select name="researcherId" required>
              {researchers.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.username}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="roles">
            <legend>{t('admin.what')}</legend>
            {(['protocol', 'session'] as const).map((k) => (
              <label key={k} className="radio">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                {t(`admin.kind_${k}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('admin.protocol')}
            <select name="protocolId" required value={protocolId} onChange={(e) => setProtocolId(e.currentTarget.value)}>
              <option value="" disabled>
                —
              </option>
              {protocols.map((p) => (
                <option key={p.id} value={p.id}>
                  {pick(p.title, i18n.language)} ({p.id} v{p.version})
                </option>
              ))}
            </select>
          </label>
          {kind === 'session' &&
            (sessions.length === 0 ? (
              <p className="muted">{t('admin.noSessions')}</p>
            ) : (
              <label>
                {t('admin.session')}
                <select name="sessionId" required>
                  {sessions.map((s) => (
                    <option key={s.id} value={s.id}>
                      {formatDateTime(s.createdAt, i18n.language)} · {t(`sessions.status_${s.status}`)} · {s.id.slice(0, 8)}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          <button type="submit" className="primary" disabled={!protocolId || (kind === 'session' && sessions.length === 0)}>
            {t('admin.grant')}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p role="status" className={info ? 'notice' : 'sr-only'}>
        {info}
      </p>
    </section>
  );
}
