import { useHeadset } from '../headsetStore';
import { CanvasText } from './CanvasText';
import { useTranslation } from 'react-i18next';

/** Coping guidance (urge surfing, refusal…) above the patient's line of sight during a coping step. */
export function Guidance() {
  const { i18n } = useTranslation();
  const guidance = useHeadset((s) => (s.directive?.stopped ? null : (s.directive?.guidance ?? null)));
  if (!guidance) return null;
  const text = i18n.language.startsWith('fr') ? guidance.fr : guidance.en;
  return <CanvasText overlay lines={wrap(text, 48)} width={1.2} height={0.32} fontSize={40} background="#14202acc" position={[0, 1.75, -1.4]} />;
}

function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if ((line + ' ' + word).trim().length > max && line) {
      lines.push(line);
      line = word;
    } else line = (line + ' ' + word).trim();
  }
  if (line) lines.push(line);
  return lines.slice(0, 4);
}
