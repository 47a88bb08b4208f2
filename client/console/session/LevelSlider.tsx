import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '../../../contract';
import { findScene } from '../../../scenes/manifests';
import { useLiveSession } from '../sessionStore';
import { pick } from './text';

/**
 * Intensity of the current scene as a slider (arrow keys move one level). It commits on the native
 * `change` event — released after a drag, or each key press — so a drag sends one command, not one per pixel.
 */
export function LevelSlider({ snapshot, disabled }: { snapshot: SessionSnapshot; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const command = useLiveSession((s) => s.command);
  const { sceneId, level } = snapshot.directive.scene;
  const manifest = findScene(sceneId);
  const [value, setValue] = useState(level);
  const input = useRef<HTMLInputElement>(null);
  const wanted = useRef(level);
  wanted.current = level;

  useEffect(() => setValue(level), [level, sceneId]);
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const onChange = () => {
      const next = Number(el.value);
      if (next !== wanted.current) void command({ type: 'setLevel', level: next });
    };
    el.addEventListener('change', onChange);
    return () => el.removeEventListener('change', onChange);
  }, [command]);

  if (!manifest) return null;
  const max = manifest.levels.length - 1;
  const title = manifest.levels[value] ? pick(manifest.levels[value].title, i18n.language) : '';
  return (
    <div className="level-slider">
      <label htmlFor="level-slider">{t('live.slider.label', { scene: pick(manifest.title, i18n.language) })}</label>
      <input
        ref={input}
        id="level-slider"
        data-testid="level-slider"
        type="range"
        min={0}
        max={max}
        step={1}
        value={value}
        disabled={disabled || max === 0}
        aria-valuetext={t('live.slider.valueText', { level: value, title })}
        onChange={(e) => setValue(Number(e.target.value))}
      />
      <output htmlFor="level-slider" data-testid="level-slider-value">
        {t('live.slider.value', { level: value, max })}
      </output>
    </div>
  );
}
