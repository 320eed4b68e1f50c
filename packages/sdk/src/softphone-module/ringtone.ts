/** The ringtone of a ringing softphone call, generated with WebAudio (440 + 480 Hz, 2 s on, 4 s off): no audio file. */

const ON_S = 2;
const CYCLE_S = 6;
const CYCLES_SCHEDULED = 10;

type SinkableContext = AudioContext & { setSinkId?: (sinkId: string) => Promise<void> };

export class Ringtone {
  private context: SinkableContext | undefined;

  constructor(private outputDeviceId: string | undefined) {}

  start(): void {
    if (this.context || typeof AudioContext === 'undefined') return;
    try {
      const context: SinkableContext = new AudioContext();
      this.context = context;
      if (this.outputDeviceId !== undefined) void context.setSinkId?.(this.outputDeviceId).catch(() => undefined);
      const gain = context.createGain();
      gain.gain.value = 0;
      gain.connect(context.destination);
      for (const frequency of [440, 480]) {
        const oscillator = context.createOscillator();
        oscillator.frequency.value = frequency;
        oscillator.connect(gain);
        oscillator.start();
      }
      const start = context.currentTime;
      for (let cycle = 0; cycle < CYCLES_SCHEDULED; cycle++) {
        gain.gain.setValueAtTime(0.1, start + cycle * CYCLE_S);
        gain.gain.setValueAtTime(0, start + cycle * CYCLE_S + ON_S);
      }
      // Without a user gesture the context may start suspended; a page that had one lets it play.
      void context.resume().catch(() => undefined);
    } catch {
      this.context = undefined;
    }
  }

  stop(): void {
    const context = this.context;
    this.context = undefined;
    void context?.close().catch(() => undefined);
  }

  setOutputDevice(deviceId: string | undefined): void {
    this.outputDeviceId = deviceId;
    if (deviceId !== undefined) void this.context?.setSinkId?.(deviceId).catch(() => undefined);
  }
}
