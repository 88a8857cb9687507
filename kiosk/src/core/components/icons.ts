// Paths of the kiosk's inline SVG icons (24×24, drawn with the text colour).

export interface IconShape {
  /** Stroked outlines. */
  stroke?: string
  /** Filled shapes. */
  fill?: string
}

export const ICONS = {
  plus: { stroke: 'M12 5v14M5 12h14' },
  minus: { stroke: 'M5 12h14' },
  close: { stroke: 'M6 6l12 12M18 6 6 18' },
  trash: { stroke: 'M4 7h16M9 7V4.5h6V7M6 7l1 13h10l1-13M10 11v6M14 11v6' },
  back: { stroke: 'M15 5l-7 7 7 7' },
  check: { stroke: 'M5 12.5l4.5 4.5L19 7.5' },
  bag: { stroke: 'M5 8h14l-1.2 12H6.2ZM9 8V6.5a3 3 0 0 1 6 0V8' },
  globe: { stroke: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM3.5 9h17M3.5 15h17M12 3c2.4 2.6 3.5 5.6 3.5 9s-1.1 6.4-3.5 9c-2.4-2.6-3.5-5.6-3.5-9s1.1-6.4 3.5-9Z' },
  clock: { stroke: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM12 7v5l3 2' },
  note: { stroke: 'M4 20h4L19 9l-4-4L4 16ZM13.5 6.5l4 4' },
  offline: { stroke: 'M2 8.5A15 15 0 0 1 6 6.3M10.5 5.1A15 15 0 0 1 22 8.5M5 12a10 10 0 0 1 3.6-2.2M14 9.7a10 10 0 0 1 5 2.3M8.5 15.5a5 5 0 0 1 7 0M12 19h.01M3 3l18 18' },
  chili: {
    fill: 'M17.6 7.2c1.6 1.5 1.7 4.3.2 7.2-2 3.9-6.5 6.8-11.8 6.8-1.1 0-2-.5-2-1.4 0-.8.8-1.3 1.6-1.4 4.6-.6 7.4-4.7 8.6-8.7.5-1.7 2.2-3.6 3.4-2.5Z',
    stroke: 'M17 6.5c.2-1.7 1.2-2.8 3-3',
  },
  leaf: { stroke: 'M5 19C5 10.5 10 5 19.5 4.5 19 14 13.5 19 5 19ZM5 19l8.5-8.5' },
  sprout: { stroke: 'M12 21v-9M12 12c0-4-3-6.5-7.5-6.5 0 4 3 6.5 7.5 6.5ZM12 12c0-4 3-6.5 7.5-6.5 0 4-3 6.5-7.5 6.5Z' },
  moon: { stroke: 'M19.5 14.5A8 8 0 1 1 9.5 4.5a6.5 6.5 0 0 0 10 10Z' },
  star: { fill: 'M12 3.3l2.6 5.4 5.9.8-4.3 4.1 1 5.9L12 16.7l-5.2 2.8 1-5.9-4.3-4.1 5.9-.8Z' },
  sparkle: { fill: 'M12 2.5l1.9 6.1 6.1 1.9-6.1 1.9L12 18.5l-1.9-6.1-6.1-1.9 6.1-1.9ZM19 15l.9 2.6 2.6.9-2.6.9L19 22l-.9-2.6-2.6-.9 2.6-.9Z' },
  allergen: { stroke: 'M12 3.5 21.5 20h-19ZM12 10v4.5M12 17.3v.2' },
  pot: { stroke: 'M4 11h16v1.5a7 7 0 0 1-7 7h-2a7 7 0 0 1-7-7ZM2 11h2M20 11h2M9 7.5c0-1.2 1.2-1.3 1.2-2.5M13.8 7.5c0-1.2 1.2-1.3 1.2-2.5' },
  bell: { stroke: 'M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 1.5h-15ZM10 21h4M12 3v2' },
  served: { stroke: 'M3 17h18M5 17a7 7 0 0 1 14 0M12 8V6.5M10.5 6.5h3' },
  lock: { stroke: 'M6 11h12v9H6ZM8.5 11V8a3.5 3.5 0 0 1 7 0v3' },
  qr: { stroke: 'M4 4h6v6H4ZM14 4h6v6h-6ZM4 14h6v6H4ZM14 14h2v2h-2ZM18 14h2M14 18h2v2M18 18h2v2' },
} as const satisfies Record<string, IconShape>

export type IconName = keyof typeof ICONS
