import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonalisationValues, SessionSnapshot } from '../../../contract';
import { sceneManifests } from '../../../scenes/manifests';
import type { PersonalisationDeclaration } from '../../../scenes/personalisation';
import { useLiveSession } from '../sessionStore';
import { pick } from './text';

/** Every personalisation the scene library declares, once per id (scenes may share one). */
const declarations: PersonalisationDeclaration[] = [
  ...new Map(sceneManifests.flatMap((m) => m.personalisation).map((p) => [p.id, p])).values(),
];

/** How the patient takes part (seated or standing, re-centring) and their own cues (preferred drink…). */
export function PatientFit({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t, i18n } = useTranslation();
  const command = useLiveSession((s) => s.command);
  const { posture, personalisation } = snapshot.directive;
  const disabled = snapshot.status !== 'open';
  const [draft, setDraft] = useState<PersonalisationValues>({});
  const value = (p: PersonalisationDeclaration) => draft[p.id] ?? personalisation[p.id] ?? p.default;
  const changed = Object.keys(draft).length > 0;

  return (
    <section className="panel" aria-labelledby="fit-h">
      <h2 id="fit-h">{t('fit.title')}</h2>
      <div className="row" role="group" aria-label={t('fit.posture')}>
        {(['seated', 'standing'] as const).map((p) => (
          <button key={p} type="button" aria-pressed={posture === p} disabled={disabled} onClick={() => void command({ type: 'setPosture', posture: p })}>
            {t(`fit.${p}`)}
          </button>
        ))}
        <button type="button" disabled={disabled} onClick={() => void command({ type: 'recenter' })}>
          {t('fit.recenter')}
        </button>
      </div>
      <small className="muted">{t('fit.postureHint')}</small>
      <form
        className="fit-form"
        onSubmit={(e) => {
          e.preventDefault();
          void command({ type: 'personalise', values: draft }).then((ok) => ok && setDraft({}));
        }}
      >
        {declarations.map((p) => (
          <label key={p.id}>
            {pick(p.title, i18n.language)}
            {p.type === 'choice' ? (
              <select value={value(p)} disabled={disabled} onChange={(e) => setDraft({ ...draft, [p.id]: e.target.value })}>
                {(p.values ?? []).map((v) => (
                  <option key={v.id} value={v.id}>
                    {pick(v.title, i18n.language)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type={p.type === 'colour' ? 'color' : 'text'}
                maxLength={14}
                value={value(p)}
                disabled={disabled}
                onChange={(e) => setDraft({ ...draft, [p.id]: e.target.value })}
              />
            )}
          </label>
        ))}
        <button type="submit" disabled={disabled || !changed}>
          {t('fit.apply')}
        </button>
      </form>
    </section>
  );
}
