import { useMemo } from 'react';
import { sceneComponents } from '../../scenes/components';
import { SceneAudioEnabled } from '../../scenes/kit/audio/engine';
import { SceneLevelContext } from '../../scenes/kit/levelContext';
import { type SceneClock, SceneClockContext } from '../../scenes/kit/sceneClock';

export interface SceneViewProps {
  sceneId: string;
  level: number;
  /** When the level started showing, in seconds of `performance.now()` (the scene clock's time base). */
  levelStartedAt: number;
  /** Clinician-fired events playing, with their start on the same time base. */
  events: SceneClock['events'];
  personalisation: Record<string, string>;
  /** The console's mirror is silent: only the patient hears the scene. */
  audio?: boolean;
}

/**
 * A scene at a level, with its clock and the patient's personalisation: what the headset renders, and
 * the console's mirror view renders the same way. Cues inside fade by level on their own.
 */
export function SceneView({ sceneId, level, levelStartedAt, events, personalisation, audio = true }: SceneViewProps) {
  const clock = useMemo(() => ({ sceneId, level, levelStartedAt, events }), [sceneId, level, levelStartedAt, events]);
  const Scene = sceneComponents[sceneId];
  return (
    <SceneAudioEnabled.Provider value={audio}>
      <SceneLevelContext.Provider value={level}>
        <SceneClockContext.Provider value={clock}>{Scene ? <Scene key={sceneId} personalisation={personalisation} /> : null}</SceneClockContext.Provider>
      </SceneLevelContext.Provider>
    </SceneAudioEnabled.Provider>
  );
}
