// The picture of a dish staff added (not a demo dish): a neutral chef's plate until a photo is uploaded.
import type { DishArt } from './spec.js'

/**
 * Greens around a glazed mound: reads as "a dish" without promising what is in it. The dish id
 * seeds the drawing, so new dishes still differ in china, table and garnish.
 */
export const PLACEHOLDER_DISH_ART: DishArt = {
  vessel: 'plate',
  layers: [
    { kind: 'sauce', color: '#c07a3a', size: 0.68 },
    { kind: 'pieces', piece: 'bokchoy', count: 6, size: 24, spread: 0.52, arrange: 'radial' },
    { kind: 'pieces', piece: 'chunk', count: 10, size: 16, colors: ['#c98a4b'], spread: 0.3, arrange: 'pile' },
    { kind: 'pieces', piece: 'scallion', count: 8, size: 7, spread: 0.5 },
    { kind: 'pieces', piece: 'sesame', count: 16, size: 1.8, spread: 0.45 },
  ],
}
