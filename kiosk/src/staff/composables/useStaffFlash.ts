// A visual cue for a new kitchen ticket, next to the chime: the console's edge lights up once, on whichever screen is open
// (a muted console, or a noisy kitchen, still sees it).
import { ref } from 'vue'

/** How many flashes were asked for; StaffFlash shows one per change, tests read it. */
const flashes = ref(0)

function flash (): void {
  flashes.value++
}

export function useStaffFlash () {
  return { flashes, flash }
}
