import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessAction, AccessLogEntry, AdminAccountView } from '../../../contract';
import { formatDateTime } from '../../common/format';
import { api } from '../api';

const ACTIONS: AccessAction[] = [
  'patients.list',
  'sessions.list',
  'identity.read',
  'identity.write',
  'patient.read',
  'session.snapshot',
  'session.log',
  'session.ratings',
  'session.export',
  'session.watch',
  'study.export',
  'access-log.read',
  'session.summary',
  'patient.progress',
];

/** Who read which patient's data, newest first, filtered by person and action. */
export function AccessLogPanel({ accounts }: { accounts: AdminAccountView[] }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<AccessLogEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (filters: Record<string, string>) => {
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    try {
      setEntries(await api<AccessLogEntry[]>(`/access-log?${query.toString()}`));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);
  useEffect(() => void load({ limit: '100' }), [load]);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    void load({ accountId: String(data.get('accountId')), action: String(data.get('action')), limit: '200' });
  };

  return (
    <section className="panel" aria-labelledby="log-h">
      <h2 id="log-h">{t('admin.log')}</h2>
      <p className="muted">{t('admin.logIntro')}</p>
      <form className="inline" onSubmit={onSubmit}>
        <label>
          {t('admin.account')}
          <select name="accountId" defaultValue="">
            <option value="">{t('admin.any')}</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.username}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.action')}
          <select name="action" defaultValue="">
            <option value="">{t('admin.any')}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('admin.show')}</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="muted">{t('admin.noEntries')}</p>
      ) : (
        <div className="scroll">
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">{t('admin.when')}</th>
                <th scope="col">{t('admin.who')}</th>
                <th scope="col">{t('admin.whatCol')}</th>
                <th scope="col">{t('admin.patient')}</th>
                <th scope="col">{t('admin.sessionCol')}</th>
                <th scope="col">{t('admin.from')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at, i18n.language)}</td>
                  <td>
                    {e.username} <span className="muted">({t(`role_${e.role}`)})</span>
                  </td>
                  <td>
                    {e.action}
                    {e.detail && <span className="muted"> {e.detail}</span>}
                  </td>
                  <td className="mono-id">{e.patientId?.slice(0, 8) ?? ''}</td>
                  <td className="mono-id">{e.sessionId?.slice(0, 8) ?? e.protocolId ?? ''}</td>
                  <td>{e.ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
