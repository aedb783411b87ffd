// node samwav.js SAMJS OUT.wav "text" [speed pitch]: renders text with SAM (sam-js, 22050 Hz 8-bit)
// and writes it as a 16-bit mono WAV; used by build_independent.py.
const SamJs = require(process.argv[2]);
console.log = () => {};   // sam-js traces every rule it applies on stdout
const [out, text, speed, pitch] = process.argv.slice(3);
const sam = new SamJs({speed: +speed || 72, pitch: +pitch || 64});
const buf = sam.buf8(text);
if (!buf) { console.error('sam: cannot render ' + text); process.exit(1); }
const n = buf.length, h = Buffer.alloc(44 + 2 * n);
h.write('RIFF', 0); h.writeUInt32LE(36 + 2 * n, 4); h.write('WAVEfmt ', 8); h.writeUInt32LE(16, 16);
h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22); h.writeUInt32LE(22050, 24); h.writeUInt32LE(44100, 28);
h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34); h.write('data', 36); h.writeUInt32LE(2 * n, 40);
for (let i = 0; i < n; i++) h.writeInt16LE((buf[i] - 128) * 256, 44 + 2 * i);
require('fs').writeFileSync(out, h);
