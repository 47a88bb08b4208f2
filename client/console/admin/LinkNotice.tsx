import { useTranslation } from 'react-i18next';
import type { IssuedLink } from '../../../contract';
import { formatDateTime } from '../../common/format';

/** A one-time link, shown once, in a field the administrator can select and copy. */
export function LinkNotice({ username, link }: { username: string; link: IssuedLink }) {
  const { t, i18n } = useTranslation();
  const url = `${location.origin}${link.path}`;
  return (
    <div className="notice" role="status">
      <p>{t('admin.link', { username, time: formatDateTime(link.expiresAt, i18n.language) })}</p>
      <input className="link-field" readOnly value={url} aria-label={t('admin.link', { username, time: formatDateTime(link.expiresAt, i18n.language) })} onFocus={(e) => e.currentTarget.select()} />
    </div>
  );
}
