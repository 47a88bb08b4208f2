import { useEffect } from 'react';
import { create } from 'zustand';
import type { HeadPose } from '../../../contract';
import { useLiveSession } from '../sessionStore';

/** What the console hears live and never stores: the patient's head pose and its own round trip. */
interface LiveLink {
  pose: HeadPose | null;
  /** Console ↔ server round trip in ms, from the last probe; null when it went unanswered. */
  rtt: number | null;
}

export const useLiveLink = create<LiveLink>(() => ({ pose: null, rtt: null }));

const PING_EVERY_MS = 3000;

/**
 * Listens for the session's head poses and probes the round trip every few seconds. Poses go to the
 * store without re-rendering anything: the mirror reads them frame by frame.
 */
export function useLiveLinkFeed(sessionId: string): void {
  const socket = useLiveSession((s) => s.socket);
  useEffect(() => {
    if (!socket) return;
    const onPose = (p: { sessionId: string; pose: HeadPose }) => {
      if (p.sessionId === sessionId) useLiveLink.setState({ pose: p.pose });
    };
    socket.on('session:pose', onPose);
    const ping = async () => {
      if (!socket.connected) return useLiveLink.setState({ rtt: null });
      const sentAt = performance.now();
      // Volatile: a probe never waits in (or holds up) the queue of retried commands.
      const ack = await socket.volatile
        .timeout(PING_EVERY_MS)
        .emitWithAck('session:ping', { sessionId, sentAt })
        .catch(() => null);
      useLiveLink.setState({ rtt: ack?.ok ? Math.round(performance.now() - sentAt) : null });
    };
    void ping();
    const timer = setInterval(() => void ping(), PING_EVERY_MS);
    return () => {
      clearInterval(timer);
      socket.off('session:pose', onPose);
      useLiveLink.setState({ pose: null, rtt: null });
    };
  }, [socket, sessionId]);
}
