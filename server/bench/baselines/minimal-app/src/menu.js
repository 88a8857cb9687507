// The second screen, loaded on the tap (as the tablet's menu is reached by a tap).
import { defineComponent, h } from 'vue'
import { useI18n } from 'vue-i18n'

export default defineComponent({
  setup () {
    const { t } = useI18n()
    return () => h('main', { 'data-testid': 'menu-screen' }, [
      h('h1', t('menu')),
      h('ul', Array.from({ length: 12 }, (_, n) => h('li', { 'data-testid': `dish-${n}` }, t('dish', { n: n + 1 })))),
    ])
  },
})
