import type { ComponentType } from 'react';
import { AquariumScene } from './aquarium/AquariumScene';
import { BarScene } from './bar/BarScene';
import { CafeTerraceScene } from './cafe-terrace/CafeTerraceScene';
import { CrackRoomScene } from './crack-room/CrackRoomScene';
import { GalleryScene } from './gallery/GalleryScene';
import { HomeEveningScene } from './home-evening/HomeEveningScene';
import { InjectionFlatScene } from './injection-flat/InjectionFlatScene';
import { NatureScene } from './nature/NatureScene';
import { NightclubScene } from './nightclub/NightclubScene';
import { OpenDrugScene } from './open-drug-scene/OpenDrugScene';
import { ParaphernaliaRoomScene } from './paraphernalia-room/ParaphernaliaRoomScene';
import { PartyPatioScene } from './party-patio/PartyPatioScene';
import { StressHomeScene } from './stress-home/StressHomeScene';
import { StressWorkScene } from './stress-work/StressWorkScene';

/** What every scene component is given: the patient's choices for the personalisation ids it declares. */
export interface SceneProps {
  personalisation: Record<string, string>;
}

/** Client-only registry of scene components, keyed by manifest id. */
export const sceneComponents: Record<string, ComponentType<SceneProps>> = {
  'gallery': GalleryScene,
  'aquarium': AquariumScene,
  'nature': NatureScene,
  'bar': BarScene,
  'home-evening': HomeEveningScene,
  'cafe-terrace': CafeTerraceScene,
  'party-patio': PartyPatioScene,
  'paraphernalia-room': ParaphernaliaRoomScene,
  'nightclub': NightclubScene,
  'crack-room': CrackRoomScene,
  'open-drug-scene': OpenDrugScene,
  'injection-flat': InjectionFlatScene,
  'stress-home': StressHomeScene,
  'stress-work': StressWorkScene,
};
