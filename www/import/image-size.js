// An image's width and height read from its header, before any decoding (issue 11, item 10): a
// 400 KB PNG may declare 20000×20000 pixels, 1.6 GB of RGBA once decoded; the import refuses it
// from these few bytes. PNG (IHDR), GIF (logical screen), BMP (DIB header), JPEG (the first SOFn
// frame header), WebP (VP8 / VP8L / VP8X). Pure: bytes in, {width, height, format} or null out.

const be16 = (b, i) => (b[i] << 8) | b[i + 1];
const be32 = (b, i) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const le16 = (b, i) => b[i] | (b[i + 1] << 8);
const le24 = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const le32s = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
const ascii = (b, i, n) => String.fromCharCode(...b.subarray(i, i + n));

/** Bytes of the file's start that are enough for imageSize (a JPEG's EXIF may precede its frame header). */
export const HEADER_BYTES = 256 * 1024;

/**
 * The size an image declares in its header, or null when the bytes are not a format read here
 * (or too short to tell): the decoder then decides.
 * @param {Uint8Array} b the file's first bytes (HEADER_BYTES are enough)
 * @returns {{width: number, height: number, format: string} | null}
 */
export function imageSize(b) {
  if (b.length >= 24 && be32(b, 0) === 0x89504e47 && be32(b, 4) === 0x0d0a1a0a && ascii(b, 12, 4) === 'IHDR') {
    return { width: be32(b, 16), height: be32(b, 20), format: 'PNG' };
  }
  if (b.length >= 10 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) {
    return { width: le16(b, 6), height: le16(b, 8), format: 'GIF' };
  }
  if (b.length >= 26 && b[0] === 0x42 && b[1] === 0x4d) {
    const dib = le32s(b, 14);
    if (dib === 12) return { width: le16(b, 18), height: le16(b, 20), format: 'BMP' };
    if (dib >= 40) return { width: Math.abs(le32s(b, 18)), height: Math.abs(le32s(b, 22)), format: 'BMP' };
    return null;
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpegSize(b);
  if (b.length >= 30 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    const chunk = ascii(b, 12, 4);
    if (chunk === 'VP8 ') return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff, format: 'WebP' };
    if (chunk === 'VP8L') {
      const bits = (b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)) >>> 0;
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, format: 'WebP' };
    }
    if (chunk === 'VP8X') return { width: le24(b, 24) + 1, height: le24(b, 27) + 1, format: 'WebP' };
  }
  return null;
}

/** The frame size of a JPEG (ITU T.81 B.2.2: SOFn = FFC0..FFCF except C4, C8, CC). */
function jpegSize(b) {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const m = b[i + 1];
    if (m === 0xff) { // fill byte
      i += 1;
      continue;
    }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) { // no length
      i += 2;
      continue;
    }
    if (m === 0xd9 || m === 0xda) return null; // end of image / start of scan before a frame header
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      if (i + 9 > b.length) return null;
      return { width: be16(b, i + 7), height: be16(b, i + 5), format: 'JPEG' };
    }
    const len = be16(b, i + 2);
    if (len < 2) return null;
    i += 2 + len;
  }
  return null;
}
