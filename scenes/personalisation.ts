import type { SceneManifest } from './manifestSchema';

// Per-patient scene choices (preferred drink, a brand's label colour and text…), declared by scene
// manifests with their allowed values. Pure data handling: the server checks values with it.

export type PersonalisationDeclaration = SceneManifest['personalisation'][number];

/** Why `value` does not fit its declaration, or null when it does. */
export function personalisationProblem(declaration: PersonalisationDeclaration, value: string): string | null {
  switch (declaration.type) {
    case 'choice': {
      const allowed = (declaration.values ?? []).map((v) => v.id);
      return allowed.includes(value) ? null : `expected one of ${allowed.join(', ')}`;
    }
    case 'colour':
      return /^#[0-9a-fA-F]{6}$/.test(value) ? null : 'expected a colour written #rrggbb';
    case 'text':
      // Printed on a label in the scene: short, and plain letters so it renders in any font.
      return /^[\p{L}\p{N} '’.&-]{1,14}$/u.test(value) ? null : 'expected 1–14 letters, digits, spaces or . & - \'';
  }
}
