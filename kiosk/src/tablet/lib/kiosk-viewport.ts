// The table tablet locks zoom: a pinch on a shared kiosk screen would leave it zoomed for the next diner, with no
// browser controls to undo it. The page itself (index.html) allows zoom, so phones and the console keep it — also
// after the tablet face was shown in the same page (the lock is handed back when the face goes).
const KIOSK_VIEWPORT = 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no, viewport-fit=cover'

/** Locks zoom; the function returned puts the page's own viewport back. */
export function lockKioskZoom (): () => void {
  const meta = document.querySelector('meta[name="viewport"]')
  if (!meta) return () => undefined
  const own = meta.getAttribute('content')
  meta.setAttribute('content', KIOSK_VIEWPORT)
  return () => {
    if (own === null) meta.removeAttribute('content')
    else meta.setAttribute('content', own)
  }
}
