// Unzipping the user's .zip within a budget stated up front (issue 11, item 10): the zip's central
// directory is read first and checked (entry count, declared sizes), then each entry is inflated in
// small chunks (fflate's streaming Inflate) against the budget and against its own declared size,
// so a zip bomb is refused after at most one chunk past the budget, whatever its headers say.
// Names that leave the zip (`../`, absolute, a drive letter) are ignored with a message.
//
// Format: PKWARE APPNOTE.TXT 6.3 (4.3.7 local header, 4.3.12 central directory header, 4.3.16
// end of central directory, 4.3.14 / 4.5.3 zip64). Methods: 0 (stored) and 8 (deflate).

import { Inflate } from 'fflate';
import { MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES } from './budgets.js';

export { MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES };

/** Compressed bytes handed to the inflater at a time: deflate expands 1 byte to at most 1,032, so
 * one step overshoots the budget by at most ~1 MiB before it is stopped. */
const CHUNK = 1024;

const MIB = 1024 * 1024;
const mib = (n) => `${(n / MIB).toFixed(n < 10 * MIB ? 1 : 0)} MiB`;

/** A zip refused whole: its message says why (not a zip, damaged; `budget`: over the budget). */
export class ZipError extends Error {
  constructor(message, { budget = false } = {}) {
    super(message);
    this.budget = budget;
  }
}
const overBudget = (message) => new ZipError(message, { budget: true });

/** A budget shared by every zip of one import: {bytes, entries} still allowed. */
export function zipBudget(maxBytes = MAX_UNZIPPED_BYTES, maxEntries = MAX_ZIP_ENTRIES) {
  return { maxBytes, maxEntries, bytes: maxBytes, entries: maxEntries };
}

/** True for a name that would leave the folder it is unpacked in: `..` parts, absolute, `C:`. */
export function leavesZip(name) {
  if (/^[/\\]/.test(name) || /^[a-zA-Z]:/.test(name)) return true;
  return name.split(/[/\\]+/).includes('..');
}

const u16 = (b, i) => b[i] | (b[i + 1] << 8);
const u32 = (b, i) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const u64 = (b, i) => u32(b, i) + u32(b, i + 4) * 2 ** 32; // exact up to 2⁵³ (larger: refused as beyond the file)

/** The end of central directory record: {count, cdOffset, cdSize}. */
function endRecord(b) {
  const last = b.length - 22;
  if (last < 0) throw new ZipError('too short to be a zip');
  let at = -1;
  for (let i = last; i >= Math.max(0, last - 65535); i--) {
    if (u32(b, i) === 0x06054b50) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipError('no end of central directory record: not a zip');
  let count = u16(b, at + 10);
  let cdSize = u32(b, at + 12);
  let cdOffset = u32(b, at + 16);
  if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && at >= 20 && u32(b, at - 20) === 0x07064b50) {
    const z = u64(b, at - 20 + 8); // zip64 end of central directory record
    if (z + 56 > b.length || u32(b, z) !== 0x06064b50) throw new ZipError('a damaged zip64 directory');
    count = u64(b, z + 32);
    cdSize = u64(b, z + 40);
    cdOffset = u64(b, z + 48);
  }
  if (cdOffset + cdSize > b.length) throw new ZipError('a damaged zip (its directory lies beyond the end of the file: truncated?)');
  return { count, cdOffset, cdSize };
}

/** The zip64 extra field (0x0001) values that replace the 0xFFFFFFFF ones. */
function zip64Extra(b, start, end, e) {
  for (let i = start; i + 4 <= end;) {
    const id = u16(b, i);
    const len = u16(b, i + 2);
    if (id === 0x0001) {
      let j = i + 4;
      const take = () => {
        if (j + 8 > i + 4 + len) throw new ZipError(`a damaged zip64 field (${e.name})`);
        const v = u64(b, j);
        j += 8;
        return v;
      };
      if (e.originalSize === 0xffffffff) e.originalSize = take();
      if (e.size === 0xffffffff) e.size = take();
      if (e.offset === 0xffffffff) e.offset = take();
      return;
    }
    i += 4 + len;
  }
}

