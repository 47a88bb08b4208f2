import type { AttentionReport, HeadPose } from '../../contract';
import { SAFE_SCENE } from '../../scenes/manifests';
import { connect, type CueSocket, writeId } from '../common/socket';
import { useHeadset } from './headsetStore';

const TOKEN_KEY = 'cueroom.deviceToken';
/** Seconds without the control link before the headset fades to the safe scene on its own. */
export const LINK_GRACE_MS = 3000;

let socket: CueSocket | null = null;
let lossTimer: ReturnType<typeof setTimeout> | undefined;

/** Starts the headset's control link: pairing first, then the session the clinician paired it to. */
export function startLink(): void {
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) joinSession(token);
  else startPairing();
}

function startPairing() {
  useHeadset.setState({ mode: 'pairing', code: null });
  const s = connect({ kind: 'pairing' });
  s.on('pairing:code', ({ code }) => useHeadset.setState({ code }));
  s.on('pairing:paired', ({ deviceToken }) => {
    localStorage.setItem(TOKEN_KEY, deviceToken);
    s.disconnect();
    joinSession(deviceToken);
  });
}

function joinSession(token: string) {
  const s = connect({ kind: 'device', token });
  socket = s;
  s.on('connect', () => {
    clearTimeout(lossTimer);
    useHeadset.setState({ mode: 'paired' });
  });
  s.on('disconnect', () => {
    // The headset does not wait for anyone to make itself safe.
    clearTimeout(lossTimer);
    lossTimer = setTimeout(() => useHeadset.setState({ linkLost: true }), LINK_GRACE_MS);
  });
  s.on('headset:directive', (directive) => {
    const { directive: current, events } = useHeadset.getState();
    if (current && directive.revision < current.revision) return;
    const e = directive.event;
    const fresh = e && !events.some((x) => x.id === e.id) ? [...events.slice(-4), { ...e, startedAt: performance.now() / 1000 }] : events;
    useHeadset.setState({ directive, linkLost: false, events: fresh });
  });
  s.on('connect_error', (err) => {
    if (err.message.startsWith('unauthenticated')) revoked();
  });
  s.on('headset:revoked', revoked);
}

function revoked() {
  localStorage.removeItem(TOKEN_KEY);
  socket?.disconnect();
  socket = null;
  clearTimeout(lossTimer);
  const wasPaired = useHeadset.getState().directive !== null;
  useHeadset.setState({ directive: null, linkLost: false, shown: { ...SAFE_SCENE }, mode: wasPaired ? 'ended' : 'pairing' });
  if (!wasPaired) startPairing();
}

export function reportApplied(revision: number, scene: { sceneId: string; level: number }, sinceMs: number): void {
  void socket?.emitWithAck('headset:applied', { id: writeId(), revision, scene, sinceMs: Math.max(0, Math.round(sinceMs)) }).catch(() => undefined);
}

/** Tells the server an active-use segment started or ended on screen, as rendered. */
export function reportSegment(segmentId: string, showing: boolean): void {
  void socket?.emitWithAck('headset:segment', { id: writeId(), segmentId, showing }).catch(() => undefined);
}

/** The patient's pause: the server fades to the safe scene; only the clinician resumes. */
export function requestPause(): void {
  void socket?.emitWithAck('headset:pause', { id: writeId() }).catch(() => undefined);
}

export async function submitRating(promptId: string, value: number): Promise<boolean> {
  if (!socket) return false;
  const ack = await socket.emitWithAck('rating:submit', { id: writeId(), promptId, value }).catch(() => null);
  return ack?.ok === true;
}

export function sendTelemetry(immersive: boolean, fps: number | null, pose: HeadPose | undefined): void {
  if (socket?.connected) socket.volatile.emit('headset:telemetry', { immersive, fps, pose });
}

/** A gaze-dwell batch; resolves whether it was stored (true), refused for good (false) or must be retried (null: no link). */
export async function reportAttention(report: AttentionReport): Promise<boolean | null> {
  if (!socket?.connected) return null;
  const ack = await socket.timeout(10_000).emitWithAck('headset:attention', report).catch(() => null);
  return ack === null ? null : ack.ok;
}
