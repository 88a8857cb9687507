// The staff PIN rule every PIN pad applies: 4 to 8 digits (the server checks the PIN itself).
export const PIN_MAX_LENGTH = 8

export function isValidPin (pin: string): boolean {
  return /^[0-9]{4,8}$/.test(pin)
}
