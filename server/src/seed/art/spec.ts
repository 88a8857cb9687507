// What a dish picture is made of: a vessel seen from above (or a glass from the side) and food layers.
import type { Point } from './svg.js'

/** Small food pieces, each drawn by its own painter (pieces-*.ts). */
export type Piece =
  | 'chunk' | 'cube' | 'belly' | 'slice' | 'strip' | 'chilli' | 'dried-chilli' | 'peanut' | 'scallion'
  | 'coriander' | 'bokchoy' | 'dot' | 'sesame' | 'peppercorn' | 'shred' | 'egg-ribbon' | 'corn'
  | 'sausage' | 'egg-half' | 'fried-egg' | 'tomato' | 'pineapple' | 'pearl' | 'star-anise'
  | 'shrimp' | 'crescent' | 'bao' | 'siumai' | 'hargow' | 'wonton' | 'tangyuan' | 'spring-roll'
  | 'egg-tart' | 'sesame-ball' | 'fish' | 'duck' | 'pancake' | 'cucumber' | 'wood-ear' | 'flower'
  | 'mince' | 'egg-scramble' | 'rib' | 'century-egg' | 'leaf'

/** ring: pieces lie along a circle; radial: they point away from the centre like petals. */
export type Arrangement = 'scatter' | 'pile' | 'ring' | 'radial' | 'fan' | 'row' | 'center'

export type FoodLayer =
  /** A liquid filling the vessel (broth, chilli oil, syrup); `oil` adds floating droplets. */
  | { kind: 'pool', color: string, fill?: number, oil?: string }
  /** An irregular puddle of sauce under the food. */
  | { kind: 'sauce', color: string, size?: number, at?: Point }
  | { kind: 'noodles', color: string, count?: number, width?: number, spread?: number }
  /** A mound of grains; `bits` colours mixed in (egg, peas, carrot) make fried rice. */
  | { kind: 'rice', color?: string, spread?: number, bits?: readonly string[], at?: Point, count?: number }
  | {
    kind: 'pieces'
    piece: Piece
    count: number
    /** Roughly the radius of one piece in pixels. */
    size: number
    /** The first colour is the main one; painters use the others for details. */
    colors?: readonly string[]
    /** How far from the centre pieces go, as a share of the food area's radius. */
    spread?: number
    /** Offset of the arrangement's centre, as a share of the food area's radius. */
    at?: Point
    arrange?: Arrangement
  }

export type China = 'white' | 'celadon' | 'blue-rim' | 'black' | 'cream' | 'red-rim'

export interface TopDownArt {
  vessel: 'plate' | 'platter' | 'bowl' | 'steamer' | 'claypot' | 'skillet' | 'teacup'
  china?: China
  layers: readonly FoodLayer[]
  /** Chopsticks or a spoon beside the vessel. */
  side?: 'chopsticks' | 'spoon' | 'none'
}

export interface GlassArt {
  vessel: 'glass'
  shape: 'tumbler' | 'tall' | 'pint' | 'coupe'
  /** Liquid colours from the top down. */
  liquid: readonly string[]
  /** How full, 0 to 1. */
  fill: number
  ice?: number
  pearls?: number
  sago?: boolean
  straw?: string
  foam?: string
  garnish?: 'lemon' | 'mint' | 'osmanthus' | 'mango'
}

export type DishArt = TopDownArt | GlassArt

/** The food area a vessel leaves free: a circle in picture coordinates. */
export interface Region {
  cx: number
  cy: number
  r: number
}
