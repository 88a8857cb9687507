// Starts the kiosk app: Pinia, vue-i18n and the router with its three faces (tablet, staff, phone).
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './core/i18n'
import { router } from './router'
import './core/styles/tokens.css'
import './core/styles/base.css'

// Which build runs (VITE_APP_BUILD): support and the update tests read it from the page.
document.documentElement.dataset.build = import.meta.env.VITE_APP_BUILD ?? 'dev'

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app')
