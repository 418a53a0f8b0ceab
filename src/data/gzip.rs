//! Reading possibly-gzipped bytes without trusting any size a header declares.
//!
//! The caller says how many bytes it needs; the decoder reads at most that many, in chunks of
//! [`CHUNK`], growing its buffer only as real decompressed data arrives, so a lying header can never
//! make the core allocate more than the data that is actually there. On top of that, a gzip stream
//! may never produce more than [`MAX_DECOMPRESSED_BYTES`] (the budget, stated up front): a request
//! past it is refused with a message naming the file and the budget, before anything is
//! decompressed, so a gzip bomb (1 MB of .gz that inflates to 1 GB of zeros) costs at most the
//! budget, never the bomb.

use crate::error::{Error, Result};
use flate2::read::MultiGzDecoder;
use std::io::Read;

/// The most decompressed bytes one gzip file may produce (128 MiB). MNIST's largest file
/// (`train-images-idx3-ubyte.gz`) inflates to 47 MB; 1 400 images of 300×300 fit. Raw (not
/// gzipped) files are not under this budget: their bytes are already in memory.
pub const MAX_DECOMPRESSED_BYTES: u64 = 128 << 20;

/// Decompressed bytes read per step (1 MiB): the buffer grows (doubling, capped at the request)
/// only after a step filled it with real data.
pub const CHUNK: usize = 1 << 20;

/// True when `bytes` start with the gzip magic `1f 8b` (RFC 1952 §2.3.1).
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.len() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
}

/// A source of decompressed bytes: either a plain slice or a streaming gzip decoder.
pub enum Source<'a> {
    /// Raw bytes and the read position.
    Raw(&'a [u8], usize),
    /// A gzip decoder and the decompressed bytes read so far.
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

    /// True for a gzip source (under [`MAX_DECOMPRESSED_BYTES`]).
    pub fn is_gzip(&self) -> bool {
        matches!(self, Source::Gzip(..))
    }

    /// Bytes consumed so far (offset into the decompressed content).
    pub fn offset(&self) -> u64 {
        match self {
            Source::Raw(_, pos) => *pos as u64,
            Source::Gzip(_, pos) => *pos,
        }
    }

    /// Refuses, for a gzip source, a content of `total` decompressed bytes (from the start) over
    /// [`MAX_DECOMPRESSED_BYTES`]; `what` says where the size comes from (e.g. "a header declaring
    /// 60000×28×28"). Raw sources pass.
    ///
    /// # Errors
    /// [`Error::Format`] naming `file`, the budget and `what`.
    pub fn check_budget(&self, total: u128, what: &str, file: &str) -> Result<()> {
        if self.is_gzip() && total > MAX_DECOMPRESSED_BYTES as u128 {
            return Err(Error::format(
                file,
                self.offset(),
                format!(
                    "at most {MAX_DECOMPRESSED_BYTES} decompressed bytes (the gzip budget, 128 MiB)"
                ),
                format!("{what} = {total} bytes"),
            ));
        }
        Ok(())
    }

    /// Reads up to `need` bytes; fewer only when the content ends.
    ///
    /// # Errors
    /// [`Error::Format`] when the gzip stream itself is corrupt, or (gzip only) when
    /// `offset + need` exceeds [`MAX_DECOMPRESSED_BYTES`].
    pub fn read_up_to(&mut self, need: u64, file: &str) -> Result<Vec<u8>> {
        match self {
            Source::Raw(bytes, pos) => {
                let end = (*pos as u64).saturating_add(need).min(bytes.len() as u64) as usize;
                let out = bytes[*pos..end].to_vec();
                *pos = end;
                Ok(out)
            }
            Source::Gzip(..) => {
                let total = self.offset() as u128 + need as u128;
                self.check_budget(total, "a read ending at", file)?;
                let Source::Gzip(dec, pos) = self else {
                    unreachable!("matched above")
                };
                let need = need as usize; // ≤ the budget: fits in usize on wasm32
                let mut out: Vec<u8> = Vec::new();
                while out.len() < need {
                    if out.len() == out.capacity() {
                        let grow = out.capacity().max(CHUNK).min(need - out.len());
                        out.reserve_exact(grow);
                    }
                    let len = out.len();
                    let step = (out.capacity() - len).min(CHUNK);
                    out.resize(len + step, 0);
                    let n = read_some(dec, &mut out[len..]).map_err(|e| {
                        Error::format(
                            file,
                            *pos + len as u64,
                            "a valid gzip stream",
                            e.to_string(),
                        )
                    })?;
                    out.truncate(len + n);
                    if n == 0 {
                        break;
                    }
                }
                *pos += out.len() as u64;
                Ok(out)
            }
        }
    }

    /// True when at least one more byte follows.
    ///
    /// # Errors
    /// [`Error::Format`] when the gzip stream is corrupt.
    pub fn has_more(&mut self, file: &str) -> Result<bool> {
        match self {
            Source::Raw(bytes, pos) => Ok(*pos < bytes.len()),
            Source::Gzip(dec, pos) => {
                let mut one = [0u8; 1];
                let n = read_some(dec, &mut one)
                    .map_err(|e| Error::format(file, *pos, "a valid gzip stream", e.to_string()))?;
                Ok(n > 0)
            }
        }
    }
}

