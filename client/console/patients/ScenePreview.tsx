import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A scene level's preview from the contact sheet (small JPEG served by this server, see
 * `npm run scenes:thumbs`); a plain placeholder when none was generated.
 */
export function ScenePreview({ sceneId, level, alt }: { sceneId: string; level: number; alt: string }) {
  const { t } = useTranslation();
  const [missing, setMissing] = useState(false);
  if (missing) {
    return (
      <div className="preview placeholder" role="img" aria-label={alt}>
        {t('cueHierarchy.noPreview')}
      </div>
    );
  }
  return <img className="preview" src={`/scene-previews/${sceneId}-${level}.jpg`} alt={alt} width={320} height={180} loading="lazy" onError={() => setMissing(true)} />;
}
