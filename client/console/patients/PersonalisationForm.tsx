import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientProfileView } from '../../../contract';
import { sceneManifests } from '../../../scenes/manifests';
import type { PersonalisationDeclaration } from '../../../scenes/personalisation';
import { pick } from '../session/text';
import { saveProfile } from './profile';

/** Every personalisation the scene library declares, once per id (scenes may share one). */
const declarations: PersonalisationDeclaration[] = [...new Map(sceneManifests.flatMap((m) => m.personalisation).map((p) => [p.id, p])).values()];

/** The patient's own cues (preferred drink, label, time of day…), carried into every new session. */
export function PersonalisationForm({ patientId, profile, onSaved }: { patientId: string; profile: PatientProfileView; onSaved(p: PatientProfileView): void }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    // Only values that differ from the scene's default are kept: the default needs no saving.
    const personalisation = Object.fromEntries(
      declarations.map((d) => [d.id, String(form.get(d.id) ?? d.default)] as const).filter(([id, v]) => v !== declarations.find((d) => d.id === id)!.default),
    );
    try {
      onSaved(await saveProfile(patientId, profile, { personalisation }));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <form aria-labelledby="personal-h" onSubmit={(e) => void onSubmit(e)}>
      <h2 id="personal-h">{t('patientPage.personalisation')}</h2>
      <small className="muted">{t('patientPage.personalisationHint')}</small>
      <div className="fit-form">
        {declarations.map((p) => {
          const value = profile.personalisation[p.id] ?? p.default;
          return (
            <label key={`${p.id}-${value}`}>
              {pick(p.title, i18n.language)}
              {p.type === 'choice' ? (
                <select name={p.id} defaultValue={value}>
                  {(p.values ?? []).map((v) => (
                    <option key={v.id} value={v.id}>
                      {pick(v.title, i18n.language)}
                    </option>
                  ))}
                </select>
              ) : (
                <input name={p.id} type={p.type === 'colour' ? 'color' : 'text'} maxLength={14} defaultValue={value} />
              )}
            </label>
          );
        })}
        <button type="submit">{t('patientPage.savePersonalisation')}</button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
