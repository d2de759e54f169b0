//! Little-endian integers, LEB128 varints and zigzag signed values: the encoding of
//! every section of a model file. Reading never panics: every malformed input is an
//! `Err` naming what was wrong.

use super::ModelError;

/// Appends `v` as an unsigned LEB128 varint.
pub fn write_varint(b: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        b.push((v as u8) | 0x80);
        v >>= 7;
    }
    b.push(v as u8);
}

/// Zigzag encoding of a signed value (small magnitudes give small codes).
#[inline]
pub fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

/// Inverse of [`zigzag`].
#[inline]
pub fn unzigzag(z: u64) -> i64 {
    ((z >> 1) as i64) ^ -((z & 1) as i64)
}

/// Appends a string as a varint length and its UTF-8 bytes.
pub fn write_str(b: &mut Vec<u8>, s: &str) {
    write_varint(b, s.len() as u64);
    b.extend_from_slice(s.as_bytes());
}

/// A cursor over bytes being decoded.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    /// Bytes read so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Bytes left.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    /// `Err` unless every byte was read.
    pub fn finish(&self, what: &str) -> Result<(), ModelError> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(ModelError::new(format!("trailing bytes in {what}")))
        }
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let s = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(ModelError::new("model truncated")),
        }
    }

    pub fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }

    pub fn u16(&mut self) -> Result<u16, ModelError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    pub fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn u64(&mut self) -> Result<u64, ModelError> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(a))
    }

    pub fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }

    pub fn f64(&mut self) -> Result<f64, ModelError> {
        Ok(f64::from_bits(self.u64()?))
    }

    pub fn varint(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                if shift == 63 && byte > 1 {
                    return Err(ModelError::new("varint overflow"));
                }
                return Ok(v);
            }
        }
        Err(ModelError::new("varint too long"))
    }

    /// A varint that must fit in `usize` and be at most `max` (bounds allocations by
    /// what the input can hold).
    pub fn count(&mut self, max: usize) -> Result<usize, ModelError> {
        let v = self.varint()?;
        usize::try_from(v)
            .ok()
            .filter(|&v| v <= max)
            .ok_or_else(|| ModelError::new("count exceeds the model's size"))
    }

    /// A string written by [`write_str`].
    pub fn str(&mut self) -> Result<&'a str, ModelError> {
        let n = self.count(self.remaining())?;
        std::str::from_utf8(self.take(n)?).map_err(|_| ModelError::new("string is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_zigzag_round_trip() {
        for v in [0u64, 1, 127, 128, 300, u64::MAX, u64::MAX - 1, 1 << 63] {
            let mut b = Vec::new();
            write_varint(&mut b, v);
            let mut r = Reader::new(&b);
            assert_eq!(r.varint().unwrap(), v);
            assert!(r.finish("varint").is_ok());
        }
        for v in [0i64, 1, -1, 32767, -32767, i64::MAX, i64::MIN] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
    }

    #[test]
    fn malformed_input_is_an_error() {
        assert!(Reader::new(&[0x80; 11]).varint().is_err());
        assert!(Reader::new(&[0xff; 9]).varint().is_err());
        assert!(Reader::new(&[1, 2]).u32().is_err());
        let mut b = Vec::new();
        write_varint(&mut b, 1000);
        b.push(b'x');
        assert!(Reader::new(&b).str().is_err());
        let mut b = Vec::new();
        write_str(&mut b, "nsubj:pass");
        assert_eq!(Reader::new(&b).str().unwrap(), "nsubj:pass");
    }
}
