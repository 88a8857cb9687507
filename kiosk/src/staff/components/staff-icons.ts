// The console's own icons (24×24, drawn with the text colour), added to the tablet's common set.
import { ICONS, type IconShape } from '@/core/components/icons'

const CONSOLE_ICONS = {
  orders: { stroke: 'M6 3h12v18l-3-2-3 2-3-2-3 2ZM9 8h6M9 12h6M9 16h3' },
  link: { stroke: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1' },
  tablet: { stroke: 'M6 3h12a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1ZM11 18h2' },
  table: { stroke: 'M3 9h18M5 9v10M19 9v10M7 9l1-4h8l1 4M8 13h8' },
  soldOut: { stroke: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM5.6 5.6l12.8 12.8' },
  yuan: { stroke: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM8.5 7l3.5 5 3.5-5M12 12v6M9 13h6M9 15.5h6' },
  book: { stroke: 'M4 5.5A2.5 2.5 0 0 1 6.5 3H20v15H6.5A2.5 2.5 0 0 0 4 20.5ZM4 20.5A2.5 2.5 0 0 0 6.5 23H20v-5M8 7h8M8 11h6' },
  users: { stroke: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8ZM2 21v-1a6 6 0 0 1 6-6h2a6 6 0 0 1 6 6v1M16 3.5a4 4 0 0 1 0 7.5M19 14a5 5 0 0 1 3 4.6V21' },
  /** A shop front with an awning: a restaurant of the chain. */
  store: { stroke: 'M4 10v10h16V10M3 4h18l1 4a2.5 2.5 0 0 1-5 0 2.5 2.5 0 0 1-5 0 2.5 2.5 0 0 1-5 0 2.5 2.5 0 0 1-5 0ZM10 20v-5h4v5' },
  logout: { stroke: 'M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3M10 8l-4 4 4 4M6 12h10' },
  print: { stroke: 'M7 9V3h10v6M7 17H4v-7h16v7h-3M7 14h10v7H7Z' },
  up: { stroke: 'M6 15l6-6 6 6' },
  down: { stroke: 'M6 9l6 6 6-6' },
  grip: { fill: 'M9 4.0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM15 4.0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM9 10.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM15 10.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM9 17.0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM15 17.0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Z' },
  refresh: { stroke: 'M20 11a8 8 0 0 0-14.7-4.3M4 4v4h4M4 13a8 8 0 0 0 14.7 4.3M20 20v-4h-4' },
  image: { stroke: 'M4 5h16v14H4ZM4 16l5-5 4 4 2-2 5 5M15.5 9.5a1 1 0 1 0 0-.01' },
  search: { stroke: 'M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM20 20l-4.8-4.8' },
  chevron: { stroke: 'M9 5l7 7-7 7' },
  more: { fill: 'M5 10.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM12 10.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM19 10.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Z' },
  sound: { stroke: 'M4 9h4l5-4v14l-5-4H4ZM16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12' },
  mute: { stroke: 'M4 9h4l5-4v14l-5-4H4ZM17 9l5 6M22 9l-5 6' },
  edit: { stroke: 'M4 20h4L19 9l-4-4L4 16ZM13.5 6.5l4 4' },
  warning: { stroke: 'M12 3.5 21.5 20h-19ZM12 10v4.5M12 17.3v.2' },
  info: { stroke: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM12 11v6M12 7.5v.2' },
  chart: { stroke: 'M4 4v16h16M8 16v-4M12 16V8M16 16v-6M20 16V6' },
  lock: { stroke: 'M6 11h12v10H6ZM8.5 11V7.5a3.5 3.5 0 0 1 7 0V11M12 15v2' },
} as const satisfies Record<string, IconShape>

export const STAFF_ICONS = { ...ICONS, ...CONSOLE_ICONS }
export type StaffIconName = keyof typeof STAFF_ICONS
