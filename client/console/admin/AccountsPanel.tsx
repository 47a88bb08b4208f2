import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AccountChange, type AdminAccountView, type IssuedLink, Role } from '../../../contract';
import { api } from '../api';
import { LinkNotice } from './LinkNotice';

/** The organisation's accounts: roles, disabling, password resets, and new accounts (with a password or an invitation link). */
export function AccountsPanel({ accounts, me, onChanged }: { accounts: AdminAccountView[]; me: string; onChanged(): Promise<void> }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [link, setLink] = useState<{ username: string; link: IssuedLink } | null>(null);

  const act = async (path: string, body: unknown, message?: string) => {
    try {
      const r = await api<AccountChange>(path, { body });
      setError(null);
      setInfo(message ?? t('admin.saved', { username: r.account.username }));
      setLink(r.link ? { username: r.account.username, link: r.link } : null);
      await onChanged();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const password = String(data.get('password') ?? '');
    await act('/admin/accounts', { username: String(data.get('username')), roles: data.getAll('roles'), ...(password ? { password } : {}) });
    form.reset();
  };

  return (
    <section className="panel" aria-labelledby="accounts-h">
      <h2 id="accounts-h">{t('admin.accounts')}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">{t('admin.username')}</th>
            <th scope="col">{t('admin.roles')}</th>
            <th scope="col">{t('admin.status')}</th>
            <th scope="col">
              <span className="sr-only">{t('admin.status')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <AccountRow key={a.id + a.roles.join() + String(a.disabled)} account={a} isMe={a.id === me} act={act} />
          ))}
        </tbody>
      </table>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p role="status" className={info ? 'notice' : 'sr-only'}>
        {info}
      </p>
      {link && <LinkNotice username={link.username} link={link.link} />}

      <form className="start-form" onSubmit={(e) => void create(e)}>
        <h3>{t('admin.newAccount')}</h3>
        <label>
          {t('admin.username')}
          <input name="username" required pattern="[A-Za-z0-9._\-]{3,40}" autoComplete="off" />
        </label>
        <RoleChoice name="roles" initial={['clinician']} legend={t('admin.roles')} />
        <label>
          {t('admin.initialPassword')}
          <input name="password" type="password" minLength={10} autoComplete="new-password" aria-describedby="initial-password-hint" />
          <small id="initial-password-hint" className="muted">
            {t('admin.initialPasswordHint')}
          </small>
        </label>
        <button type="submit" className="primary">
          {t('admin.create')}
        </button>
      </form>
    </section>
  );
}

function AccountRow({ account: a, isMe, act }: { account: AdminAccountView; isMe: boolean; act(path: string, body: unknown, message?: string): Promise<void> }) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState(a.roles);
  const status = a.disabled ? t('admin.disabled') : a.passwordSet ? t('admin.active') : t('admin.invited');
  return (
    <tr>
      <th scope="row">
        {a.username} {isMe && <span className="muted">{t('admin.you')}</span>}
      </th>
      <td>
        <RoleChoice legend={`${t('admin.roles')} — ${a.username}`} initial={a.roles} onChange={setRoles} hideLegend />
        <button
          type="button"
          disabled={roles.join() === a.roles.join() || roles.length === 0}
          onClick={() => void act(`/admin/accounts/${a.id}/roles`, { roles }, `${t('admin.saved', { username: a.username })} ${t('admin.signedOut')}`)}
        >
          {t('admin.saveRoles')}
        </button>
      </td>
      <td>{status}</td>
      <td className="actions">
        {!isMe && (
          <button type="button" onClick={() => void act(`/admin/accounts/${a.id}/disabled`, { disabled: !a.disabled })}>
            {a.disabled ? t('admin.enable') : t('admin.disable')} <span className="sr-only">{a.username}</span>
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            if (confirm(t('admin.resetConfirm', { username: a.username }))) void act(`/admin/accounts/${a.id}/password`, {});
          }}
        >
          {t('admin.reset')} <span className="sr-only">{a.username}</span>
        </button>
      </td>
    </tr>
  );
}

/** Role checkboxes; in a form they submit as `name`, else they report changes. */
function RoleChoice({ name, legend, initial, onChange, hideLegend }: { name?: string; legend: string; initial: Role[]; onChange?(roles: Role[]): void; hideLegend?: boolean }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Role[]>(initial);
  const toggle = (r: Role, on: boolean) => {
    const next = Role.options.filter((o) => (o === r ? on : chosen.includes(o)));
    setChosen(next);
    onChange?.(next);
  };
  return (
    <fieldset className="roles">
      <legend className={hideLegend ? 'sr-only' : undefined}>{legend}</legend>
      {Role.options.map((r) => (
        <label key={r} className="radio">
          <input type="checkbox" name={name} value={r} checked={chosen.includes(r)} onChange={(e) => toggle(r, e.currentTarget.checked)} />
          {t(`role_${r}`)}
        </label>
      ))}
    </fieldset>
  );
}
