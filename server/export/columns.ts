// The columns of the tidy CSV tables, in their stable order, with the descriptions that
// docs/data-dictionary.md and the Psych-DS dataset_description.json carry (a test keeps them equal).

export interface Variable {
  name: string;
  en: string;
  fr: string;
}

const v = (name: string, en: string, fr: string): Variable => ({ name, en, fr });

const common = {
  session_id: v('session_id', 'Session id (a study session id in de-identified exports).', 'Identifiant de la séance (identifiant d’étude dans les exports désidentifiés).'),
  participant_id: v(
    'participant_id',
    'The clinic’s pseudonymous patient code; in de-identified exports, the study id instead.',
    'Code pseudonyme du patient attribué par le centre ; dans les exports désidentifiés, l’identifiant d’étude.',
  ),
  protocol_id: v('protocol_id', 'Id of the protocol the session ran (empty: steered by hand).', 'Identifiant du protocole suivi (vide : séance pilotée à la main).'),
  protocol_version: v('protocol_version', 'Version of that protocol, as it was when the session started.', 'Version de ce protocole au début de la séance.'),
  answered_at: v('answered_at', 'When the rating or the answers were recorded (ISO 8601, UTC).', 'Enregistrement de la cote ou des réponses (ISO 8601, UTC).'),
  session_time_s: v('session_time_s', 'Seconds since the session was opened (survives date shifting).', 'Secondes depuis l’ouverture de la séance (inchangé par le décalage des dates).'),
  step_index: v('step_index', 'Protocol step, 0 = the first step of the protocol file; empty outside a step.', 'Étape du protocole, 0 = première étape du fichier ; vide hors étape.'),
  step_type: v(
    'step_type',
    'Step type: baseline, exposure, coping, washout, or after-protocol (extended wash-out after the last step); empty without a protocol or before it starts.',
    'Type d’étape : baseline, exposure, coping, washout, ou after-protocol (retour au calme prolongé après la dernière étape) ; vide sans protocole ou avant son début.',
  ),
};

export const RATING_COLUMNS: readonly Variable[] = [
  common.session_id,
  common.participant_id,
  common.protocol_id,
  common.protocol_version,
  v('rating_id', 'Rating id (aliased in de-identified exports).', 'Identifiant de la cote (remplacé dans les exports désidentifiés).'),
  v('rating_number', 'Order of the rating in its session, from 1.', 'Rang de la cote dans la séance, à partir de 1.'),
  common.step_index,
  common.step_type,
  v('scene_id', 'Scene shown when the rating was given.', 'Scène affichée au moment de la cote.'),
  v('level', 'Exposure level shown (0 = no substance cues … 4 = active use close by and an offer).', 'Niveau d’exposition affiché (0 = sans indice de produit … 4 = consommation proche et proposition).'),
  v(
    'active_use',
    'Active-use content when the prompt was issued (spoken ratings: when given): none, showing, or cooldown (within the protocol’s cool-down after it). The safety gate should make this always none.',
    'Consommation active à l’écran à l’émission de la question (cote orale : au moment de la cote) : none, showing, ou cooldown (dans le délai de sécurité qui suit). La règle de sécurité doit la maintenir à none.',
  ),
  v(
    'active_use_since_s',
    'Seconds since active-use content last ended, at that moment; empty if none had shown yet or it was showing.',
    'Secondes écoulées depuis la fin de la dernière consommation active à l’écran ; vide si aucune n’avait eu lieu ou si elle était en cours.',
  ),
  v(
    'active_use_during_answer',
    'true if active-use content showed between prompt and answer; empty for spoken ratings.',
    'true si une consommation active a été montrée entre la question et la réponse ; vide pour une cote orale.',
  ),
  v(
    'prompt_deferred_ms',
    'How long the safety gate held the prompt back (0 = issued when due); empty for spoken ratings.',
    'Durée pendant laquelle la règle de sécurité a retenu la question (0 = posée à l’heure) ; vide pour une cote orale.',
  ),
  v('prompted_at', 'When the prompt was issued (ISO 8601, UTC); empty for spoken ratings.', 'Émission de la question (ISO 8601, UTC) ; vide pour une cote orale.'),
  common.answered_at,
  common.session_time_s,
  v('latency_ms', 'Milliseconds from prompt to answer; empty for spoken ratings.', 'Millisecondes entre la question et la réponse ; vide pour une cote orale.'),
  v('value', 'The craving rating, on its scale.', 'La cote de craving, sur son échelle.'),
  v('scale', 'vas (visual analogue scale 0–100, answered in the headset) or nrs10 (single item 0–10, usually spoken).', 'vas (échelle visuelle analogique 0–100, dans le casque) ou nrs10 (item unique 0–10, en général oral).'),
  v('scale_max', 'Top of the scale: 100 (vas) or 10 (nrs10).', 'Maximum de l’échelle : 100 (vas) ou 10 (nrs10).'),
  v('value_100', 'The value on 0–100 (nrs10 × 10), as the protocol rules compare it.', 'La valeur ramenée sur 0–100 (nrs10 × 10), telle que les règles du protocole la comparent.'),
  v('source', 'headset (answered in VR) or spoken (typed in by the clinician).', 'headset (réponse dans le casque) ou spoken (saisie par le clinicien).'),
];

