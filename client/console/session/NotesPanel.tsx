import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../common/format';
import { useLiveSession } from '../sessionStore';

const MAX = 2000;

/** Timestamped clinician notes: each is stored in the session log before it is listed. */
export function NotesPanel() {
  const { t, i18n } = useTranslation();
  const command = useLiveSession((s) => s.command);
  const log = useLiveSession((s) => s.log);
  const notes = useMemo(() => log.filter((e) => e.type === 'note'), [log]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    if (await command({ type: 'note', text })) setText('');
    setBusy(false);
  };

  return (
    <section className="panel" aria-labelledby="notes-h">
      <h2 id="notes-h">{t('live.notes.title')}</h2>
      <form onSubmit={(e) => void onSubmit(e)} className="notes-form">
        <label>
          {t('live.notes.label')}
          <textarea name="note" rows={2} maxLength={MAX} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <div className="inline">
          <button type="submit" className="primary" disabled={busy || !text.trim()}>
            {t('live.notes.add')}
          </button>
          <small className="muted">{t('live.notes.hint', { max: MAX })}</small>
        </div>
      </form>
      {notes.length === 0 ? (
        <p className="muted">{t('live.notes.none')}</p>
      ) : (
        <ol className="notes" reversed data-testid="notes">
          {[...notes].reverse().map((n) => (
            <li key={n.seq}>
              <time dateTime={new Date(n.at).toISOString()}>{formatTime(n.at, i18n.language)}</time> <span className="note-text">{String(n.data.text)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