/// Fills `buf` as far as the stream allows: returns fewer bytes than `buf.len()` only at its end.
fn read_some(dec: &mut MultiGzDecoder<&[u8]>, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match dec.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` zero bytes gzipped, streamed in 64 KiB pieces (never `n` bytes at once).
    fn gz_zeros(n: u64) -> Vec<u8> {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut e = GzEncoder::new(Vec::new(), Compression::best());
        let zeros = [0u8; 1 << 16];
        let mut left = n;
        while left > 0 {
            let k = left.min(zeros.len() as u64) as usize;
            e.write_all(&zeros[..k]).unwrap();
            left -= k as u64;
        }
        e.finish().unwrap()
    }

    #[test]
    fn reads_past_the_budget_are_refused_before_decompressing() {
        let bomb = gz_zeros(1 << 20); // small stand-in: the check is on the request
        let mut src = Source::new(&bomb);
        let e = src
            .read_up_to(MAX_DECOMPRESSED_BYTES + 1, "bomb.gz")
            .unwrap_err()
            .to_string();
        assert!(e.contains("bomb.gz") && e.contains("gzip budget"), "{e}");
        assert_eq!(src.offset(), 0);
        // within the budget: exactly what is there, in chunks
        let mut src = Source::new(&bomb);
        let got = src.read_up_to(3 * CHUNK as u64, "bomb.gz").unwrap();
        assert_eq!(got.len(), 1 << 20);
        assert!(got.iter().all(|&b| b == 0));
        assert!(!src.has_more("bomb.gz").unwrap());
        // raw sources are not under the gzip budget (their bytes are already in memory)
        let raw = [1u8, 2, 3];
        let mut src = Source::new(&raw);
        assert_eq!(src.read_up_to(u64::MAX, "raw").unwrap(), raw);
    }

    #[test]
    fn chunked_reads_cross_chunk_and_member_boundaries() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let data: Vec<u8> = (0..3 * CHUNK + 17).map(|i| (i % 251) as u8).collect();
        let mut two = Vec::new();
        for part in [&data[..CHUNK + 5], &data[CHUNK + 5..]] {
            let mut e = GzEncoder::new(Vec::new(), Compression::fast());
            e.write_all(part).unwrap();
            two.extend(e.finish().unwrap());
        }
        let mut src = Source::new(&two);
        assert_eq!(src.read_up_to(7, "t").unwrap(), data[..7]);
        assert_eq!(
            src.read_up_to(MAX_DECOMPRESSED_BYTES - 7, "t").unwrap(),
            data[7..]
        );
        assert_eq!(src.offset(), data.len() as u64);
    }
}
