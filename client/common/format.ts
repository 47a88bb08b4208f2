/** The browser's own regional format when it speaks the chosen language (en-GB, fr-CA…), else the language. */
function locale(language: string): string {
  return navigator.language.toLowerCase().startsWith(language) ? navigator.language : language;
}

export function formatTime(ms: number, language: string): string {
  return new Date(ms).toLocaleTimeString(locale(language));
}

export function formatDateTime(ms: number, language: string): string {
  return new Date(ms).toLocaleString(locale(language));
}
