import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminAccountView } from '../../../contract';
import { AccessLogPanel } from '../admin/AccessLogPanel';
import { AccountsPanel } from '../admin/AccountsPanel';
import { GrantsPanel } from '../admin/GrantsPanel';
import { api } from '../api';
import { useAuth } from '../authStore';

/** The administrator's screen: accounts, research grants, and the access log. No patient data. */
export function AdminScreen() {
  const { t } = useTranslation();
  const me = useAuth((s) => s.account!.id);
  const [accounts, setAccounts] = useState<AdminAccountView[]>([]);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setAccounts(await api<AdminAccountView[]>('/admin/accounts'));
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  return (
    <div>
      <h1>{t('nav.admin')}</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <AccountsPanel accounts={accounts} me={me} onChanged={refresh} />
      <div className="columns">
        <GrantsPanel accounts={accounts} />
        <AccessLogPanel accounts={accounts} />
      </div>
    </div>
  );
}
