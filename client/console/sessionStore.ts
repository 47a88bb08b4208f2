import { create } from 'zustand';
import type { Ack, ClinicianCommand, LogEntry, Rating, SessionSnapshot } from '../../contract';
import { connect, type CueSocket, writeId } from '../common/socket';
import { api } from './api';

interface LiveSession {
  socket: CueSocket | null;
  connected: boolean;
  snapshot: SessionSnapshot | null;
  log: LogEntry[];
  ratings: Rating[];
  error: string | null;
  watch(sessionId: string, token: string): Promise<void>;
  leave(): void;
  command(command: ClinicianCommand): Promise<boolean>;
  pair(code: string): Promise<boolean>;
}

function message(ack: Ack<unknown> | null): string {
  if (!ack) return 'no answer from the server (network?)';
  if (ack.ok) return '';
  return ack.error.issues?.length ? `${ack.error.message}: ${ack.error.issues.map((i) => i.message).join('; ')}` : ack.error.message;
}

/** The live session on the console: what the server says it is, updated by its events. */
export const useLiveSession = create<LiveSession>((set, get) => ({
  socket: null,
  connected: false,
  snapshot: null,
  log: [],
  ratings: [],
  error: null,

  async watch(sessionId, token) {
    get().leave();
    const socket = connect({ kind: 'clinician', token });
    set({ socket, log: [], ratings: [], snapshot: null, error: null });
    const resync = async () => {
      const ack = await socket.emitWithAck('session:watch', { sessionId }).catch(() => null);
      if (!ack?.ok) return set({ error: message(ack) });
      const [log, ratings] = await Promise.all([
        api<LogEntry[]>(`/sessions/${sessionId}/log`),
        api<Rating[]>(`/sessions/${sessionId}/ratings`),
      ]);
      set({ snapshot: ack.data, log, ratings });
    };
    // The link is up as soon as the socket is, whether or not the resync that follows succeeds.
    socket.on('connect', () => {
      set({ connected: true });
      void resync();
    });
    socket.on('disconnect', () => set({ connected: false }));
    socket.on('session:snapshot', (snapshot) => set({ snapshot }));
    socket.on('session:log', (e) => set((s) => (s.log.some((x) => x.seq === e.seq) ? s : { log: [...s.log, e] })));
    socket.on('rating:recorded', (r) => set((s) => (s.ratings.some((x) => x.id === r.id) ? s : { ratings: [...s.ratings, r] })));
  },

  leave() {
    get().socket?.disconnect();
    set({ socket: null, connected: false, snapshot: null });
  },

  async command(command) {
    const { socket, snapshot } = get();
    if (!socket || !snapshot) return false;
    const ack = await socket.emitWithAck('session:command', { id: writeId(), sessionId: snapshot.id, command }).catch(() => null);
    set({ error: ack?.ok ? null : message(ack) });
    return ack?.ok === true;
  },

  async pair(code) {
    const { socket, snapshot } = get();
    if (!socket || !snapshot) return false;
    const ack = await socket.emitWithAck('session:pair', { id: writeId(), sessionId: snapshot.id, code }).catch(() => null);
    set({ error: ack?.ok ? null : message(ack) });
    return ack?.ok === true;
  },
}));
