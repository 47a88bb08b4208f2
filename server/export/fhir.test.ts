import { beforeAll, describe, expect, it } from 'vitest';
import { type FhirValidator, fhirValidator, unresolvedReferences } from '../../tests/support/fhirSchema';
import { deidentify } from './deidentify';
import { derive } from './derive';
import { CUEROOM_CODES, IDENTIFIER_SYSTEMS, sessionBundle, uuidV5 } from './fhir';
import type { ExportInput } from './input';
import { CHECK_OK, RecordingDriver, recordedSession, withInstrumentAnswers } from './testing';

type Json = Record<string, any>;
const exportedAt = Date.UTC(2026, 3, 1);
const bundleOf = (input: ExportInput) => sessionBundle({ input, derived: derive(input) }, exportedAt) as Json;
const resources = (bundle: Json, type: string): Json[] => bundle.entry.map((e: Json) => e.resource).filter((r: Json) => r.resourceType === type);

let fhir: FhirValidator;
beforeAll(() => {
  fhir = fhirValidator();
}, 60_000);

/** Each resource alone (errors that name the field at fault), then the bundle as a whole. */
function problems(bundle: Json): string[] {
  const own = bundle.entry.flatMap((e: Json) => fhir.validate(e.resource).map((p) => `${e.resource.resourceType}${p}`));
  return own.length ? own : fhir.validate(bundle);
}

