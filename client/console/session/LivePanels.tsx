import type { SessionSnapshot } from '../../../contract';
import { useLiveLinkFeed } from './liveLink';
import { MirrorPanel } from './MirrorPanel';
import { NotesPanel } from './NotesPanel';

/** During the session: the mirror of the patient's view (fed by the live link) and the clinician's notes. */
export function LivePanels({ snapshot }: { snapshot: SessionSnapshot }) {
  useLiveLinkFeed(snapshot.id);
  return (
    <>
      {snapshot.status === 'open' && <MirrorPanel snapshot={snapshot} />}
      <NotesPanel />
    </>
  );
}
