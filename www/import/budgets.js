// The import's budgets, stated up front (issue 11, item 10) and shown in the Data panel's help:
// what one import unpacks from its zips and the largest image it decodes. Data only, so the page
// can show them without loading the unzip code.

/** Most bytes one import unpacks from its zips, in all, declared and actual (CIFAR-10's binary
 * batches are 184 MB). */
export const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;
/** Most entries one import reads from its zips, in all (MNIST as PNGs in class folders: 70,000). */
export const MAX_ZIP_ENTRIES = 100_000;
/**
 * Largest image the import decodes at full size, in pixels (4096², more than a 12-megapixel
 * photo), checked from the file's header before decoding (image-size.js) and again after; a larger
 * one is refused with a message naming the file. Its RGBA at full size is at most 64 MiB here and
 * as much again in the core while it is resized. Mirrors MAX_SOURCE_PIXELS of src/data/resize.rs.
 */
export const MAX_IMAGE_PIXELS = 1 << 24;

/** The budgets in one sentence (the Data panel's help text). */
export const BUDGET_TEXT = `Limits: zips unpack to at most ${MAX_UNZIPPED_BYTES / 1024 / 1024} MiB and ` +
  `${MAX_ZIP_ENTRIES.toLocaleString('en-US')} files in all (checked as they unpack, whatever their headers say); ` +
  'images up to 4096×4096 pixels (read from their header before decoding); names with ../ are ignored.';
