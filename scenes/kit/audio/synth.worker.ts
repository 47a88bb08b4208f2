import { renderSound, type SoundId } from './library';

// Generates sounds off the main thread, so a scene change never drops a frame in the headset.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ request: number; id: SoundId }>) => void) | null;
  postMessage(msg: unknown, transfer: Transferable[]): void;
};

scope.onmessage = (e) => {
  const pcm = renderSound(e.data.id);
  scope.postMessage({ request: e.data.request, pcm }, [pcm.buffer]);
};
