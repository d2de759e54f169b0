//! The graph model: the `newsgraph/1` contract. Node and edge kinds, nodes, edges, evidence
//! and document metadata, with their serde form. This is the only module that derives
//! serde for the analysis' results; the stages speak [`crate::vocab`] and
//! [`super::build`] maps it onto these types.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::vocab;

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum NodeKind {
    Person,
    Organization,
    Place,
    Group,
    Proposal,
    Meeting,
    Statement,
}

impl NodeKind {
    /// The kind's name as written in graph JSON (`"Person"`).
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Person => "Person",
            NodeKind::Organization => "Organization",
            NodeKind::Place => "Place",
            NodeKind::Group => "Group",
            NodeKind::Proposal => "Proposal",
            NodeKind::Meeting => "Meeting",
            NodeKind::Statement => "Statement",
        }
    }

    /// The prefix of node ids of this kind (`person/…`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            NodeKind::Person => "person",
            NodeKind::Organization => "org",
            NodeKind::Place => "place",
            NodeKind::Group => "group",
            NodeKind::Proposal => "proposal",
            NodeKind::Meeting => "meeting",
            NodeKind::Statement => "statement",
        }
    }

    /// Actors can be subjects of relations and speakers of statements.
    pub fn is_actor(self) -> bool {
        matches!(
            self,
            NodeKind::Person | NodeKind::Organization | NodeKind::Place | NodeKind::Group
        )
    }

    pub const ALL: [NodeKind; 7] = [
        NodeKind::Person,
        NodeKind::Organization,
        NodeKind::Place,
        NodeKind::Group,
        NodeKind::Proposal,
        NodeKind::Meeting,
        NodeKind::Statement,
    ];
}

/// The relation an edge states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Relation {
    MetWith,
    Warned,
    Proposed,
    Opposes,
    Supports,
    Criticized,
    Said,
    Attended,
    HeldIn,
    HoldsRole,
    AffiliatedWith,
}

impl Relation {
    /// The relation's name in graph JSON (`"met-with"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::MetWith => "met-with",
            Relation::Warned => "warned",
            Relation::Proposed => "proposed",
            Relation::Opposes => "opposes",
            Relation::Supports => "supports",
            Relation::Criticized => "criticized",
            Relation::Said => "said",
            Relation::Attended => "attended",
            Relation::HeldIn => "held-in",
            Relation::HoldsRole => "holds-role",
            Relation::AffiliatedWith => "affiliated-with",
        }
    }

    /// Parses the graph JSON name of a relation.
    pub fn parse(s: &str) -> Option<Relation> {
        Relation::ALL.iter().copied().find(|r| r.as_str() == s)
    }

    /// The six stance relations the scorer counts.
    pub fn is_stance(self) -> bool {
        matches!(
            self,
            Relation::MetWith
                | Relation::Warned
                | Relation::Proposed
                | Relation::Opposes
                | Relation::Supports
                | Relation::Criticized
        )
    }

    /// `met-with` holds both ways; its endpoints are stored in id order.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Relation::MetWith)
    }

    pub const ALL: [Relation; 11] = [
        Relation::MetWith,
        Relation::Warned,
        Relation::Proposed,
        Relation::Opposes,
        Relation::Supports,
        Relation::Criticized,
        Relation::Said,
        Relation::Attended,
        Relation::HeldIn,
        Relation::HoldsRole,
        Relation::AffiliatedWith,
    ];
}

/// Where a fact was read: a byte span of a document and the exact text of that span.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    pub document: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A title a person holds, with the node it is held at (an organization, place or person).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Role {
    pub title: String,
    pub affiliation: Option<String>,
}

/// Direct (in quotation marks) or indirect (reported) speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Indirect,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// Whether an event happened or is announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Held,
    Planned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Held => "held",
            Status::Planned => "planned",
        }
    }
}

/// A node of the graph. Fields that do not apply to a kind stay empty.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    /// Display name (for statements: a short form of the text).
    pub name: String,
    /// Other surface forms of the name seen in the documents.
    pub aliases: BTreeSet<String>,
    pub roles: Vec<Role>,
    /// Statement text.
    pub text: Option<String>,
    pub quote: Option<QuoteKind>,
    /// The cue verb of a statement ("said", "according to").
    pub cue: Option<String>,
    /// Meeting place (a node id).
    pub place: Option<String>,
    /// Meeting time in the article's words ("Tuesday").
    pub when: Option<String>,
    /// Meeting date normalized against the publication date (`2025-12-02`, `2025-11`).
    pub date: Option<String>,
    pub status: Option<Status>,
    /// Where the node was mentioned (the first mention per document for actors,
    /// the quote span for statements, the sentence for meetings).
    pub evidence: Vec<Evidence>,
    /// Ids of the documents that mention the node.
    pub documents: BTreeSet<String>,
}

impl Node {
    /// A node with only id, kind and name set.
    pub fn new(id: impl Into<String>, kind: NodeKind, name: impl Into<String>) -> Node {
        Node {
            id: id.into(),
            kind,
            name: name.into(),
            aliases: BTreeSet::new(),
            roles: Vec::new(),
            text: None,
            quote: None,
            cue: None,
            place: None,
            when: None,
            date: None,
            status: None,
            evidence: Vec::new(),
            documents: BTreeSet::new(),
        }
    }

