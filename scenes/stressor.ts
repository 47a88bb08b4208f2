import type { SceneManifestInput } from './manifestSchema';

/*
 * A negative-affect context laid over a substance scene: the unpaid bills, the partner's missed calls or the
 * written warning from work, on the table in front of the patient at every level. Stress is a relapse trigger
 * of its own; combining it with substance cues (the stress scenes' affective cues in the bar, on the terrace…)
 * lets a protocol expose the two together. One declaration shared by every substance scene, so a choice means
 * the same everywhere; each choice declares the cues it adds, tagged for gaze like any other. Data only.
 */

export type Stressor = 'none' | 'debt' | 'argument' | 'work';

export const stressorPersonalisation: NonNullable<SceneManifestInput['personalisation']>[number] = {
  id: 'stressor',
  title: { fr: 'Contexte de stress ajouté', en: 'Added stress context' },
  type: 'choice',
  values: [
    { id: 'none', title: { fr: 'Aucun', en: 'None' } },
    {
      id: 'debt',
      title: { fr: 'Factures impayées', en: 'Unpaid bills' },
      cues: [{ id: 'stressor-bills', kind: 'affective', tags: ['proximal', 'debt'] }],
    },
    {
      id: 'argument',
      title: { fr: 'Appels manqués du ou de la partenaire', en: 'Missed calls from the partner' },
      cues: [{ id: 'stressor-missed-calls', kind: 'affective', tags: ['proximal', 'conflict', 'phone'] }],
    },
    {
      id: 'work',
      title: { fr: 'Avertissement écrit du travail', en: 'A written warning from work' },
      cues: [{ id: 'stressor-warning', kind: 'affective', tags: ['proximal', 'work', 'humiliation'] }],
    },
  ],
  default: 'none',
};

export function stressorOf(personalisation: Record<string, string> | undefined): Stressor {
  const v = personalisation?.stressor;
  return v === 'debt' || v === 'argument' || v === 'work' ? v : 'none';
}
