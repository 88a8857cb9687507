// The dish picture generator: deterministic, well formed, varied and small enough for tablets to cache.
import { describe, expect, it } from 'vitest'
import { renderDishArt } from '../../src/seed/dish-art.js'
import { DEMO_DISHES } from '../../src/seed/demo-menu.js'
import { svgProblems } from './svg-check.js'

describe('renderDishArt', () => {
  it('draws every demo dish as a well-formed SVG of reasonable size', () => {
    for (const dish of DEMO_DISHES) {
      const svg = renderDishArt(dish.art, dish.id)
      expect(svgProblems(svg), dish.id).toEqual([])
      expect(svg.length, dish.id).toBeLessThan(80_000)
      expect(svg).toContain('viewBox="0 0 480 360"')
    }
  })

  it('draws the same picture for the same dish every time', () => {
    const dish = DEMO_DISHES[0]!
    expect(renderDishArt(dish.art, dish.id)).toBe(renderDishArt(dish.art, dish.id))
  })

  it('gives every dish its own picture, even dishes drawn from the same description', () => {
    const pictures = new Set(DEMO_DISHES.map(dish => renderDishArt(dish.art, dish.id)))
    expect(pictures.size).toBe(DEMO_DISHES.length)
    const art = DEMO_DISHES[0]!.art
    expect(renderDishArt(art, 'dish_a')).not.toBe(renderDishArt(art, 'dish_b'))
  })

  it('escapes a title so a dish name cannot break the document', () => {
    const svg = renderDishArt(DEMO_DISHES[0]!.art, 'x', 'Fish & Chips <"special">')
    expect(svg).toContain('<title>Fish &#38; Chips &#60;&#34;special&#34;&#62;</title>')
    expect(svgProblems(svg)).toEqual([])
  })

  it('has a checker that would notice a broken picture', () => {
    expect(svgProblems('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).not.toEqual([])
    expect(svgProblems('<svg xmlns="http://www.w3.org/2000/svg"><circle r="NaN"/></svg>')).not.toEqual([])
    expect(svgProblems('<svg xmlns="http://www.w3.org/2000/svg"><circle r=3/></svg>')).not.toEqual([])
  })
})
