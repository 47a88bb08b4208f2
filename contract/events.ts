import type { Ack } from './common';
import type { AppliedReport, AttentionReport, HeadsetTelemetry, Paired, PairingCode, PauseRequest, PingRequest, PoseRelay, SegmentReport } from './headset';
import type { Rating, RatingSubmission } from './rating';
import type {
  CommandRequest,
  CommandResult,
  HeadsetDirective,
  LogEntry,
  PairRequest,
  SessionSnapshot,
  WatchRequest,
} from './session';

type AckFn<T> = (ack: Ack<T>) => void;

/** Every event a console or headset may send. The server validates each payload with its zod schema. */
export interface ClientToServerEvents {
  // console
  'session:watch': (req: WatchRequest, ack: AckFn<SessionSnapshot>) => void;
  'session:pair': (req: PairRequest, ack: AckFn<{ paired: true }>) => void;
  'session:command': (req: CommandRequest, ack: AckFn<CommandResult>) => void;
  'session:ping': (req: PingRequest, ack: AckFn<{ sentAt: number }>) => void;
  // headset
  'headset:applied': (report: AppliedReport, ack: AckFn<{ seq: number }>) => void;
  'headset:segment': (report: SegmentReport, ack: AckFn<{ seq: number }>) => void;
  'headset:pause': (req: PauseRequest, ack: AckFn<{ seq: number }>) => void;
  'headset:telemetry': (t: HeadsetTelemetry) => void;
  'headset:attention': (report: AttentionReport, ack: AckFn<{ seq: number }>) => void;
  'rating:submit': (r: RatingSubmission, ack: AckFn<{ seq: number }>) => void;
}

/** Every event the server sends. */
export interface ServerToClientEvents {
  // console
  'session:snapshot': (s: SessionSnapshot) => void;
  'session:log': (e: LogEntry) => void;
  'rating:recorded': (r: Rating) => void;
  /** Volatile: the patient's head pose for the mirror view. */
  'session:pose': (p: PoseRelay) => void;
  // headset
  'headset:directive': (d: HeadsetDirective) => void;
  'headset:revoked': () => void;
  // pairing
  'pairing:code': (c: PairingCode) => void;
  'pairing:paired': (p: Paired) => void;
}
