// The part of the qrcode package the app draws with. qrcode is CommonJS: imported statically here, in a chunk that
// only loads on demand, its ES-module interop comes with it instead of sitting in the tablet's first bundle.
export { toString } from 'qrcode'
