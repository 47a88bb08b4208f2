import { createHash } from 'node:crypto';
import { RATING_MAX, type Rating, type RatingScale } from '../../contract';
import { findScene } from '../../scenes/manifests';
import type { SessionExport } from './csv';
import type { InstrumentAnswer, RatingContext } from './derive';

// FHIR R4 for the hospital record: one Bundle (type collection) per session holding the Patient
// (pseudonym or study id only), an Encounter for the session, one Observation per craving rating
// (VAS or 0–10), one QuestionnaireResponse per multi-item instrument answered, and the Questionnaire
// of every scale and instrument used. No LOINC code is known to fit an in-session craving VAS, so the
// codes come from CueRoom's own code system; the category is HL7's `survey`.

/**
 * Namespace of CueRoom's code systems, identifier systems and Questionnaire canonicals.
 * `.example` is reserved (RFC 2606): replace with a URL the project controls before hospital use.
 */
export const CUEROOM_FHIR_BASE = 'https://cueroom.example/fhir';
export const CUEROOM_CODES = `${CUEROOM_FHIR_BASE}/CodeSystem/cueroom`;
export const SCENE_CODES = `${CUEROOM_FHIR_BASE}/CodeSystem/scene`;
export const IDENTIFIER_SYSTEMS = {
  patientCode: `${CUEROOM_FHIR_BASE}/identifier/patient-code`,
  studyId: `${CUEROOM_FHIR_BASE}/identifier/study-id`,
  session: `${CUEROOM_FHIR_BASE}/identifier/session`,
  rating: `${CUEROOM_FHIR_BASE}/identifier/rating`,
};
export const FHIR_MEDIA_TYPE = 'application/fhir+json; fhirVersion=4.0; charset=utf-8';

const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const EXT = {
  minValue: 'http://hl7.org/fhir/StructureDefinition/minValue',
  maxValue: 'http://hl7.org/fhir/StructureDefinition/maxValue',
  translation: 'http://hl7.org/fhir/StructureDefinition/translation',
};
/** Name-based (v5) UUIDs under this namespace make re-exports of a record keep their fullUrl. */
const UUID_NAMESPACE = 'a1d3b474-e1cf-4d14-bd18-dcc15ed33006';

type Json = Record<string, unknown>;
interface Text {
  fr: string;
  en: string;
}

const SCALES: Record<RatingScale, { code: string; name: string; display: string }> = {
  vas: { code: 'craving-vas', name: 'CueRoomCravingVAS', display: 'Craving, visual analogue scale 0–100' },
  nrs10: { code: 'craving-nrs10', name: 'CueRoomCravingNRS10', display: 'Craving, single-item numeric rating scale 0–10' },
};
const DEFAULT_QUESTION: Text = { fr: 'Quelle est la force de votre envie en ce moment ?', en: 'How strong is your urge right now?' };

export function uuidV5(name: string): string {
  const h = createHash('sha1').update(Buffer.from(UUID_NAMESPACE.replaceAll('-', ''), 'hex')).update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const shortHash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);
const iso = (ms: number) => new Date(ms).toISOString();
const coding = (code: string, display: string, system = CUEROOM_CODES) => ({ system, code, display });
const concept = (code: string, display: string, system = CUEROOM_CODES) => ({ coding: [coding(code, display, system)], text: display });
const translated = (t: Text) => ({ text: t.en, _text: { extension: [{ url: EXT.translation, extension: [{ url: 'lang', valueCode: 'fr' }, { url: 'content', valueString: t.fr }] }] } });
const range = (min: number, max: number) => [
  { url: EXT.minValue, valueInteger: min },
  { url: EXT.maxValue, valueInteger: max },
];

interface Entry {
  fullUrl: string;
  resource: Json;
}
const urnEntry = (resource: Json & { id: string }): Entry => ({ fullUrl: `urn:uuid:${resource.id}`, resource });
/** A Questionnaire's fullUrl is its canonical URL, so `QuestionnaireResponse.questionnaire` resolves inside the bundle. */
const canonicalEntry = (resource: Json & { url: string }): Entry => ({ fullUrl: resource.url, resource });

