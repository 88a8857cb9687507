// The tablet's timings (idle, payment polling, pairing), read once from the address and the build.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { readConfig, type KioskConfig } from '@/tablet/config'

export const useTabletConfigStore = defineStore('tablet-config', () => {
  const config = ref<KioskConfig>(readConfig(location.search, import.meta.env))
  return { config }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useTabletConfigStore, import.meta.hot))