describe('FHIR R4 bundle of a session', () => {
  const d = recordedSession();
  const input = d.input();

  it('validates against the official FHIR R4 JSON schema, and the validator does reject a broken resource', () => {
    expect(fhir.schemaId).toBe('http://hl7.org/fhir/json-schema/4.0');
    const bundle = bundleOf(input);
    expect(problems(bundle)).toEqual([]);
    const broken = structuredClone(bundle);
    resources(broken, 'Observation')[0]!.status = 'done';
    resources(broken, 'Encounter')[0]!.period.start = 'yesterday';
    resources(broken, 'Patient')[0]!.pseudonym = 'PX-ROSE-42';
    const found = problems(broken);
    expect(found).toContainEqual(expect.stringMatching(/^Observation\/status: must be equal to one of the allowed values/));
    expect(found).toContainEqual(expect.stringMatching(/^Encounter\/period\/start: must match pattern/));
    expect(found).toContainEqual(expect.stringMatching(/^Patient\(root\): must NOT have additional properties.*pseudonym/));
    expect(fhir.validate(broken)).not.toEqual([]);
  });

  it('resolves every reference inside the bundle', () => {
    const bundle = bundleOf(withInstrumentAnswers(input, { want: 3, control: 6 }));
    expect(unresolvedReferences(bundle)).toEqual([]);
    expect(new Set(bundle.entry.map((e: Json) => e.fullUrl)).size).toBe(bundle.entry.length);
  });

  it('holds one Observation per rating, coded like its scale’s Questionnaire item, with the session context', () => {
    const bundle = bundleOf(input);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2026-04-01T00:00:00.000Z' });
    const observations = resources(bundle, 'Observation');
    expect(observations.map((o) => [o.code.coding[0].code, o.valueInteger, o.method.coding[0].code])).toEqual([
      ['craving-vas', 20, 'headset'],
      ['craving-vas', 40, 'headset'],
      ['craving-nrs10', 2, 'spoken'],
    ]);
    const questionnaires = resources(bundle, 'Questionnaire');
    expect(questionnaires.map((q) => q.item[0].code[0].code).sort()).toEqual(['craving-nrs10', 'craving-vas']);
    for (const o of observations) {
      expect(o).toMatchObject({ status: 'final', category: [{ coding: [{ code: 'survey' }] }] });
      expect(questionnaires.some((q) => q.item[0].code[0].code === o.code.coding[0].code && q.item[0].code[0].system === CUEROOM_CODES)).toBe(true);
    }
    const exposure = observations[1]!;
    expect(exposure.effectiveDateTime).toBe(new Date(d.ratings[1]!.answeredAt).toISOString());
    expect(exposure.identifier).toEqual([{ system: IDENTIFIER_SYSTEMS.rating, value: d.ratings[1]!.id }]);
    const component = (code: string) => exposure.component.find((c: Json) => c.code.coding[0].code === code);
    expect(component('scene').valueCodeableConcept.coding[0]).toMatchObject({ code: 'bar', display: 'Bar at night' });
    expect(component('exposure-level').valueInteger).toBe(3);
    expect(component('active-use-at-prompt').valueCodeableConcept.coding[0].code).toBe('active-use-none');
    expect(component('prompted-at').valueDateTime).toBe(new Date(d.ratings[1]!.promptedAt!).toISOString());
    expect(component('protocol-step').valueCodeableConcept.coding[0].code).toBe('exposure');
  });

  it('names the patient by pseudonym only and dates the encounter', () => {
    const bundle = bundleOf(input);
    const [patient] = resources(bundle, 'Patient');
    expect(patient).toEqual({ resourceType: 'Patient', id: uuidV5('patient/patient-internal-0001'), identifier: [{ system: IDENTIFIER_SYSTEMS.patientCode, value: 'PX-ROSE-42' }] });
    expect(resources(bundle, 'Encounter')[0]).toMatchObject({
      status: 'finished',
      class: { code: 'AMB' },
      subject: { reference: `urn:uuid:${patient!.id}` },
      period: { start: new Date(input.session.createdAt).toISOString(), end: new Date(input.session.endedAt!).toISOString() },
    });
  });

  it('uses the protocol’s bilingual question and the scale’s bounds in the Questionnaire', () => {
    const [vas] = resources(bundleOf(input), 'Questionnaire').filter((q) => q.item[0].code[0].code === 'craving-vas');
    expect(vas!.url).toBe(`https://cueroom.example/fhir/Questionnaire/${vas!.id}`);
    expect(vas!.item[0]).toMatchObject({ text: 'How strong is your urge to drink?', type: 'integer', required: true });
    expect(vas!.item[0]._text.extension[0].extension).toEqual([
      { url: 'lang', valueCode: 'fr' },
      { url: 'content', valueString: 'Quelle est la force de votre envie de boire ?' },
    ]);
    expect(vas!.item[0].extension.map((e: Json) => e.valueInteger)).toEqual([0, 100]);
  });

  it('turns instrument answers into a QuestionnaireResponse to the instrument’s Questionnaire, and none without them', () => {
    expect(resources(bundleOf(input), 'QuestionnaireResponse')).toEqual([]);
    const bundle = bundleOf(withInstrumentAnswers(input, { want: 3, control: 6 }));
    expect(problems(bundle)).toEqual([]);
    const [response] = resources(bundle, 'QuestionnaireResponse');
    const auq = resources(bundle, 'Questionnaire').find((q) => q.title === 'AUQ')!;
    expect(response).toMatchObject({
      questionnaire: auq.url,
      status: 'completed',
      item: [
        { linkId: 'want', text: 'I want a drink now', answer: [{ valueInteger: 3 }] },
        { linkId: 'control', text: 'I could control it', answer: [{ valueInteger: 6 }] },
      ],
    });
    expect(auq.item.map((i: Json) => [i.linkId, i.extension.map((e: Json) => e.valueInteger)])).toEqual([
      ['want', [1, 7]],
      ['control', [1, 7]],
    ]);
  });

  it('keeps fullUrls stable when the same session is exported again later', () => {
    const urls = (at: number) => (sessionBundle({ input, derived: derive(input) }, at) as Json).entry.map((e: Json) => e.fullUrl);
    expect(urls(exportedAt + 86_400_000)).toEqual(urls(exportedAt));
  });

  it('a de-identified bundle validates too and names the study id', () => {
    const bundle = bundleOf(deidentify(input, { key: 'k' }));
    expect(problems(bundle)).toEqual([]);
    expect(resources(bundle, 'Patient')[0]!.identifier[0].system).toBe(IDENTIFIER_SYSTEMS.studyId);
  });

  it('covers a session steered by hand and still open: default question, encounter in progress', () => {
    const manual = new RecordingDriver(null, 'session-manual');
    manual.send({ kind: 'link', up: true });
    manual.applyDirective();
    manual.command({ type: 'preCheck', ...CHECK_OK });
    manual.command({ type: 'setScene', sceneId: 'bar', level: 1 });
    manual.applyDirective();
    manual.command({ type: 'requestRating', scale: 'vas' });
    manual.advance(1_000);
    manual.answer(30);
    const bundle = bundleOf(manual.input());
    expect(problems(bundle)).toEqual([]);
    expect(unresolvedReferences(bundle)).toEqual([]);
    expect(resources(bundle, 'Encounter')[0]).toMatchObject({ status: 'in-progress', period: { start: expect.any(String) } });
    expect(resources(bundle, 'Encounter')[0]!.period.end).toBeUndefined();
    expect(resources(bundle, 'Questionnaire').map((q) => q.item[0].text)).toEqual(['How strong is your urge right now?']);
    const [observation] = resources(bundle, 'Observation');
    expect(observation!.component.map((c: Json) => c.code.coding[0].code)).toEqual(['scene', 'exposure-level', 'active-use-at-prompt', 'prompted-at']);
  });
});
