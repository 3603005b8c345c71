// Draws the app icons (our own, no external assets): a white speech bubble with a smile on
// blue. Writes public/icons/icon.svg and the PNG sizes the manifest lists. Run it after
// changing the drawing: `node scripts/draw-icons.mjs` (the outputs are committed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });

// Geometry on a 100x100 canvas; `safe` shrinks the drawing into the maskable safe zone.
function inside(x, y, { rounded, scale }) {
  const c = (v) => 50 + (v - 50) * scale;
  const bubble = ((x - c(50)) / (32 * scale)) ** 2 + ((y - c(46)) / (26 * scale)) ** 2 <= 1;
  // The tail: a triangle below-left of the bubble.
  const [ax, ay, bx, by, cx, cy] = [c(30), c(60), c(44), c(68), c(24), c(82)];
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by);
  const d2 = s(bx, by, cx, cy);
  const d3 = s(cx, cy, ax, ay);
  const tail = !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  const eye = (ex) => (x - c(ex)) ** 2 + (y - c(40)) ** 2 <= (4 * scale) ** 2;
  const r = Math.hypot(x - c(50), y - c(46));
  const smile = y > c(48) && r > 11 * scale && r < 15.5 * scale && Math.abs(x - c(50)) < 12 * scale;
  const corner = 22;
  const dx = Math.max(corner - x, 0, x - (100 - corner));
  const dy = Math.max(corner - y, 0, y - (100 - corner));
  const background = !rounded || dx * dx + dy * dy <= corner * corner;
  if (!background) return null;
  if ((bubble || tail) && !eye(38) && !eye(62) && !smile) return [255, 255, 255];
  if (eye(38) || eye(62) || smile) return [31, 41, 55];
  return [47, 111, 222];
}

function png(size, opts) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const n = 4; // supersampling per axis
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const col = inside(
            ((px + (sx + 0.5) / n) / size) * 100,
            ((py + (sy + 0.5) / n) / size) * 100,
            opts,
          );
          if (col) [r, g, b, a] = [r + col[0], g + col[1], b + col[2], a + 1];
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      raw[o] = a ? r / a : 0;
      raw[o + 1] = a ? g / a : 0;
      raw[o + 2] = a ? b / a : 0;
      raw[o + 3] = (a / (n * n)) * 255;
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

for (const size of [48, 96, 192, 512]) {
  writeFileSync(new URL(`icon-${size}.png`, out), png(size, { rounded: true, scale: 1 }));
}
writeFileSync(new URL('icon-maskable-512.png', out), png(512, { rounded: false, scale: 0.78 }));

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect width="100" height="100" rx="22" fill="#2f6fde"/>
  <ellipse cx="50" cy="46" rx="32" ry="26" fill="#fff"/>
  <path d="M30 60 L44 68 L24 82 Z" fill="#fff"/>
  <circle cx="38" cy="40" r="4" fill="#1f2937"/>
  <circle cx="62" cy="40" r="4" fill="#1f2937"/>
  <path d="M38.5 55 A13.25 13.25 0 0 0 61.5 55" fill="none" stroke="#1f2937" stroke-width="4.5" stroke-linecap="round"/>
</svg>
`;
writeFileSync(new URL('icon.svg', out), svg);
