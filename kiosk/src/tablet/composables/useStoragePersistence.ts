// Asks the browser to keep this tablet's storage (the outbox above all) out of eviction under storage pressure.
import { ref } from 'vue'

export function useStoragePersistence () {
  /** null until asked, or where the browser has no StorageManager. */
  const persisted = ref<boolean | null>(null)

  /** Chromium grants it by engagement or installation, without a prompt; others may refuse quietly. */
  async function request (): Promise<boolean | null> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
    if (!storage?.persist || !storage.persisted) return null
    try {
      persisted.value = (await storage.persisted()) || (await storage.persist())
    } catch {
      persisted.value = false
    }
    if (!persisted.value) console.info('storage is not persistent: the browser may evict it when the disk runs short')
    return persisted.value
  }

  return { persisted, request }
}
