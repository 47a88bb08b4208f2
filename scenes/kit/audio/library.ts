import * as amb from './ambiences';
import { fadeEdges, normalize, peak, removeDc, rms } from './dsp';
import { clubMusic, loungeMusic, partyMusic } from './music';
import * as one from './oneShots';

/*
 * Every cue sound, by id. Scenes pick from here; nothing is loaded from a file or a network. `loop` sounds
 * repeat seamlessly (places, music, people, continuous cues); the others play once per trigger.
 */

interface SoundDef {
  loop: boolean;
  render: () => Float32Array;
}

const loop = (render: () => Float32Array): SoundDef => ({ loop: true, render });
const once = (render: () => Float32Array): SoundDef => ({ loop: false, render });

export const SOUNDS = {
  // drinking
  'bottle-cap': once(one.bottleCap),
  'cork-pop': once(one.corkPop),
  'screw-cap': once(one.screwCap),
  'can-open': once(one.canOpen),
  'glass-clink': once(one.glassClink),
  'glasses-toast': once(one.glassesToast),
  'pour': once(one.pour),
  // smoking and other use
  'lighter': once(one.lighter),
  'match': once(one.match),
  'flame': loop(amb.flame),
  'crackle': loop(amb.crackle),
  'bong': loop(amb.bong),
  'grinder': once(one.grinder),
  'sniff': once(one.sniff),
  'chopping': once(one.chopping),
  // people
  'crowd': loop(amb.crowd),
  'chatter': loop(amb.chatter),
  'partner-tense': loop(amb.partnerTense),
  'partner-shouting': loop(amb.partnerShouting),
  'manager-shouting': loop(amb.managerShouting),
  'low-voice': loop(amb.lowVoice),
  'whispers': loop(amb.whispers),
  'name-call': once(one.nameCall),
  'whistle': once(one.whistle),
  'footsteps': once(one.footsteps),
  // music
  'music-lounge': loop(loungeMusic),
  'music-party': loop(partyMusic),
  'music-club': loop(clubMusic),
  'bass-drop': once(one.bassDrop),
  // places
  'room-tone': loop(amb.roomTone),
  'kitchen': loop(amb.kitchen),
  'tv': loop(amb.tv),
  'cafe': loop(amb.cafe),
  'traffic': loop(amb.traffic),
  'office': loop(amb.office),
  'metro': once(one.metro),
  'station-chime': once(one.stationChime),
  'aquarium': loop(amb.aquarium),
  'birds': loop(amb.birds),
  'wind': loop(amb.wind),
  'water-lapping': loop(amb.waterLapping),
  'crickets': loop(amb.crickets),
  // household and stress
  'knock': once(one.knock),
  'door-slam': once(one.doorSlam),
  'table-slam': once(one.tableSlam),
  'mobile-ring': loop(one.mobileRing),
  'desk-phone': once(one.deskPhone),
  'email-ping': once(one.emailPing),
} satisfies Record<string, SoundDef>;

export type SoundId = keyof typeof SOUNDS;

/** Headroom: no sound's samples go above this, so a few overlapping sounds stay clear of clipping. */
export const PEAK = 0.9;
/** Loops are levelled to this RMS (one-shots to their peak), so a scene's `volume` means the same everywhere. */
export const LOOP_RMS = 0.1;

export function isLoop(id: SoundId): boolean {
  return SOUNDS[id].loop;
}

/** A sound's samples at `RATE`, levelled: DC removed, one-shots faded at their ends, peaks within `PEAK`. */
export function renderSound(id: SoundId): Float32Array {
  const def = SOUNDS[id];
  const x = removeDc(def.render());
  if (!def.loop) return normalize(fadeEdges(x, 0.002, 0.02), PEAK);
  const level = rms(x);
  const gain = Math.min(LOOP_RMS / Math.max(level, 1e-9), PEAK / Math.max(peak(x), 1e-9));
  for (let i = 0; i < x.length; i++) x[i]! *= gain;
  return x;
}
