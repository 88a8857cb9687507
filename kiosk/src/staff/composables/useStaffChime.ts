// The console's sounds, made with the Web Audio API (no audio file to fetch): a bright chime for a new order, a low one for an alert.
import { ref } from 'vue'

export type ChimeKind = 'order' | 'alert'

const STORAGE_KEY = 'tablepad-staff-sound'

/** Notes (Hz) and their start times (s): a rising pair for orders, a falling pair for alerts. */
const NOTES: Record<ChimeKind, readonly (readonly [number, number])[]> = {
  order: [[880, 0], [1318.5, 0.14]],
  alert: [[659.3, 0], [440, 0.18]],
}
const NOTE_S = 0.32

let context: AudioContext | null = null
const enabled = ref(readEnabled())
/** How many chimes were played; lets tests and screen checks see that a sound was asked for. */
const played = ref(0)
/** A chime could not sound because the browser still waits for a tap (after a reload). */
const blocked = ref(false)

function readEnabled (): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== 'off'
  } catch {
    return true
  }
}

function audioContext (): AudioContext | null {
  if (context) return context
  if (typeof AudioContext === 'undefined') return null
  context = new AudioContext()
  return context
}

/** Browsers start audio only from a user gesture: call this inside a tap (login, the sound switch). */
function unlock (): void {
  const audio = audioContext()
  if (audio?.state === 'suspended') {
    void audio.resume().then(() => { blocked.value = false }).catch(() => undefined)
  } else {
    blocked.value = false
  }
}

function setEnabled (on: boolean): void {
  enabled.value = on
  try {
    localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off')
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  if (on) unlock()
}

function play (kind: ChimeKind): void {
  if (!enabled.value) return
  played.value++
  const audio = audioContext()
  if (!audio) return
  if (audio.state !== 'running') {
    blocked.value = true
    return
  }
  const start = audio.currentTime + 0.01
  for (const [frequency, offset] of NOTES[kind]) {
    const oscillator = audio.createOscillator()
    const gain = audio.createGain()
    oscillator.type = 'sine'
    oscillator.frequency.value = frequency
    // A quick attack and an exponential fade: a bell, not a click.
    gain.gain.setValueAtTime(0.0001, start + offset)
    gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.015)
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + NOTE_S)
    oscillator.connect(gain).connect(audio.destination)
    oscillator.start(start + offset)
    oscillator.stop(start + offset + NOTE_S + 0.02)
  }
}

export function useStaffChime () {
  return { enabled, played, blocked, unlock, setEnabled, play }
}
