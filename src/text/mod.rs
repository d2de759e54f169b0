//! The ground layer: a document's text and what is said about text itself, before any
//! analysis. Depends on nothing else in the crate.

pub mod date;
pub mod document;
pub mod shape;
pub mod slug;
pub mod span;

pub use date::{Date, days_in_month};
pub use document::{DecodeError, Document, decode};
pub use span::Span;