/** The entries of the central directory: [{name, method, flags, size, originalSize, offset}]. */
function directory(b, { count, cdOffset, cdSize }, maxEntries) {
  const names = new TextDecoder('utf-8'); // not fatal: a bad byte becomes U+FFFD
  const out = [];
  let i = cdOffset;
  const end = cdOffset + cdSize;
  for (let k = 0; k < count; k++) {
    if (i + 46 > end || u32(b, i) !== 0x02014b50) throw new ZipError('a damaged zip (its directory is cut short)');
    const nameLen = u16(b, i + 28);
    const extraLen = u16(b, i + 30);
    const commentLen = u16(b, i + 32);
    if (i + 46 + nameLen + extraLen + commentLen > end) throw new ZipError('a damaged zip (a directory entry runs past its end)');
    const e = {
      name: names.decode(b.subarray(i + 46, i + 46 + nameLen)), flags: u16(b, i + 8), method: u16(b, i + 10),
      size: u32(b, i + 20), originalSize: u32(b, i + 24), offset: u32(b, i + 42),
    };
    zip64Extra(b, i + 46 + nameLen, i + 46 + nameLen + extraLen, e);
    out.push(e);
    if (out.length > maxEntries) break;
    i += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The compressed bytes of entry `e` (its local header checked). */
function dataOf(b, e) {
  const h = e.offset;
  if (h + 30 > b.length || u32(b, h) !== 0x04034b50) throw new Error('its local header is missing or damaged');
  const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
  if (start + e.size > b.length) throw new Error('its data runs past the end of the zip (truncated?)');
  return b.subarray(start, start + e.size);
}

/** Inflates `data` (raw deflate) to exactly `declared` bytes, refusing more (or the budget's end). */
function inflateBounded(data, declared) {
  const parts = [];
  let got = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    got += chunk.length;
    if (got > declared) throw new Error(`it unpacks to more than the ${declared} bytes it declares (a zip bomb?)`);
    parts.push(chunk);
    if (final) ended = true;
  });
  for (let i = 0; i < data.length && !ended; i += CHUNK) {
    try {
      inflater.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
    } catch (err) {
      throw new Error(err instanceof Error && /declares/.test(err.message) ? err.message
        : `its deflate data is damaged (${err instanceof Error ? err.message : err})`);
    }
  }
  if (got !== declared) throw new Error(`it unpacks to ${got} bytes, not the ${declared} it declares (damaged?)`);
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(got);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The files of zip `bytes` within `budget` (zipBudget(), shared by the zips of one import and
 * spent here): `skip(name)` true leaves an entry out silently (folders are always left out).
 * @returns {{files: {name: string, bytes: Uint8Array}[], errors: {file: string, why: string}[]}}
 *   errors: entries that could not be used (outside names, damaged, unsupported method)
 * @throws ZipError when the zip is refused whole: not a zip, damaged directory, more entries or
 *   more unpacked bytes (declared or actual) than the budget
 */
export function unzipBounded(bytes, budget = zipBudget(), skip = () => false) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const end = endRecord(b);
  if (end.count > budget.entries) {
    throw overBudget(`${end.count.toLocaleString('en-US')} entries, more than the ${budget.maxEntries.toLocaleString('en-US')} ` +
      'an import reads from its zips (unzip it and pick fewer files)');
  }
  const all = directory(b, end, budget.entries);
  const wanted = all.filter((e) => !e.name.endsWith('/') && !skip(e.name));
  budget.entries -= all.length;
  const declared = wanted.reduce((s, e) => s + (leavesZip(e.name) ? 0 : e.originalSize), 0);
  if (declared > budget.bytes) {
    throw overBudget(`it declares ${mib(declared)} unpacked, more than the ${mib(budget.maxBytes)} an import unpacks ` +
      `from its zips${budget.bytes < budget.maxBytes ? ` (${mib(budget.bytes)} left after the others)` : ''}`);
  }
  const files = [];
  const errors = [];
  for (const e of wanted) {
    if (leavesZip(e.name)) {
      errors.push({ file: e.name, why: 'ignored: its name points outside the zip (../ or an absolute path)' });
      continue;
    }
    try {
      if (e.flags & 1) throw new Error('it is encrypted');
      if (e.originalSize > budget.bytes) throw overBudget(`it declares ${mib(e.originalSize)}, more than the ${mib(budget.bytes)} left of the import's budget`);
      const data = dataOf(b, e);
      let out;
      if (e.method === 0) {
        if (e.size !== e.originalSize) throw new Error('a stored entry whose sizes differ (damaged?)');
        out = data.slice();
      } else if (e.method === 8) {
        out = inflateBounded(data, e.originalSize);
      } else {
        throw new Error(`compression method ${e.method} is not supported (only stored and deflate)`);
      }
      budget.bytes -= out.length;
      files.push({ name: e.name, bytes: out });
    } catch (err) {
      if (err instanceof ZipError) throw err;
      errors.push({ file: e.name, why: `not readable from the zip: ${err instanceof Error ? err.message : err}` });
    }
  }
  return { files, errors };
}
