import { z } from 'zod';

// The protocol file format: one zod schema, also exported as protocols/protocol.schema.json so editors
// can complete and check the YAML. Durations are in seconds; craving values are on the protocol's scale.

const Text = z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict();
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id (letters, digits, -)');
const Seconds = z.number().positive('expected a positive number of seconds');

/** The exposure scene that stands for the patient's next cue-hierarchy item. */
export const HIERARCHY = 'hierarchy';

const Item = z.object({ id: Id, text: Text }).strict();

/** The single-item rating asked during the session at safe moments. */
export const RatingScaleSpec = z
  .object({
    kind: z.enum(['vas', 'nrs10']),
    question: Text.optional(),
  })
  .strict();

/** A multi-item questionnaire (e.g. CCQ-Brief) given before and/or after the session, never during exposure. */
export const Instrument = z
  .object({
    name: z.string().min(1),
    when: z.array(z.enum(['pre', 'post'])).min(1),
    /** Each item is rated on `itemMin`–`itemMax`. */
    itemMin: z.number().int(),
    itemMax: z.number().int(),
    items: z.array(Item).min(2, 'expected at least two items'),
  })
  .strict();

/** How a step decides the urge has habituated enough to go on. */
export const AdvanceRule = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('threshold'), atOrBelow: z.number().min(0).max(100), consecutive: z.number().int().min(1).default(1) }).strict(),
  z.object({ rule: z.literal('dropFromPeak'), percent: z.number().min(1).max(100), consecutive: z.number().int().min(1).default(1) }).strict(),
  z.object({ rule: z.literal('nearBaseline'), margin: z.number().min(0).max(100), consecutive: z.number().int().min(1).default(1) }).strict(),
]);

const Baseline = z
  .object({
    type: z.literal('baseline'),
    scene: Id,
    durationSeconds: Seconds,
    rateAt: z.array(z.enum(['start', 'end'])).min(1, 'expected when to rate: start and/or end'),
  })
  .strict();

const Exposure = z
  .object({
    type: z.literal('exposure'),
    /**
     * A scene id; `context` for the scene this session's counterbalancing assigns; or `hierarchy`: the
     * k-th such step shows the patient's k-th cue-hierarchy item (scene and level), in ascending order.
     */
    scene: Id,
    /** Required, except for `scene: hierarchy` (the item brings its own level). */
    level: z.number().int().min(0).max(4).optional(),
    minSeconds: Seconds,
    maxSeconds: Seconds,
    ratingEverySeconds: Seconds,
    advance: AdvanceRule,
    stepBack: z.object({ above: z.number().min(0).max(100) }).strict().optional(),
  })
  .strict()
  .refine((s) => s.maxSeconds >= s.minSeconds, { message: 'expected maxSeconds ≥ minSeconds', path: ['maxSeconds'] })
  .refine((s) => (s.scene === HIERARCHY) === (s.level === undefined), {
    message: 'expected a level (0–4), except with scene: hierarchy, where the patient’s item sets it',
    path: ['level'],
  });

const Coping = z
  .object({
    type: z.literal('coping'),
    scene: Id,
    level: z.number().int().min(0).max(4),
    skill: z.enum(['urge-surfing', 'refusal-rehearsal', 'breathing', 'cognitive-restructuring']),
    durationSeconds: Seconds,
    guidance: Text,
    ratingEverySeconds: Seconds.optional(),
  })
  .strict();

const Washout = z
  .object({
    type: z.literal('washout'),
    scene: Id,
    untilNearBaseline: z.object({ margin: z.number().min(0).max(100) }).strict(),
    maxSeconds: Seconds,
    ratingEverySeconds: Seconds,
  })
  .strict();

export const Step = z.discriminatedUnion('type', [Baseline, Exposure, Coping, Washout]);

const CheckItem = z
  .object({
    id: Id,
    text: Text,
    /** The answer that stops the session (e.g. `yes` to "intoxicated?"). */
    blocksIf: z.enum(['yes', 'no']),
  })
  .strict();

export const Protocol = z
  .object({
    id: Id,
    version: z.number().int().min(1),
    title: Text,
    substance: z.enum(['alcohol', 'tobacco', 'cannabis', 'cocaine', 'opioids', 'none']),
    /** Shown to the patient (headset and console), in both languages. */
    patientTexts: z.object({ welcome: Text, ratingQuestion: Text, pause: Text }).strict(),
    scale: RatingScaleSpec,
    instruments: z.array(Instrument).default([]),
    safety: z
      .object({
        /** No prompt within this many seconds after active use was showing. */
        cooldownSeconds: z.number().min(0).default(15),
        /** A prompt is issued only if no active use starts within this many seconds (time to answer). */
        answerSeconds: z.number().min(5).default(20),
        /** Craving above this keeps the session from closing (wash-out instead). */
        ceiling: z.number().min(0).max(100),
        /** The session may close when craving is at most baseline + this margin. */
        baselineMargin: z.number().min(0).max(100),
        linkLossSeconds: z.number().min(1).default(3),
      })
      .strict(),
    preSessionCheck: z.array(CheckItem).min(1, 'expected at least one pre-session check item'),
    /** Multi-context extinction: exposure steps with `scene: context` get one of these per session. */
    contexts: z
      .object({ scenes: z.array(Id).min(2, 'expected at least two scenes to rotate'), order: z.enum(['rotate', 'random']) })
      .strict()
      .optional(),
    steps: z.array(Step).min(1, 'expected at least one step'),
  })
  .strict();

export type Protocol = z.infer<typeof Protocol>;
export type ProtocolInput = z.input<typeof Protocol>;
export type Step = z.infer<typeof Step>;
export type AdvanceRule = z.infer<typeof AdvanceRule>;

/** The checks every session starts with when it runs no protocol. */
export const DEFAULT_PRE_SESSION_CHECK: Protocol['preSessionCheck'] = [
  { id: 'abstinent-today', text: { fr: 'Abstinent aujourd’hui ?', en: 'Abstinent today?' }, blocksIf: 'no' },
  { id: 'intoxicated', text: { fr: 'Signes d’intoxication ?', en: 'Signs of intoxication?' }, blocksIf: 'yes' },
  { id: 'acute-crisis', text: { fr: 'Crise aiguë (idées suicidaires, psychose) ?', en: 'Acute crisis (suicidality, psychosis)?' }, blocksIf: 'yes' },
];

/** Safety settings for a session steered by hand (no protocol). */
export const DEFAULT_SAFETY: Protocol['safety'] = { cooldownSeconds: 15, answerSeconds: 20, ceiling: 50, baselineMargin: 15, linkLossSeconds: 3 };
