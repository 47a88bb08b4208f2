import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResponse } from '../../../contract';
import { api } from '../api';
import { useAuth } from '../authStore';

/** An invitation or reset link (`#invite=TOKEN`): the person chooses their password and is signed in. */
export function InviteScreen({ token }: { token: string }) {
  const { t } = useTranslation();
  const signedIn = useAuth((s) => s.signedIn);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get('password'));
    setBusy(true);
    try {
      const r = await api<LoginResponse>('/password', { body: { token, password } });
      // The link is spent: keep it out of the address bar and history.
      history.replaceState(null, '', location.pathname);
      signedIn(r);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel narrow" onSubmit={(e) => void onSubmit(e)}>
      <h1>{t('invite.title')}</h1>
      <p className="muted">{t('invite.intro')}</p>
      <label>
        {t('login.password')}
        <input name="password" type="password" autoComplete="new-password" required minLength={10} aria-describedby="invite-hint" />
        <small id="invite-hint" className="muted">
          {t('passwordHint')}
        </small>
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button className="primary" type="submit" disabled={busy}>
        {t('invite.submit')}
      </button>
    </form>
  );
}
