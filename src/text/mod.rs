//! The ground layer: a document's text and what is said about text itself, before any
//! analysis. Depends on nothing else in the crate.

pub mod document;
pub mod slug;

pub use document::{Date, DecodeError, Document, days_in_month, decode};
