// One router, three faces: the tablet at / (in the first bundle), the staff console and the phone page (loaded on demand).
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import TabletView from './tablet/TabletView.vue'

/** Stands in for the console's routes until the first visit under /staff fetches them: the tablet's first bundle
 * carries no staff route table. */
const STAFF_PENDING = 'staff-pending'

const staffFace: RouteRecordRaw = {
  path: '/staff/:rest(.*)*',
  name: STAFF_PENDING,
  // Never rendered: the guard swaps this record for the real ones and sends the navigation through them again.
  component: TabletView,
  async beforeEnter (to) {
    const { STAFF_FACE } = await import('./staff/views/routes')
    if (router.hasRoute(STAFF_PENDING)) {
      router.removeRoute(STAFF_PENDING)
      router.addRoute(STAFF_FACE)
    }
    return to.fullPath
  },
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'tablet', component: TabletView },
    staffFace,
    // GET /t/:code is the server's (Alipay authorization); it sends the diner on to the phone page here.
    { path: '/t/:code/menu', name: 'phone', component: () => import('./phone/PhoneView.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
