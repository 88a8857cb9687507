// Option groups as managers edit them: min/max must leave diners a possible choice, and the body keeps ids so sold-out marks survive.
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import type { VueWrapper } from '@vue/test-utils'
import { MENU } from '@/__tests__/support'
import StaffOptionGroupEditor from '../StaffOptionGroupEditor.vue'
import { createInputOf, draftOf, groupProblems, itemProblems, newDraft, newGroup, newOption, updateInputOf, type GroupDraft } from '../staff-item-draft'
import { MANAGER, loggedIn, mountStaff } from './staff-support'

const named = (en: string, zh: string) => ({ en, 'zh-CN': zh })

function group (overrides: Partial<GroupDraft> = {}): GroupDraft {
  const base = newGroup()
  return {
    ...base,
    names: named('Spice', '辣度'),
    options: base.options.map((option, index) => ({ ...option, names: named(`Level ${index}`, `等级${index}`) })),
    ...overrides,
  }
}

describe('groupProblems', () => {
  it('accepts a required single choice and an optional pick-up-to-all', () => {
    expect(groupProblems(group({ min: 1, max: 1 }))).toEqual([])
    expect(groupProblems(group({ min: 0, max: 2 }))).toEqual([])
  })

  it.each<[Partial<GroupDraft>, string[]]>([
    [{ min: 2, max: 1 }, ['minAboveMax']],
    [{ min: 0, max: 3 }, ['maxAboveOptions']],
    [{ min: 3, max: 3 }, ['maxAboveOptions']],
    [{ min: 0, max: 0 }, ['maxTooSmall']],
    [{ min: -1, max: 1 }, ['minNegative']],
    [{ options: [] }, ['noOptions']],
    [{ names: named('Spice', ' ') }, ['names']],
  ])('finds what a diner could not satisfy: %o → %o', (overrides, problems) => {
    expect(groupProblems(group(overrides))).toEqual(problems)
  })

  it('wants every option named in both languages and priced', () => {
    const base = group()
    expect(groupProblems({ ...base, options: [{ ...base.options[0]!, names: named('Mild', '') }, base.options[1]!] })).toEqual(['optionNames'])
    expect(groupProblems({ ...base, options: [{ ...base.options[0]!, priceDelta: null }, base.options[1]!] })).toEqual(['optionPrice'])
  })
})

describe('the dish sent to the server', () => {
  it('keeps the ids of groups and options it had, so carts and sold-out marks stay attached', () => {
    const item = MENU.items[0]!
    const input = updateInputOf(draftOf(item))
    expect(input.optionGroups?.map(entry => entry.id)).toEqual(['spice', 'extras'])
    expect(input.optionGroups?.[1]?.options.map(option => [option.id, option.priceDelta, option.available])).toEqual([
      ['rice', 300, true], ['egg', 500, true], ['pork', 800, true], ['truffle', 2000, false],
    ])
    expect(input.price).toBe(item.price)
    expect(input.available).toBe(true)
  })

  it('sends new groups and options without ids, trims names, and creates without an availability flag', () => {
    const draft = newDraft('hot')
    draft.names = named('  Fish  ', ' 鱼 ')
    draft.price = 5800
    draft.optionGroups = [{ ...group(), options: [{ ...newOption(), names: named('Small', '小份'), priceDelta: -500 }] }]
    const input = createInputOf(draft)
    expect(input.names).toEqual(named('Fish', '鱼'))
    expect(input).not.toHaveProperty('available')
    expect(input.optionGroups?.[0]).not.toHaveProperty('id')
    expect(input.optionGroups?.[0]?.options[0]).toEqual({ names: named('Small', '小份'), priceDelta: -500, available: true })
  })

  it('refuses a dish without both names, a price, or with a broken group', () => {
    const draft = newDraft('hot')
    expect(itemProblems(draft)).toEqual(['names', 'price'])
    draft.names = named('Fish', '鱼')
    draft.price = 5800
    expect(itemProblems(draft)).toEqual([])
    draft.optionGroups = [group({ min: 2, max: 1 })]
    expect(itemProblems(draft)).toEqual(['groups'])
  })
})

describe('StaffOptionGroupEditor', () => {
  let wrapper: VueWrapper

  afterEach(() => wrapper.unmount())

  async function mountEditor (initial: GroupDraft) {
    const model = ref(initial)
    const Host = defineComponent({
      setup: () => () => h(StaffOptionGroupEditor, { modelValue: model.value, index: 0, currency: 'CNY', 'onUpdate:modelValue': (next: GroupDraft) => { model.value = next } }),
    })
    ;({ wrapper } = await mountStaff(Host, { pinia: loggedIn(MANAGER) }))
    return model
  }

  const errors = () => wrapper.get('[data-testid="staff-group-errors"]').text()

  it('says at once when "at least" is more than "at most", and marks both fields', async () => {
    const model = await mountEditor(group({ min: 1, max: 1 }))
    expect(errors()).toBe('')
    await wrapper.get('[data-testid="staff-group-min"]').setValue('2')
    expect(model.value.min).toBe(2)
    expect(errors()).toContain('"At least" (2) cannot be more than "At most" (1).')
    expect(wrapper.get('[data-testid="staff-group-min"]').attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('[data-testid="staff-group-max"]').attributes('aria-invalid')).toBe('true')
    await wrapper.get('[data-testid="staff-group-max"]').setValue('2')
    expect(errors()).toBe('')
    expect(wrapper.text()).toContain('Required · exactly 2')
  })

  it('does not allow picking more options than there are, until one is added', async () => {
    const model = await mountEditor(group({ min: 0, max: 2 }))
    expect(wrapper.text()).toContain('Optional · up to 2')
    await wrapper.get('[data-testid="staff-group-max"]').setValue('3')
    expect(errors()).toContain('"At most" (3) cannot be more than the number of options (2).')
    await wrapper.get('[data-testid="staff-option-add"]').trigger('click')
    expect(model.value.options).toHaveLength(3)
    // The new option still needs its names; only that is left to fix once the form is sent.
    expect(errors()).toBe('')
    expect(groupProblems(model.value)).toEqual(['optionNames'])
  })

  it('takes a price change in yuan, negative for a cheaper choice', async () => {
    const model = await mountEditor(group())
    await wrapper.findAll('[data-testid="staff-option-delta"]')[1]!.setValue('-2.5')
    expect(model.value.options[1]?.priceDelta).toBe(-250)
  })

  it('removes an option', async () => {
    const model = await mountEditor(group({ min: 0, max: 1 }))
    await wrapper.findAll('[data-testid="staff-option-remove"]')[0]!.trigger('click')
    expect(model.value.options.map(option => option.names.en)).toEqual(['Level 1'])
  })
})
