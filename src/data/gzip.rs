//! Reading possibly-gzipped bytes without trusting any size a header declares.
//!
//! The caller says how many bytes it needs; the decoder reads at most that many, growing its
//! buffer only as real decompressed data arrives, so a lying header or a gzip bomb can never make
//! the core allocate more than the data that is actually there (capped at `need`).

use crate::error::{Error, Result};
use flate2::read::MultiGzDecoder;
use std::io::Read;

/// True when `bytes` start with the gzip magic `1f 8b` (RFC 1952 §2.3.1).
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.len() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
}

/// A source of decompressed bytes: either a plain slice or a streaming gzip decoder.
pub enum Source<'a> {
    Raw(&'a [u8], usize),
    Gzip(Box<MultiGzDecoder<&'a [u8]>>, u64),
}

impl<'a> Source<'a> {
    /// Wraps `bytes`, decompressing on the fly when they start with the gzip magic.
    pub fn new(bytes: &'a [u8]) -> Self {
        if is_gzip(bytes) {
            Source::Gzip(Box::new(MultiGzDecoder::new(bytes)), 0)
        } else {
            Source::Raw(bytes, 0)
        }
    }

    /// Bytes consumed so far (offset into the decompressed content).
    pub fn offset(&self) -> u64 {
        match self {
            Source::Raw(_, pos) => *pos as u64,
            Source::Gzip(_, pos) => *pos,
        }
    }

    /// Reads up to `need` bytes; fewer only when the content ends.
    ///
    /// # Errors
    /// [`Error::Format`] when the gzip stream itself is corrupt.
    pub fn read_up_to(&mut self, need: u64, file: &str) -> Result<Vec<u8>> {
        match self {
            Source::Raw(bytes, pos) => {
                let end = (*pos as u64 + need).min(bytes.len() as u64) as usize;
                let out = bytes[*pos..end].to_vec();
                *pos = end;
                Ok(out)
            }
            Source::Gzip(dec, pos) => {
                let mut out = Vec::new();
                let start = *pos;
                dec.as_mut().take(need).read_to_end(&mut out).map_err(|e| {
                    Error::format(
                        file,
                        start + out.len() as u64,
                        "a valid gzip stream",
                        e.to_string(),
                    )
                })?;
                *pos += out.len() as u64;
                Ok(out)
            }
        }
    }

    /// True when at least one more byte follows.
    pub fn has_more(&mut self, file: &str) -> Result<bool> {
        match self {
            Source::Raw(bytes, pos) => Ok(*pos < bytes.len()),
            Source::Gzip(dec, pos) => {
                let mut one = [0u8; 1];
                let n = dec
                    .read(&mut one)
                    .map_err(|e| Error::format(file, *pos, "a valid gzip stream", e.to_string()))?;
                Ok(n > 0)
            }
        }
    }
}
