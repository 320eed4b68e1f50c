/** Plays the far end's audio through an <audio> element; `audio_debug` logs each play and pause. */

type SinkableAudio = HTMLAudioElement & { setSinkId?: (sinkId: string) => Promise<void> };

export class RemoteAudio {
  private readonly element: SinkableAudio;

  constructor(
    private readonly debug: boolean,
    outputDeviceId: string | undefined,
  ) {
    this.element = new Audio() as SinkableAudio;
    this.element.autoplay = true;
    this.element.addEventListener('play', () => this.log('play'));
    this.element.addEventListener('pause', () => this.log('pause'));
    if (outputDeviceId !== undefined) this.setOutputDevice(outputDeviceId);
  }

  play(stream: MediaStream): void {
    this.element.srcObject = stream;
    this.element.play().catch((error: unknown) => this.log('play blocked', error instanceof Error ? error.message : String(error)));
  }

  stop(): void {
    const release = () => {
      this.element.srcObject = null;
    };
    // Clearing the source at once would cancel the pending `pause` event; release the stream once it has fired.
    if (this.element.paused) return release();
    this.element.addEventListener('pause', release, { once: true });
    this.element.pause();
  }

  setOutputDevice(deviceId: string | undefined): void {
    void this.element
      .setSinkId?.(deviceId ?? '')
      .catch((error: unknown) => this.log('output device refused', error instanceof Error ? error.message : String(error)));
  }

  private log(what: string, detail?: string): void {
    if (!this.debug) return;
    if (detail === undefined) console.debug(`[AgentSDK audio] ${what}`);
    else console.debug(`[AgentSDK audio] ${what}: ${detail}`);
  }
}
