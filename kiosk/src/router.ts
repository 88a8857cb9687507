// One router, three faces: the tablet at / (in the first bundle), the staff console and the phone page (loaded on demand).
import { createRouter, createWebHistory } from 'vue-router'
import TabletView from './tablet/TabletView.vue'
import { STAFF_ROUTES } from './staff/views/routes'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'tablet', component: TabletView },
    { path: '/staff', component: () => import('./staff/StaffView.vue'), children: STAFF_ROUTES },
    { path: '/t/:code', name: 'phone', component: () => import('./phone/PhoneView.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