    /// The earliest document (by id) that mentions the node: it decides which name and
    /// fields win when graphs merge ([`Graph::merge`](super::Graph::merge)).
    pub fn first_document(&self) -> Option<&str> {
        self.documents
            .first()
            .map(String::as_str)
            .or_else(|| self.evidence.iter().map(|e| e.document.as_str()).min())
    }

    /// Adds what `other` knows about the same node (same id); where both have a value
    /// (the name, a statement's cue), `self`'s is kept.
    pub(super) fn absorb(&mut self, other: &Node) {
        if other.name != self.name && !other.name.is_empty() {
            self.aliases.insert(other.name.clone());
        }
        self.aliases.extend(other.aliases.iter().cloned());
        self.aliases.remove(&self.name);
        for r in &other.roles {
            if !self.roles.contains(r) {
                self.roles.push(r.clone());
            }
        }
        self.text = self.text.take().or_else(|| other.text.clone());
        self.quote = self.quote.or(other.quote);
        self.cue = self.cue.take().or_else(|| other.cue.clone());
        self.place = self.place.take().or_else(|| other.place.clone());
        self.when = self.when.take().or_else(|| other.when.clone());
        self.date = self.date.take().or_else(|| other.date.clone());
        self.status = self.status.or(other.status);
        merge_evidence(&mut self.evidence, &other.evidence);
        self.documents.extend(other.documents.iter().cloned());
    }
}

/// An edge: a relation with its evidence and confidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub relation: Relation,
    /// In [0, 1]: how reliable the rule that found it is (the highest over its evidence).
    pub confidence: f32,
    pub evidence: Vec<Evidence>,
    /// The cue word that stated it ("met", "warned", "rejected").
    pub cue: Option<String>,
    /// Planned (`will meet`) rather than reported as done.
    pub status: Option<Status>,
    /// For `holds-role` edges: the title.
    pub title: Option<String>,
}

impl Edge {
    pub fn new(relation: Relation, confidence: f32, evidence: Vec<Evidence>) -> Edge {
        Edge {
            relation,
            confidence,
            evidence,
            cue: None,
            status: None,
            title: None,
        }
    }

    /// Ids of the documents the edge's evidence comes from.
    pub fn documents(&self) -> BTreeSet<&str> {
        self.evidence.iter().map(|e| e.document.as_str()).collect()
    }

    /// The earliest document (by id) of the edge's evidence: it decides which cue and
    /// status win when graphs merge ([`Graph::merge`](super::Graph::merge)).
    pub fn first_document(&self) -> Option<&str> {
        self.evidence.iter().map(|e| e.document.as_str()).min()
    }

    /// Adds what `other` says about the same edge: evidence united, the higher
    /// confidence, `self`'s cue unless it has none, and a status reported as held (or
    /// not planned) over one announced.
    pub(super) fn absorb(&mut self, other: &Edge) {
        merge_evidence(&mut self.evidence, &other.evidence);
        if other.confidence > self.confidence {
            self.confidence = other.confidence;
        }
        if self.cue.is_none() {
            self.cue = other.cue.clone();
        }
        // a meeting reported as held outweighs one announced
        if self.status == Some(Status::Planned) && other.status != Some(Status::Planned) {
            self.status = other.status;
        }
    }
}

pub(super) fn merge_evidence(into: &mut Vec<Evidence>, from: &[Evidence]) {
    // kept sorted, so that merging many documents stays fast (binary search, appends):
    // a node or edge of a graph has its evidence sorted from the moment it is added
    // (`Graph::add_node`, `Graph::add_edge`), and `into` is always one. Checking that on
    // each merge would cost the length of `into` each time: quadratic for a hub.
    debug_assert!(into.is_sorted());
    for e in from {
        if let Err(at) = into.binary_search(e) {
            into.insert(at, e.clone());
        }
    }
}

/// Metadata of one source document.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
}

impl From<vocab::EntityKind> for NodeKind {
    fn from(k: vocab::EntityKind) -> NodeKind {
        match k {
            vocab::EntityKind::Person => NodeKind::Person,
            vocab::EntityKind::Organization => NodeKind::Organization,
            vocab::EntityKind::Place => NodeKind::Place,
            vocab::EntityKind::Group => NodeKind::Group,
        }
    }
}

impl From<vocab::Stance> for Relation {
    fn from(s: vocab::Stance) -> Relation {
        match s {
            vocab::Stance::MetWith => Relation::MetWith,
            vocab::Stance::Warned => Relation::Warned,
            vocab::Stance::Proposed => Relation::Proposed,
            vocab::Stance::Opposes => Relation::Opposes,
            vocab::Stance::Supports => Relation::Supports,
            vocab::Stance::Criticized => Relation::Criticized,
        }
    }
}

impl From<vocab::QuoteKind> for QuoteKind {
    fn from(k: vocab::QuoteKind) -> QuoteKind {
        match k {
            vocab::QuoteKind::Direct => QuoteKind::Direct,
            vocab::QuoteKind::Indirect => QuoteKind::Indirect,
        }
    }
}

impl From<vocab::Status> for Status {
    fn from(s: vocab::Status) -> Status {
        match s {
            vocab::Status::Held => Status::Held,
            vocab::Status::Planned => Status::Planned,
        }
    }
}
