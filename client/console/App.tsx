import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { api } from './api';
import { useAuth } from './authStore';
import { HomeScreen } from './screens/HomeScreen';
import { LoginScreen } from './screens/LoginScreen';
import { SetupScreen } from './screens/SetupScreen';
import { SessionScreen } from './screens/SessionScreen';

/** Hash routes: `#setup=TOKEN`, `#/session/ID`, or the home screen. */
function useRoute(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const account = useAuth((s) => s.account);
  const signOut = useAuth((s) => s.signOut);
  const setupToken = route.startsWith('#setup=') ? route.slice('#setup='.length) : null;
  const sessionId = route.startsWith('#/session/') ? route.slice('#/session/'.length) : null;

  let screen;
  if (setupToken && !account) screen = <SetupScreen token={setupToken} />;
  else if (!account) screen = <LoginScreen />;
  else if (sessionId) screen = <SessionScreen sessionId={sessionId} />;
  else screen = <HomeScreen />;

  return (
    <>
      <header className="top">
        <strong>{t('app')}</strong>
        <span className="top-right">
          {account && (
            <>
              <span className="who">{account.username}</span>
              <button
                type="button"
                onClick={() => {
                  void api('/logout', { method: 'POST' }).finally(signOut);
                }}
              >
                {t('signOut')}
              </button>
            </>
          )}
          <LanguageSwitch />
        </span>
      </header>
      <main>{screen}</main>
    </>
  );
}
