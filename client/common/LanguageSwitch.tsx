import { useTranslation } from 'react-i18next';
import { LANGUAGES } from './i18n';

export function LanguageSwitch() {
  const { i18n } = useTranslation();
  return (
    <div className="lang" role="group" aria-label="Language / Langue">
      {LANGUAGES.map((l) => (
        <button key={l} type="button" aria-pressed={i18n.language === l} onClick={() => void i18n.changeLanguage(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
