/** Plays one call's recording from recent calls: loaded when asked for, released when closed. */
import { X } from 'lucide';
import { useEffect, useState } from 'preact/hooks';
import { fetchRecording, type TenantApiAccess } from '../api/call-records.js';
import { describeThrown } from '../sdk/agent-sdk.js';
import { Icon } from '../ui/icon.js';

export interface RecordingChoice {
  recordingUrl: string;
  /** Whose call, for people: "the call with 13800138000 · Today 14:02". */
  label: string;
}

type Load = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'failed'; message: string };

export function RecordingPlayer({ access, choice, onClose }: { access: TenantApiAccess; choice: RecordingChoice; onClose: () => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let url: string | undefined;
    let cancelled = false;
    setLoad({ state: 'loading' });
    fetchRecording(access, choice.recordingUrl).then(
      (loaded) => {
        url = loaded;
        if (cancelled) URL.revokeObjectURL(loaded);
        else setLoad({ state: 'ready', url: loaded });
      },
      (error: unknown) => !cancelled && setLoad({ state: 'failed', message: describeThrown(error).text }),
    );
    return () => {
      cancelled = true;
      if (url !== undefined) URL.revokeObjectURL(url);
    };
  }, [access, choice.recordingUrl]);

  return (
    <section class="recording-player" aria-label="Recording">
      <p class="recording-player__title">
        Recording of {choice.label}
        <button type="button" class="icon-button icon-button--small" aria-label="Close the recording" onClick={onClose}>
          <Icon icon={X} size={14} />
        </button>
      </p>
      {load.state === 'loading' && <p class="muted">Loading the recording…</p>}
      {load.state === 'failed' && <p class="callout callout--error">Could not play the recording: {load.message}</p>}
      {load.state === 'ready' && (
        // biome-ignore lint/a11y/useMediaCaption: a call recording has no captions to offer; its label names the call.
        <audio class="recording-player__audio" controls autoPlay src={load.url} aria-label={`Recording of ${choice.label}`} />
      )}
    </section>
  );
}
