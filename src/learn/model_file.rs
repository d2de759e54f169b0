//! [`ModelFile`]: the one container every trained component is stored in.
//!
//! All integers little-endian; `varint` is unsigned LEB128, `str` a varint length and
//! UTF-8 bytes.
//!
//! | field | encoding | meaning |
//! |---|---|---|
//! | magic | 8 bytes | `NGMODEL` and a zero byte |
//! | container version | u32 | `1` |
//! | kind | str | the component (`pos-tagger`, `parser`, …) |
//! | version | u32 | the component's own format version |
//! | sections | varint | number of sections `S` |
//! | section × S | 4-byte tag, varint length, bytes | distinct tags, in the order written |
//! | checksum | u64 | [`hash_bytes`](super::hash::hash_bytes) (seed 0) of all bytes before it |
//!
//! Standard sections: `LABL` a [`LabelSet`], weight tables ([`Weights::to_bytes`]) under
//! tags the component chooses (`WGHT` for a single one), `CALB` a [`Calibration`],
//! `META` free text (training settings). Components add their own (the tagger's
//! dictionary `DICT`).

use super::ModelError;
use super::calibrate::Calibration;
use super::codec::{Reader, write_str, write_varint};
use super::hash::hash_bytes;
use super::labels::LabelSet;
use super::weights::Weights;

const MAGIC: &[u8; 8] = b"NGMODEL\0";
const CONTAINER_VERSION: u32 = 1;

/// A model file: a kind, a version and tagged sections.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelFile {
    kind: String,
    version: u32,
    sections: Vec<([u8; 4], Vec<u8>)>,
}

impl ModelFile {
    /// An empty file for component `kind`, format `version`.
    pub fn new(kind: &str, version: u32) -> ModelFile {
        ModelFile {
            kind: kind.to_string(),
            version,
            sections: Vec::new(),
        }
    }

    pub fn kind(&self) -> &str {
        &self.kind
    }

    pub fn version(&self) -> u32 {
        self.version
    }

    /// Adds (or replaces) section `tag`.
    pub fn add(&mut self, tag: &[u8; 4], bytes: Vec<u8>) -> &mut ModelFile {
        match self.sections.iter_mut().find(|(t, _)| t == tag) {
            Some(s) => s.1 = bytes,
            None => self.sections.push((*tag, bytes)),
        }
        self
    }

    /// Adds the label set as `LABL`.
    pub fn add_labels(&mut self, labels: &LabelSet) -> &mut ModelFile {
        self.add(b"LABL", labels.to_bytes())
    }

    /// Adds a weight table under `tag`.
    pub fn add_weights(&mut self, tag: &[u8; 4], weights: &Weights) -> &mut ModelFile {
        self.add(tag, weights.to_bytes())
    }

    /// Adds a calibration as `CALB`.
    pub fn add_calibration(&mut self, c: &Calibration) -> &mut ModelFile {
        self.add(b"CALB", c.to_bytes())
    }

