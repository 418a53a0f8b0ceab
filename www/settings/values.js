// Values of URL settings shared by every mode's table: parsing and formatting one value (f32 /
// u32 / enum / bool / list), quoting user text in messages, and the dataset sizes the checks use.
// Parsing never throws: a problem is a message naming the key.

import { formatF32, parseF32 } from '../f32.js';

/** Training images available per dataset (train split before the validation carve-out; CIFAR-100:
 * the served balanced subset, 100 per fine class, data/cifar100/). */
export const TRAIN_RECORDS = { mnist: 60000, cifar10: 50000, cifar100: 10000 };
/** Test images available per dataset. */
export const TEST_RECORDS = { mnist: 10000, cifar10: 10000, cifar100: 10000 };

/** Longer hashes are refused whole: no legitimate settings link comes near this. */
export const MAX_HASH_LENGTH = 2000;
/** How much of a rejected key or value is quoted back in a message. */
const QUOTE_LENGTH = 40;

/** Shorten and quote user text for a message (it is shown with textContent, never as HTML). */
export function quote(text) {
  const s = String(text);
  return JSON.stringify(s.length > QUOTE_LENGTH ? s.slice(0, QUOTE_LENGTH) + '…' : s);
}

/**
 * Parse one value from text.
 * @returns {{value: any} | {error: string}} error names the key and the problem.
 */
export function parseValue(p, text) {
  const bad = (why) => ({ error: `${p.name}: ${quote(text)} ${why}` });
  switch (p.type) {
    case 'enum':
      return p.values.includes(text) ? { value: text } : bad(`is not one of ${p.values.join(', ')}`);
    case 'bool':
      if (text === '1' || text === 'true') return { value: true };
      if (text === '0' || text === 'false') return { value: false };
      return bad('is not 0 or 1');
    case 'u32': {
      if (!/^\d{1,10}$/.test(text)) return bad(`is not a whole number in ${p.min}..${p.max}`);
      const v = Number(text);
      return v >= p.min && v <= p.max ? { value: v } : bad(`is outside ${p.min}..${p.max}`);
    }
    case 'f32': {
      const v = parseF32(text);
      if (Number.isNaN(v)) return bad('is not a number');
      if (!Number.isFinite(v)) return bad('is too large for an f32');
      if (v < Math.fround(p.min) || v > Math.fround(p.max)) { // bounds as f32, like the value
        return bad(`is outside ${formatF32(p.min)}..${formatF32(p.max)}`);
      }
      return { value: v };
    }
    case 'list': { // a comma-separated subset of `values`, kept in table order
      const unknown = text.split(',').find((v) => v !== '' && !p.values.includes(v));
      if (unknown !== undefined) return bad(`names ${quote(unknown)}, not one of ${p.values.join(', ')}`);
      return { value: p.values.filter((v) => text.split(',').includes(v)).join(',') };
    }
    default:
      throw new Error(`unknown property type ${p.type}`);
  }
}

/** Text of one value, the inverse of parseValue. */
export function formatValue(p, value) {
  switch (p.type) {
    case 'enum': return value;
    case 'bool': return value ? '1' : '0';
    case 'u32': return String(value);
    case 'f32': return formatF32(value);
    case 'list': return value;
    default: throw new Error(`unknown property type ${p.type}`);
  }
}
