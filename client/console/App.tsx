import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, Role } from '../../contract';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { api } from './api';
import { useAuth } from './authStore';
import { AdminScreen } from './screens/AdminScreen';
import { HomeScreen } from './screens/HomeScreen';
import { InviteScreen } from './screens/InviteScreen';
import { LoginScreen } from './screens/LoginScreen';
import { PatientScreen } from './screens/PatientScreen';
import { ReportScreen } from './report/ReportScreen';
import { ResearchScreen } from './screens/ResearchScreen';
import { SetupScreen } from './screens/SetupScreen';
import { SessionScreen } from './screens/SessionScreen';

/** Hash routes: `#setup=TOKEN`, `#invite=TOKEN`, `#/session/ID`, `#/patient/ID`, `#/admin`, `#/research`, or the home screen. */
function useRoute(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

/** The sections an account may open, in the order of its roles' everyday use. */
const SECTIONS: { role: Role; hash: string; label: string }[] = [
  { role: 'clinician', hash: '#', label: 'nav.patients' },
  { role: 'admin', hash: '#/admin', label: 'nav.admin' },
  { role: 'researcher', hash: '#/research', label: 'nav.research' },
];

function screenFor(account: AccountView, route: string) {
  const has = (r: Role) => account.roles.includes(r);
  const report = /^#\/session\/([^/]+)\/report$/.exec(route);
  if (report && has('clinician')) return <ReportScreen sessionId={report[1]!} />;
  if (route.startsWith('#/session/') && has('clinician')) return <SessionScreen sessionId={route.slice('#/session/'.length)} />;
  if (route.startsWith('#/patient/') && has('clinician')) return <PatientScreen key={route} patientId={route.slice('#/patient/'.length)} />;
  if (route === '#/admin' && has('admin')) return <AdminScreen />;
  if (route === '#/research' && has('researcher')) return <ResearchScreen />;
  // Home: the first section the account holds (a researcher never lands on patients).
  if (has('clinician')) return <HomeScreen />;
  if (has('admin')) return <AdminScreen />;
  return <ResearchScreen />;
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const account = useAuth((s) => s.account);
  const signOut = useAuth((s) => s.signOut);
  const setupToken = route.startsWith('#setup=') ? route.slice('#setup='.length) : null;
  const inviteToken = route.startsWith('#invite=') ? route.slice('#invite='.length) : null;
  const sections = account ? SECTIONS.filter((s) => account.roles.includes(s.role)) : [];

  let screen;
  if (setupToken && !account) screen = <SetupScreen token={setupToken} />;
  else if (inviteToken && !account) screen = <InviteScreen token={inviteToken} />;
  else if (!account) screen = <LoginScreen />;
  else screen = screenFor(account, route);

  return (
    <>
      <header className="top">
        <strong>{t('app')}</strong>
        {sections.length > 1 && (
          <nav aria-label={t('nav.label')} className="sections">
            {sections.map((s) => (
              <a key={s.role} href={s.hash}>
                {t(s.label)}
              </a>
            ))}
          </nav>
        )}
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
