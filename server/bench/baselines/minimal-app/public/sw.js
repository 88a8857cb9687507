// An empty service worker: the minimal app registers one, as the tablet does.
/* global self */
self.addEventListener('install', () => self.skipWaiting())
