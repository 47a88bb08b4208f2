import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '../../../contract';
import { findScene } from '../../../scenes/manifests';
import { useLiveSession } from '../sessionStore';
import { CravingChart } from './CravingChart';
import { chartSeries } from './series';

/** Redraws the right edge while the session runs, so time visibly passes between ratings. */
const TICK_MS = 5000;

/** The craving chart of the live session, from the console's live log and ratings. */
export function LiveChart({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t } = useTranslation();
  const log = useLiveSession((s) => s.log);
  const ratings = useLiveSession((s) => s.ratings);
  const [now, setNow] = useState(Date.now());
  const open = snapshot.status === 'open';

  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [open]);

  const series = useMemo(
    () => chartSeries({ t0: snapshot.createdAt, now, log, ratings, baseline: snapshot.baseline, ceiling: snapshot.ceiling, findScene }),
    [snapshot.createdAt, snapshot.baseline, snapshot.ceiling, now, log, ratings],
  );
  return (
    <section className="panel" aria-labelledby="chart-h">
      <h2 id="chart-h">{t('chart.title')}</h2>
      <CravingChart series={series} />
    </section>
  );
}
