import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '../../contract';

export type CueSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A typed Socket.IO connection to this server. Writes are retried with the same id until acknowledged
 * (at-least-once); the server applies each id once.
 */
export function connect(auth: HandshakeAuth): CueSocket {
  return io({ auth, retries: 8, ackTimeout: 4000, transports: ['websocket', 'polling'] });
}

/** A new id for a write, generated here so a retry is recognised by the server. */
export function writeId(): string {
  return crypto.randomUUID();
}
