import { useTranslation } from 'react-i18next';
import { type CueDwell, seconds } from './dwell';

/** Dwell per cue as a table, with a bar for the eye; cue ids are the manifests' own names. */
export function AttentionTable({ rows, caption }: { rows: CueDwell[]; caption: string }) {
  const { t } = useTranslation();
  const most = Math.max(1, ...rows.map((r) => r.dwellMs));
  return (
    <table className="grid attention">
      <caption className="muted small">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('attention.cue')}</th>
          <th scope="col">{t('attention.kind')}</th>
          <th scope="col">{t('attention.dwell')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.cueId} data-cue={r.cueId} data-dwell-ms={r.dwellMs}>
            <td className="mono-id">{r.cueId}</td>
            <td>{t(`attention.kind_${r.kind ?? 'unknown'}`)}</td>
            <td>
              <span className="dwell-bar" style={{ width: `${(r.dwellMs / most) * 6}rem` }} aria-hidden="true" /> {seconds(r.dwellMs)} s
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
