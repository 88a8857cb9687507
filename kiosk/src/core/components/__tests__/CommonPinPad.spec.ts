// The one PIN pad (tablet device panel, console login): keypad and keyboard type digits only, up to 8, and the
// submit key opens only for a whole PIN that is not being checked or held back by a wait.
import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { mount } from '@vue/test-utils'
import CommonPinPad from '@/core/components/CommonPinPad.vue'

function mountPad (props: { locked?: boolean, busy?: boolean } = {}) {
  const pin = ref('')
  const edits = ref(0)
  const wrapper = mount(defineComponent({
    setup: () => () => h('form', [h(CommonPinPad, {
      modelValue: pin.value,
      'onUpdate:modelValue': (value: string) => { pin.value = value },
      onEdit: () => { edits.value += 1 },
      label: 'PIN', eraseLabel: 'Erase', submitLabel: 'Open', inputTestId: 'pin', submitTestId: 'go', ...props,
    })]),
  }))
  const key = (label: string) => wrapper.findAll('button').find(button => button.text() === label)!
  const submit = () => wrapper.get('[data-testid="go"]')
  return { wrapper, pin, edits, key, submit }
}

describe('CommonPinPad', () => {
  it('types from the keypad, erases, and opens submit once the PIN has 4 digits', async () => {
    const { pin, edits, key, submit, wrapper } = mountPad()
    for (const digit of ['1', '2', '3']) await key(digit).trigger('click')
    expect(pin.value).toBe('123')
    expect(submit().attributes('disabled')).toBeDefined()
    await key('4').trigger('click')
    expect(submit().attributes('disabled')).toBeUndefined()
    await wrapper.get('[aria-label="Erase"]').trigger('click')
    expect(pin.value).toBe('123')
    expect(edits.value).toBe(4)
  })

  it('keeps digits only from the keyboard, at most 8', async () => {
    const { pin, wrapper } = mountPad()
    await wrapper.get('[data-testid="pin"]').setValue('12a34 567890')
    expect(pin.value).toBe('12345678')
  })

  it('closes digits and submit while locked, and submit while busy', async () => {
    const locked = mountPad({ locked: true })
    await locked.wrapper.get('[data-testid="pin"]').setValue('1234')
    expect(locked.key('5').attributes('disabled')).toBeDefined()
    expect(locked.submit().attributes('disabled')).toBeDefined()

    const busy = mountPad({ busy: true })
    await busy.wrapper.get('[data-testid="pin"]').setValue('1234')
    expect(busy.submit().attributes('disabled')).toBeDefined()
    expect(busy.submit().attributes('aria-busy')).toBe('true')
  })
})
