// Starts the kiosk app: Pinia, vue-i18n and the router with its three faces (tablet, staff, phone).
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import './styles/tokens.css'
import './styles/base.css'

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app')
