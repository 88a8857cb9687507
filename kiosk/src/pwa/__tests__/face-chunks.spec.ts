// The tablet precaches only what it runs: the staff console's and the phone page's chunks (and their CSS) get
// folders of their own, which the service worker's precache leaves out.
import { describe, expect, it } from 'vitest'
import { FACE_ONLY_GLOBS, PWA_OPTIONS, faceAssetFileNames, faceChunkFileNames } from '@/pwa/pwa-options'

const at = (path: string) => `/work/app/kiosk/src/${path}`

describe('face chunks', () => {
  it('puts a chunk with any staff or phone module in that face\'s folder, and shared code with the tablet\'s', () => {
    expect(faceChunkFileNames({ name: 'StaffOrdersView', moduleIds: [at('staff/views/StaffOrdersView.vue'), '/work/app/shared/src/money.ts'] }))
      .toBe('assets/staff/[name]-[hash].js')
    expect(faceChunkFileNames({ name: 'PhoneView', moduleIds: [at('phone/PhoneView.vue')] })).toBe('assets/phone/[name]-[hash].js')
    expect(faceChunkFileNames({ name: 'CommonPinPad', moduleIds: [at('core/components/CommonPinPad.vue')] })).toBe('assets/[name]-[hash].js')
    expect(faceChunkFileNames({ name: 'KioskStaffExit', moduleIds: [at('tablet/components/kiosk/KioskStaffExit.vue')] })).toBe('assets/[name]-[hash].js')
  })

  it('sends a face\'s CSS to the same folder, by its component or by its chunk', () => {
    expect(faceAssetFileNames({ names: ['StaffView.css'], originalFileNames: ['src/staff/StaffView.vue'] })).toBe('assets/staff/[name]-[hash][extname]')
    faceChunkFileNames({ name: 'useStaffLoader', moduleIds: [at('staff/composables/useStaffLoader.ts')] })
    expect(faceAssetFileNames({ names: ['useStaffLoader.css'], originalFileNames: [] })).toBe('assets/staff/[name]-[hash][extname]')
    expect(faceAssetFileNames({ names: ['CommonPinPad.css'], originalFileNames: [] })).toBe('assets/[name]-[hash][extname]')
    expect(faceAssetFileNames({ names: ['index.css'], originalFileNames: ['index.html'] })).toBe('assets/[name]-[hash][extname]')
  })

  it('leaves those folders out of the precache', () => {
    expect(FACE_ONLY_GLOBS).toEqual(['assets/staff/**', 'assets/phone/**'])
    expect(PWA_OPTIONS.injectManifest?.globIgnores).toEqual(FACE_ONLY_GLOBS)
  })
})
