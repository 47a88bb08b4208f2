import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '../../../contract';
import { useLiveSession } from '../sessionStore';
import { pick } from './text';

type Answer = 'yes' | 'no';

/** The pre-session check: one yes/no question per item; nothing is exposed before it passes. */
export function PreCheckPanel({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t, i18n } = useTranslation();
  const command = useLiveSession((s) => s.command);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    await command({ type: 'preCheck', answers });
    setBusy(false);
  };

  return (
    <section className="panel check" aria-labelledby="check-h">
      <h2 id="check-h">{t('check.title')}</h2>
      <p className="muted">{t('check.intro')}</p>
      <form onSubmit={(e) => void onSubmit(e)}>
        {snapshot.checkItems.map((item) => {
          const answer = answers[item.id];
          const blocks = answer !== undefined && answer === item.blocksIf;
          return (
            <fieldset key={item.id} className="check-item">
              <legend>{pick(item.text, i18n.language)}</legend>
              {(['yes', 'no'] as const).map((value) => (
                <label key={value} className="radio">
                  <input
                    type="radio"
                    name={item.id}
                    value={value}
                    required
                    checked={answer === value}
                    onChange={() => setAnswers((a) => ({ ...a, [item.id]: value }))}
                  />
                  {t(`check.${value}`)}
                </label>
              ))}
              <span className="blocks" aria-live="polite">
                {blocks && <span className="tag warn">{t('check.blocksHere')}</span>}
              </span>
            </fieldset>
          );
        })}
        <button type="submit" className="primary" data-testid="precheck-submit" disabled={busy || snapshot.status !== 'open'}>
          {t('check.submit')}
        </button>
      </form>
    </section>
  );
}
