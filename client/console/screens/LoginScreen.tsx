import { useTranslation } from 'react-i18next';
import { CredentialsForm } from './CredentialsForm';

export function LoginScreen() {
  const { t } = useTranslation();
  return <CredentialsForm title={t('login.title')} submit={t('login.submit')} path="/login" />;
}
