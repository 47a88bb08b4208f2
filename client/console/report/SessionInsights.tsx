import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '../../../contract';
import { AttentionPanel } from '../attention/AttentionPanel';
import { LiveChart } from '../chart/LiveChart';
import { useLiveSession } from '../sessionStore';
import './report.css';

/** On the session screen: the live chart and attention, and the report once the session has ended. */
export function SessionInsights({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t } = useTranslation();
  const log = useLiveSession((s) => s.log);
  return (
    <div className="insights">
      {snapshot.status === 'ended' && (
        <p>
          <a className="button primary" href={`#/session/${snapshot.id}/report`} data-testid="open-report">
            {t('report.open')}
          </a>
        </p>
      )}
      <LiveChart snapshot={snapshot} />
      <AttentionPanel snapshot={snapshot} log={log} />
    </div>
  );
}
