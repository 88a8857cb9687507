// RSA keys of the emulator: loading the merchant's public key and Alipay's private key, making fresh pairs.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'

/** A fresh 2048-bit RSA pair as PEM: PKCS#8 private key, SPKI public key. */
export function sandboxKeyPair (): { privateKey: string, publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
}

const isPem = (text: string): boolean => text.includes('-----BEGIN ')
const bareBase64 = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'base64')

/** PEM (SPKI or PKCS#1) or bare base64 SPKI, as the Open Platform console shows it. */
export function loadPublicKey (text: string): KeyObject {
  if (isPem(text)) return createPublicKey(text)
  return createPublicKey({ key: bareBase64(text), format: 'der', type: 'spki' })
}

/** PEM (PKCS#8 or PKCS#1) or bare base64 PKCS#8, as Alipay's key tool writes it. */
export function loadPrivateKey (text: string): KeyObject {
  if (isPem(text)) return createPrivateKey(text)
  return createPrivateKey({ key: bareBase64(text), format: 'der', type: 'pkcs8' })
}