export function sessionBundle(s: SessionExport, exportedAt: number): Json {
  const { input, derived } = s;
  const session = input.session;
  const patient = { resourceType: 'Patient', id: uuidV5(`patient/${session.patientId}`), identifier: [{ system: input.deidentified ? IDENTIFIER_SYSTEMS.studyId : IDENTIFIER_SYSTEMS.patientCode, value: session.participantId }] };
  const patientRef = { reference: `urn:uuid:${patient.id}` };
  const protocolText = input.protocol ? `, protocol ${input.protocol.id} v${input.protocol.version}` : '';
  const encounter = {
    resourceType: 'Encounter',
    id: uuidV5(`encounter/${session.id}`),
    identifier: [{ system: IDENTIFIER_SYSTEMS.session, value: session.id }],
    status: session.status === 'ended' ? 'finished' : 'in-progress',
    class: { system: ACT_CODE, code: 'AMB', display: 'ambulatory' },
    type: [{ coding: [coding('vr-cue-exposure-session', 'VR cue-exposure therapy session')], text: `VR cue-exposure therapy session${protocolText}` }],
    subject: patientRef,
    period: { start: iso(session.createdAt), ...(session.endedAt !== null ? { end: iso(session.endedAt) } : {}) },
  };
  const encounterRef = { reference: `urn:uuid:${encounter.id}` };

  const question = input.protocol?.patientTexts.ratingQuestion ?? DEFAULT_QUESTION;
  const scales = [...new Set<RatingScale>([...(input.protocol ? [input.protocol.scale.kind] : []), ...input.ratings.map((r) => r.scale)])];
  const scaleQuestionnaires = scales.map((scale) => scaleQuestionnaire(scale, question));

  const instrumentNames = [...new Set(derived.instruments.map((a) => a.instrument))];
  const instrumentQuestionnaires = new Map(instrumentNames.map((name) => [name, instrumentQuestionnaire(name, derived.instruments.filter((a) => a.instrument === name))]));
  const responses = derived.instruments.map((a) => ({
    resourceType: 'QuestionnaireResponse',
    id: uuidV5(`questionnaire-response/${session.id}/${a.seq}`),
    questionnaire: instrumentQuestionnaires.get(a.instrument)!.url,
    status: 'completed',
    subject: patientRef,
    encounter: encounterRef,
    authored: iso(a.at),
    item: a.items.map((item) => ({
      linkId: item.id,
      ...(item.text ? { text: item.text.en } : {}),
      answer: [Number.isInteger(item.value) ? { valueInteger: item.value } : { valueDecimal: item.value }],
    })),
  }));

  return {
    resourceType: 'Bundle',
    id: uuidV5(`bundle/${session.id}`),
    type: 'collection',
    timestamp: iso(exportedAt),
    entry: [
      urnEntry(patient),
      urnEntry(encounter),
      ...scaleQuestionnaires.map(canonicalEntry),
      ...[...instrumentQuestionnaires.values()].map(canonicalEntry),
      ...derived.ratings.map((c) => urnEntry(ratingObservation(c, patientRef, encounterRef))),
      ...responses.map(urnEntry),
    ],
  };
}

function scaleQuestionnaire(scale: RatingScale, question: Text) {
  const s = SCALES[scale];
  const id = `${s.code}-${shortHash({ scale, question })}`;
  return {
    resourceType: 'Questionnaire',
    id,
    url: `${CUEROOM_FHIR_BASE}/Questionnaire/${id}`,
    name: s.name,
    title: s.display,
    status: 'active',
    subjectType: ['Patient'],
    code: [coding(s.code, s.display)],
    item: [{ linkId: 'craving', code: [coding(s.code, s.display)], ...translated(question), type: 'integer', required: true, extension: range(0, RATING_MAX[scale]) }],
  };
}

function instrumentQuestionnaire(name: string, answers: InstrumentAnswer[]) {
  const items = new Map<string, InstrumentAnswer['items'][number]>();
  for (const a of answers) for (const item of a.items) if (!items.has(item.id) || item.text) items.set(item.id, item);
  const definition = [...items.values()].map(({ id, text, min, max }) => ({ id, text, min, max }));
  const id = `instrument-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 30)}-${shortHash({ name, definition })}`;
  return {
    resourceType: 'Questionnaire',
    id,
    url: `${CUEROOM_FHIR_BASE}/Questionnaire/${id}`,
    name: `CueRoomInstrument${name.replace(/[^A-Za-z0-9]/g, '')}`,
    title: name,
    status: 'active',
    subjectType: ['Patient'],
    item: definition.map((item) => ({
      linkId: item.id,
      ...(item.text ? translated(item.text) : {}),
      type: 'integer',
      ...(item.min !== null && item.max !== null ? { extension: range(item.min, item.max) } : {}),
    })),
  };
}

const ACTIVE_USE_DISPLAY = {
  none: 'No active use on screen nor in its cool-down',
  showing: 'Active use on screen',
  cooldown: 'Within the cool-down after active use',
};

function ratingObservation(c: RatingContext, subject: Json, encounter: Json): Json & { id: string } {
  const r: Rating = c.rating;
  const s = SCALES[r.scale];
  const scene = findScene(r.sceneId);
  return {
    resourceType: 'Observation',
    id: uuidV5(`observation/${r.id}`),
    identifier: [{ system: IDENTIFIER_SYSTEMS.rating, value: r.id }],
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }] }],
    code: concept(s.code, s.display),
    subject,
    encounter,
    effectiveDateTime: iso(r.answeredAt),
    valueInteger: r.value,
    method: r.source === 'headset' ? concept('headset', 'Answered in the VR headset') : concept('spoken', 'Spoken, typed in by the clinician'),
    component: [
      { code: concept('scene', 'Scene shown'), valueCodeableConcept: concept(r.sceneId, scene?.title.en ?? r.sceneId, SCENE_CODES) },
      { code: concept('exposure-level', 'Exposure level (0–4)'), valueInteger: r.level },
      { code: concept('active-use-at-prompt', 'Active use when the prompt was issued'), valueCodeableConcept: concept(`active-use-${c.activeUse}`, ACTIVE_USE_DISPLAY[c.activeUse]) },
      ...(r.promptedAt !== null ? [{ code: concept('prompted-at', 'Prompt issued at'), valueDateTime: iso(r.promptedAt) }] : []),
      ...(c.step ? [{ code: concept('protocol-step', 'Protocol step'), valueCodeableConcept: concept(c.step.type, stepDisplay(c.step)) }] : []),
    ],
  };
}

function stepDisplay(step: { index: number | null; type: string }): string {
  return step.index === null ? step.type : `step ${step.index + 1} (${step.type})`;
}
