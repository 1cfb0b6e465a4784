/** A short two-tone beep made with WebAudio (no sound files), for a new inbound patient. */
let ctx: AudioContext | null = null;

export function beep(): void {
  try {
    ctx ??= new AudioContext();
    const start = ctx.currentTime;
    // Two rising tones: distinct from the dispatcher's single decline tone.
    for (const [i, freq] of [660, 990].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.18, start + i * 0.22);
      gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.22 + 0.2);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + i * 0.22);
      osc.stop(start + i * 0.22 + 0.2);
    }
  } catch {
    // No audio device, or the browser wants a click first: the visual cue still shows.
  }
}

const KEY = 'hospital.sound';
export const soundEnabled = (): boolean => (typeof localStorage === 'undefined' ? true : localStorage.getItem(KEY) !== 'off');
export const setSoundEnabled = (on: boolean): void => localStorage.setItem(KEY, on ? 'on' : 'off');
