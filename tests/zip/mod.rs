//! A zip reader for the tests (stored or deflated entries, from the central directory), so they
//! need no zip crate: flate2 is the core's dependency.

use std::io::Read;

/// The entries of a zip file (stored or deflated) as `(name, bytes)`, from its central directory.
/// A reader of its own so the test needs no zip crate (flate2 is the core's dependency).
pub fn unzip(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]) as usize;
    let u32_at = |i: usize| u32::from_le_bytes(zip[i..i + 4].try_into().unwrap()) as usize;
    let eocd = (0..zip.len() - 21)
        .rev()
        .find(|&i| zip[i..i + 4] == [0x50, 0x4b, 0x05, 0x06])
        .expect("end of central directory");
    let (count, mut p) = (u16_at(eocd + 10), u32_at(eocd + 16));
    let mut out = Vec::new();
    for _ in 0..count {
        assert_eq!(&zip[p..p + 4], &[0x50, 0x4b, 0x01, 0x02]);
        let method = u16_at(p + 10);
        // Sizes from the central directory (a local header may hold 0 with a data descriptor).
        let (csize, size) = (u32_at(p + 20), u32_at(p + 24));
        let (name_len, extra, comment) = (u16_at(p + 28), u16_at(p + 30), u16_at(p + 32));
        let local = u32_at(p + 42);
        let name = String::from_utf8(zip[p + 46..p + 46 + name_len].to_vec()).unwrap();
        p += 46 + name_len + extra + comment;
        let data_at = local + 30 + u16_at(local + 26) + u16_at(local + 28);
        let raw = &zip[data_at..data_at + csize];
        let bytes = match method {
            0 => raw.to_vec(),
            8 => {
                let mut v = Vec::with_capacity(size);
                flate2::read::DeflateDecoder::new(raw)
                    .read_to_end(&mut v)
                    .unwrap();
                v
            }
            m => panic!("{name}: compression method {m}"),
        };
        assert_eq!(bytes.len(), size, "{name}");
        if !name.ends_with('/') {
            out.push((name, bytes));
        }
    }
    out
}
