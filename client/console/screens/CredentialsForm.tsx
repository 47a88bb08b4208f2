import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResponse } from '../../../contract';
import { api } from '../api';
import { useAuth } from '../authStore';

/** Username and password, posted to `path`; used by sign-in and by first-start setup. */
export function CredentialsForm({ title, intro, submit, path, extra = {}, newPassword = false }: {
  title: string;
  intro?: string;
  submit: string;
  path: string;
  extra?: Record<string, string>;
  newPassword?: boolean;
}) {
  const { t } = useTranslation();
  const signedIn = useAuth((s) => s.signedIn);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    try {
      const r = await api<LoginResponse>(path, {
        body: { ...extra, username: String(form.get('username')), password: String(form.get('password')) },
      });
      if (newPassword) history.replaceState(null, '', location.pathname);
      signedIn(r);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel narrow" onSubmit={(e) => void onSubmit(e)}>
      <h1>{title}</h1>
      {intro && <p className="muted">{intro}</p>}
      <label>
        {t('login.username')}
        <input name="username" autoComplete="username" required minLength={3} />
      </label>
      <label>
        {t('login.password')}
        <input name="password" type="password" autoComplete={newPassword ? 'new-password' : 'current-password'} required minLength={newPassword ? 10 : 1} />
        {newPassword && <small className="muted">{t('passwordHint')}</small>}
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      <button className="primary" type="submit" disabled={busy}>
        {submit}
      </button>
    </form>
  );
}