export const EVENT_COLUMNS: readonly Variable[] = [
  common.session_id,
  common.participant_id,
  common.protocol_id,
  common.protocol_version,
  v('seq', 'Position of the record in the session’s append-only log, from 1.', 'Position de l’enregistrement dans le journal de séance (en ajout seul), à partir de 1.'),
  v('at', 'When it was recorded (ISO 8601, UTC, server clock).', 'Horodatage (ISO 8601, UTC, horloge du serveur).'),
  common.session_time_s,
  v('actor', 'Who caused it: clinician, headset, runtime (protocol rules) or server.', 'Origine : clinician, headset, runtime (règles du protocole) ou server.'),
  v('type', 'Record type, e.g. step.started, scene.applied, rating.prompted (see the list in docs/data-dictionary.md).', 'Type d’enregistrement, p. ex. step.started, scene.applied, rating.prompted (liste dans docs/data-dictionary.md).'),
  common.step_index,
  common.step_type,
  v(
    'data',
    'The record’s details as JSON. De-identified exports drop identifying fields and free text and list them under "redacted".',
    'Détails de l’enregistrement en JSON. Les exports désidentifiés retirent les champs identifiants et le texte libre et les nomment dans "redacted".',
  ),
];

export const INSTRUMENT_COLUMNS: readonly Variable[] = [
  common.session_id,
  common.participant_id,
  common.protocol_id,
  common.protocol_version,
  v('instrument', 'Name of the multi-item questionnaire (e.g. CCQ-Brief) as the protocol declares it.', 'Nom du questionnaire à plusieurs items (p. ex. CCQ-Brief) tel que déclaré dans le protocole.'),
  v('timing', 'pre or post: given before or after the session.', 'pre ou post : passé avant ou après la séance.'),
  common.answered_at,
  common.session_time_s,
  v('item_id', 'Item id within the instrument.', 'Identifiant de l’item dans le questionnaire.'),
  v('answer', 'The answer to the item.', 'La réponse à l’item.'),
  v('item_min', 'Lowest possible answer to the item.', 'Réponse minimale possible.'),
  v('item_max', 'Highest possible answer to the item.', 'Réponse maximale possible.'),
];

export type Table = 'ratings' | 'events' | 'instruments';

export const TABLE_COLUMNS: Record<Table, readonly Variable[]> = { ratings: RATING_COLUMNS, events: EVENT_COLUMNS, instruments: INSTRUMENT_COLUMNS };

/** Every variable once, in first-seen order (for a dataset's variableMeasured). */
export function allVariables(tables: readonly Table[]): Variable[] {
  const seen = new Map<string, Variable>();
  for (const t of tables) for (const c of TABLE_COLUMNS[t]) if (!seen.has(c.name)) seen.set(c.name, c);
  return [...seen.values()];
}
