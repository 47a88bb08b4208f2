import type { SceneManifestInput } from './manifestSchema';

/*
 * Time of day, for scenes where it changes the context (multi-context extinction: rotate lighting across
 * sessions). One declaration shared by every scene that honours it, so a patient's choice means the same
 * everywhere. Data only: manifests import it.
 */

export type TimeOfDay = 'day' | 'evening';

export const timeOfDayPersonalisation: NonNullable<SceneManifestInput['personalisation']>[number] = {
  id: 'time-of-day',
  title: { fr: 'Moment de la journée', en: 'Time of day' },
  type: 'choice',
  values: [
    { id: 'day', title: { fr: 'Jour', en: 'Day' } },
    { id: 'evening', title: { fr: 'Soir', en: 'Evening' } },
  ],
  default: 'day',
};

export function timeOfDayOf(personalisation: Record<string, string> | undefined): TimeOfDay {
  return personalisation?.['time-of-day'] === 'evening' ? 'evening' : 'day';
}
