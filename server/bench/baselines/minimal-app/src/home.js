// The first screen: a title and a start button (the attract screen's equivalent).
import { defineComponent, h } from 'vue'
import { useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { useKioskStore } from './store.js'

export default defineComponent({
  setup () {
    const { t } = useI18n()
    const router = useRouter()
    const kiosk = useKioskStore()
    const start = () => {
      kiosk.start()
      void router.push('/menu')
    }
    return () => h('main', { 'data-testid': 'attract-screen' }, [
      h('h1', t('title')),
      h('button', { type: 'button', 'data-testid': 'start-order', onClick: start }, t('start')),
    ])
  },
})
