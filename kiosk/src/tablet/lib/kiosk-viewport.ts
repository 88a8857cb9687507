// The table tablet locks zoom: a pinch on a shared kiosk screen would leave it zoomed for the next diner, with no
// browser controls to undo it. The page itself (index.html) allows zoom, so phones and the console keep it.
const KIOSK_VIEWPORT = 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no, viewport-fit=cover'

export function lockKioskZoom (): void {
  document.querySelector('meta[name="viewport"]')?.setAttribute('content', KIOSK_VIEWPORT)
}
