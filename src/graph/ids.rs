//! Node ids: the only place they are minted.
//!
//! An actor's id is its kind's prefix and its name key ([`slug`], from
//! [`crate::text::slug`]): `person/maria-hale`, so the same actor in two documents gets the
//! same id and [`super::Graph::merge`] joins them. Statements and meetings are numbered in
//! text order under the document's key (`statement/<doc>/3`), so they are unique across
//! documents and stable across runs; a proposal is keyed by its name.

use super::NodeKind;
use crate::stages::entities::Entity;

pub use crate::text::slug::slug;

/// The id of a node of `kind` named `name` (`person/maria-hale`).
pub fn node(kind: NodeKind, name: &str) -> String {
    keyed(kind, &slug(name))
}

/// The id of a node of `kind` whose name key is `key`.
pub fn keyed(kind: NodeKind, key: &str) -> String {
    format!("{}/{}", kind.id_prefix(), key)
}

/// The id of an entity of the analysis: its kind and the key of the name it was first
/// found under (a later, longer name does not change it).
pub fn entity(e: &Entity) -> String {
    keyed(e.kind.into(), &e.key)
}

/// Whether an actor id belongs to one document (`group/<doc>/spokeswoman`: an unnamed
/// speaker, see `ActorRequest::scope`): such an actor is never joined across documents.
pub fn is_document_scoped(id: &str) -> bool {
    id.matches('/').count() >= 2
}

/// The key of a document in the ids of its statements and meetings (its id's slug).
pub fn document_key(document_id: &str) -> String {
    slug(document_id)
}

/// The id of the `n`-th (from 1) statement of the document with key `document_key`.
pub fn statement(document_key: &str, n: usize) -> String {
    format!("statement/{document_key}/{n}")
}

/// The id of the `n`-th (from 1) meeting of the document with key `document_key`.
pub fn meeting(document_key: &str, n: usize) -> String {
    format!("meeting/{document_key}/{n}")
}

/// The id of a proposal named `name`.
pub fn proposal(name: &str) -> String {
    node(NodeKind::Proposal, name)
}
