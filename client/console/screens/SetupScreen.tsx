import { useTranslation } from 'react-i18next';
import { CredentialsForm } from './CredentialsForm';

/** First start: the one-time link printed by the server creates the administrator account. */
export function SetupScreen({ token }: { token: string }) {
  const { t } = useTranslation();
  return <CredentialsForm title={t('setup.title')} intro={t('setup.intro')} submit={t('setup.submit')} path="/setup" extra={{ token }} newPassword />;
}
