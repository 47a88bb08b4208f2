import { createContext, useContext } from 'react';

export const SceneLevelContext = createContext(0);

/** The exposure level the headset is showing; cues read it to fade in or out. */
export function useSceneLevel(): number {
  return useContext(SceneLevelContext);
}
