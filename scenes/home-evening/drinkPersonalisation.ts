import type { SceneManifestInput } from '../manifestSchema';

/*
 * The patient's preferred drink, shared by the alcohol scenes (home-evening, bar). Pure data and string
 * handling: manifests import it, so it must stay free of three.js and react.
 */

export type DrinkKind = 'beer' | 'wine' | 'spirits';

export const DRINK_KINDS: readonly DrinkKind[] = ['beer', 'wine', 'spirits'];

export const DEFAULT_LABEL_COLOUR = '#c8102e';
export const DEFAULT_LABEL_TEXT = 'BIÈRE';

/** Manifest `personalisation` entries: preferred drink, and the label colour and text of its bottle. */
export const drinkPersonalisation: NonNullable<SceneManifestInput['personalisation']> = [
  {
    id: 'preferred-drink',
    title: { fr: 'Boisson préférée', en: 'Preferred drink' },
    type: 'choice',
    values: [
      { id: 'beer', title: { fr: 'Bière', en: 'Beer' } },
      { id: 'wine', title: { fr: 'Vin', en: 'Wine' } },
      { id: 'spirits', title: { fr: 'Spiritueux', en: 'Spirits' } },
    ],
    default: 'beer',
  },
  {
    id: 'label-colour',
    title: { fr: 'Couleur de l’étiquette', en: 'Label colour' },
    type: 'colour',
    default: DEFAULT_LABEL_COLOUR,
  },
  {
    id: 'label-text',
    title: { fr: 'Texte de l’étiquette', en: 'Label text' },
    type: 'text',
    default: DEFAULT_LABEL_TEXT,
  },
];

export interface DrinkStyle {
  kind: DrinkKind;
  /** `#rrggbb`. */
  colour: string;
  /** Upper-case, at most 14 characters. */
  text: string;
}

/** A generic label per drink, used when the text was left at the beer default for another drink. */
const GENERIC_TEXT: Record<DrinkKind, string> = { beer: DEFAULT_LABEL_TEXT, wine: 'VIN ROUGE', spirits: 'WHISKY' };

function normaliseColour(value: string | undefined): string {
  const v = (value ?? '').trim();
  if (/^#[0-9a-fA-F]{6}$/.test(v)) return v.toLowerCase();
  if (/^#[0-9a-fA-F]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`.toLowerCase();
  return DEFAULT_LABEL_COLOUR;
}

/**
 * Reads a scene's `personalisation` record (values as the console sends them) into a drink style, falling
 * back to the defaults for anything missing or malformed.
 */
export function resolveDrink(personalisation?: Record<string, string>): DrinkStyle {
  const p = personalisation ?? {};
  const raw = p['preferred-drink'];
  const kind: DrinkKind = DRINK_KINDS.includes(raw as DrinkKind) ? (raw as DrinkKind) : 'beer';
  const typed = (p['label-text'] ?? '').replace(/\s+/g, ' ').trim().toLocaleUpperCase('fr-FR').slice(0, 14);
  const text = typed === '' || typed === DEFAULT_LABEL_TEXT ? GENERIC_TEXT[kind] : typed;
  return { kind, colour: normaliseColour(p['label-colour']), text };
}
