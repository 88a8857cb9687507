// A Pinia store, as the tablet keeps its screen state in one.
import { defineStore } from 'pinia'

export const useKioskStore = defineStore('kiosk', {
  state: () => ({ started: 0 }),
  actions: {
    start () {
      this.started++
    },
  },
})
