import type {
  Actor,
  AppliedReport,
  ClinicianCommand,
  HeadsetDirective,
  OpenPrompt,
  RatingScale,
  RatingSubmission,
  ScenePlacement,
  SessionStatus,
} from '../../contract';
import { RATING_MAX } from '../../contract';
import { findScene, SAFE_SCENE } from '../../scenes/manifests';

// The session core: a pure function of (state, input, now). No I/O and no clock of its own, so every
// decision can be replayed and tested; the server persists what it returns, then emits it.

export interface SessionState {
  status: SessionStatus;
  directive: HeadsetDirective;
  applied: { revision: number; scene: ScenePlacement; at: number } | null;
  linkUp: boolean;
}

export type SessionInput =
  | { kind: 'command'; writeId: string; command: ClinicianCommand }
  | { kind: 'applied'; report: AppliedReport }
  | { kind: 'rating'; submission: RatingSubmission }
  | { kind: 'link'; up: boolean }
  | { kind: 'paired' };

/** A log record to append, in order, with the server's time. */
export interface LogRecord {
  actor: Actor;
  type: string;
  data: Record<string, unknown>;
}

/** A rating to store, derived from the state at the moment it was given. */
export interface RatingRecord {
  promptId: string | null;
  scale: RatingScale;
  value: number;
  source: 'headset' | 'spoken';
  promptedAt: number | null;
  scene: ScenePlacement;
}

export type Decision =
  | { ok: true; state: SessionState; records: LogRecord[]; rating?: RatingRecord; ended?: boolean }
  | { ok: false; code: 'rejected' | 'conflict'; message: string };

export function initialSessionState(): SessionState {
  return {
    status: 'open',
    directive: { revision: 0, commandId: null, scene: { ...SAFE_SCENE }, stopped: false, prompt: null },
    applied: null,
    linkUp: false,
  };
}

const reject = (message: string): Decision => ({ ok: false, code: 'rejected', message });

export function decide(state: SessionState, input: SessionInput, now: number): Decision {
  if (state.status === 'ended') return reject('the session has ended');
  switch (input.kind) {
    case 'command':
      return decideCommand(state, input.writeId, input.command, now);
    case 'applied':
      return decideApplied(state, input.report, now);
    case 'rating':
      return decideRating(state, input.submission, now);
    case 'link':
      if (input.up === state.linkUp) return { ok: true, state, records: [] };
      return {
        ok: true,
        state: { ...state, linkUp: input.up },
        records: [{ actor: 'server', type: input.up ? 'headset.connected' : 'headset.disconnected', data: {} }],
      };
    case 'paired':
      return { ok: true, state, records: [{ actor: 'clinician', type: 'headset.paired', data: {} }] };
  }
}

function decideCommand(state: SessionState, writeId: string, command: ClinicianCommand, now: number): Decision {
  const d = state.directive;
  const redirect = (patch: Partial<HeadsetDirective>): SessionState => ({
    ...state,
    directive: { ...d, ...patch, revision: d.revision + 1, commandId: writeId },
  });
  const logged = (next: SessionState, type: string, data: Record<string, unknown> = {}): Decision => ({
    ok: true,
    state: next,
    records: [{ actor: 'clinician', type, data: { commandId: writeId, ...data } }],
  });

  switch (command.type) {
    case 'setScene':
    case 'setLevel': {
      if (d.stopped) return reject('emergency stop is engaged: resume the session first');
      const scene = { sceneId: command.type === 'setScene' ? command.sceneId : d.scene.sceneId, level: command.level };
      const manifest = findScene(scene.sceneId);
      if (!manifest) return reject(`unknown scene "${scene.sceneId}"`);
      if (!manifest.levels.some((l) => l.level === scene.level)) {
        return reject(`scene "${scene.sceneId}" has no level ${scene.level}`);
      }
      return logged(redirect({ scene }), 'scene.requested', { ...scene });
    }
    case 'requestRating': {
      if (d.stopped) return reject('emergency stop is engaged: no rating is asked of the patient');
      if (d.prompt) return { ok: false, code: 'conflict', message: 'a rating prompt is already open' };
      const prompt: OpenPrompt = { promptId: writeId, scale: command.scale, issuedAt: now };
      return logged(redirect({ prompt }), 'rating.prompted', { promptId: prompt.promptId, scale: prompt.scale });
    }
    case 'spokenRating': {
      if (command.value > RATING_MAX[command.scale]) {
        return reject(`a ${command.scale} rating is at most ${RATING_MAX[command.scale]}`);
      }
      const rating: RatingRecord = {
        promptId: null,
        scale: command.scale,
        value: command.value,
        source: 'spoken',
        promptedAt: null,
        scene: d.scene,
      };
      return {
        ok: true,
        state,
        rating,
        records: [{ actor: 'clinician', type: 'rating.recorded', data: { ratingId: writeId, ...rating } }],
      };
    }
    case 'emergencyStop': {
      const next = redirect({ stopped: true, scene: { ...SAFE_SCENE }, prompt: null });
      const records: LogRecord[] = [{ actor: 'clinician', type: 'emergency.stop', data: { commandId: writeId } }];
      if (d.prompt) records.push({ actor: 'server', type: 'rating.cancelled', data: { promptId: d.prompt.promptId } });
      return { ok: true, state: next, records };
    }
    case 'resume':
      if (!d.stopped) return reject('the session is not stopped');
      return logged(redirect({ stopped: false }), 'session.resumed');
    case 'end': {
      const records: LogRecord[] = [{ actor: 'clinician', type: 'session.ended', data: { commandId: writeId } }];
      if (d.prompt) records.unshift({ actor: 'server', type: 'rating.cancelled', data: { promptId: d.prompt.promptId } });
      const next = redirect({ stopped: true, scene: { ...SAFE_SCENE }, prompt: null });
      return { ok: true, state: { ...next, status: 'ended' }, records, ended: true };
    }
  }
}

function decideApplied(state: SessionState, report: AppliedReport, now: number): Decision {
  // Stale reports (an older revision settling late) are logged but do not overwrite newer ones.
  const newer = !state.applied || report.revision >= state.applied.revision;
  return {
    ok: true,
    state: newer ? { ...state, applied: { revision: report.revision, scene: report.scene, at: now } } : state,
    records: [{ actor: 'headset', type: 'scene.applied', data: { revision: report.revision, ...report.scene } }],
  };
}

function decideRating(state: SessionState, submission: RatingSubmission, now: number): Decision {
  const prompt = state.directive.prompt;
  if (!prompt || prompt.promptId !== submission.promptId) {
    return reject('no open prompt has this id: a rating is only accepted in answer to a prompt');
  }
  if (submission.value > RATING_MAX[prompt.scale]) return reject(`a ${prompt.scale} rating is at most ${RATING_MAX[prompt.scale]}`);
  const rating: RatingRecord = {
    promptId: prompt.promptId,
    scale: prompt.scale,
    value: submission.value,
    source: 'headset',
    promptedAt: prompt.issuedAt,
    scene: state.directive.scene,
  };
  const d = state.directive;
  return {
    ok: true,
    state: { ...state, directive: { ...d, prompt: null, revision: d.revision + 1, commandId: submission.id } },
    rating,
    records: [
      {
        actor: 'headset',
        type: 'rating.recorded',
        data: { ratingId: submission.id, ...rating, latencyMs: now - prompt.issuedAt },
      },
    ],
  };
}
