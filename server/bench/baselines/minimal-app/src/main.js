// The minimal app's entry: Vue, Pinia, vue-router, vue-i18n, and after the first paint idb and workbox-window.
/* global navigator */
import { createApp, h } from 'vue'
import { createPinia } from 'pinia'
import { createRouter, createWebHistory, RouterView } from 'vue-router'
import { createI18n } from 'vue-i18n'
import { openDB } from 'idb'
import { Workbox } from 'workbox-window'
import en from './i18n/en.json'
import Home from './home.js'

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: Home },
    { path: '/menu', component: () => import('./menu.js') },
  ],
})
const i18n = createI18n({ legacy: false, locale: 'en', messages: { en } })

createApp({ render: () => h(RouterView) }).use(createPinia()).use(router).use(i18n).mount('#app')

// The tablet keeps its outbox in IndexedDB and installs a service worker; so does this app.
void openDB('minimal-app', 1, { upgrade: db => { db.createObjectStore('outbox', { keyPath: 'id' }) } })
if ('serviceWorker' in navigator) void new Workbox('/sw.js').register()