    /// The bytes of section `tag`, or an `Err` naming it.
    pub fn section(&self, tag: &[u8; 4]) -> Result<&[u8], ModelError> {
        self.sections
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, b)| b.as_slice())
            .ok_or_else(|| {
                ModelError::new(format!(
                    "{} model has no {} section",
                    self.kind,
                    String::from_utf8_lossy(tag)
                ))
            })
    }

    pub fn has(&self, tag: &[u8; 4]) -> bool {
        self.sections.iter().any(|(t, _)| t == tag)
    }

    /// The `LABL` section.
    pub fn labels(&self) -> Result<LabelSet, ModelError> {
        LabelSet::from_bytes(self.section(b"LABL")?)
    }

    /// The weight table of section `tag`.
    pub fn weights(&self, tag: &[u8; 4]) -> Result<Weights, ModelError> {
        Weights::from_bytes(self.section(tag)?)
    }

    /// The `CALB` section, if there is one.
    pub fn calibration(&self) -> Result<Option<Calibration>, ModelError> {
        if self.has(b"CALB") {
            Calibration::from_bytes(self.section(b"CALB")?).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Serializes the file (format in the module docs). Deterministic.
    pub fn to_bytes(&self) -> Vec<u8> {
        let len: usize = self.sections.iter().map(|(_, b)| b.len() + 16).sum();
        let mut b = Vec::with_capacity(len + 64);
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&CONTAINER_VERSION.to_le_bytes());
        write_str(&mut b, &self.kind);
        b.extend_from_slice(&self.version.to_le_bytes());
        write_varint(&mut b, self.sections.len() as u64);
        for (tag, bytes) in &self.sections {
            b.extend_from_slice(tag);
            write_varint(&mut b, bytes.len() as u64);
            b.extend_from_slice(bytes);
        }
        let sum = hash_bytes(0, &b);
        b.extend_from_slice(&sum.to_le_bytes());
        b
    }

    /// Reads a file written by [`ModelFile::to_bytes`], checking the magic, checksum,
    /// kind and version; any malformed input is an `Err`.
    pub fn from_bytes(bytes: &[u8], kind: &str, version: u32) -> Result<ModelFile, ModelError> {
        if bytes.len() < MAGIC.len() + 4 + 8 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::new("not a newsgraph model file (bad magic)"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let mut s = [0u8; 8];
        s.copy_from_slice(sum);
        if hash_bytes(0, body) != u64::from_le_bytes(s) {
            return Err(ModelError::new("model checksum mismatch"));
        }
        let mut r = Reader::new(body);
        r.take(MAGIC.len())?;
        let container = r.u32()?;
        if container != CONTAINER_VERSION {
            return Err(ModelError::new(format!(
                "unsupported model container version {container}"
            )));
        }
        let found = r.str()?;
        if found != kind {
            return Err(ModelError::new(format!(
                "a {found:?} model where a {kind:?} model was expected"
            )));
        }
        let v = r.u32()?;
        if v != version {
            return Err(ModelError::new(format!(
                "unsupported {kind} model version {v} (expected {version})"
            )));
        }
        let n = r.count(r.remaining() / 5)?;
        let mut file = ModelFile::new(kind, version);
        for _ in 0..n {
            let mut tag = [0u8; 4];
            tag.copy_from_slice(r.take(4)?);
            if file.has(&tag) {
                return Err(ModelError::new("a section appears twice"));
            }
            let len = r.count(r.remaining())?;
            file.sections.push((tag, r.take(len)?.to_vec()));
        }
        r.finish("model file")?;
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ModelFile {
        let mut f = ModelFile::new("toy", 3);
        f.add_labels(&LabelSet::new(&["yes", "no"]).unwrap())
            .add_weights(
                b"WGHT",
                &Weights::from_sorted(2, vec![4], vec![1, -1], 1.0).unwrap(),
            )
            .add_calibration(&Calibration { a: 2.0, b: -1.0 })
            .add(b"META", b"seed=1".to_vec());
        f
    }

    #[test]
    fn round_trips_and_checks_kind_version_and_checksum() {
        let f = sample();
        let b = f.to_bytes();
        let g = ModelFile::from_bytes(&b, "toy", 3).unwrap();
        assert_eq!(g, f);
        assert_eq!(g.labels().unwrap().name(1), Some("no"));
        assert_eq!(g.weights(b"WGHT").unwrap().row(4), Some(&[1, -1][..]));
        assert_eq!(
            g.calibration().unwrap(),
            Some(Calibration { a: 2.0, b: -1.0 })
        );
        assert_eq!(g.section(b"META").unwrap(), b"seed=1");
        assert!(g.section(b"NONE").is_err());
        assert!(ModelFile::from_bytes(&b, "other", 3).is_err());
        assert!(ModelFile::from_bytes(&b, "toy", 4).is_err());
        for cut in 0..b.len() {
            assert!(ModelFile::from_bytes(&b[..cut], "toy", 3).is_err());
        }
        for at in 0..b.len() {
            let mut c = b.clone();
            c[at] ^= 0x20;
            assert!(ModelFile::from_bytes(&c, "toy", 3).is_err(), "flip at {at}");
        }
    }

    #[test]
    fn replacing_a_section_keeps_one() {
        let mut f = sample();
        f.add(b"META", b"seed=2".to_vec());
        let g = ModelFile::from_bytes(&f.to_bytes(), "toy", 3).unwrap();
        assert_eq!(g.section(b"META").unwrap(), b"seed=2");
    }
}
