//! The knowledge graph: typed nodes and evidenced edges on a petgraph `StableGraph`.
//!
//! Node ids are stable slugs (`person/jane-doe`); the graph keeps an index from id to
//! petgraph index so that stages and [`Graph::merge`] can find a node by id. Every
//! iteration the exporters use ([`Graph::nodes`], [`Graph::edges`]) is sorted, so the
//! same input always gives byte-identical output whatever the insertion order was.

pub mod build;

use std::collections::{BTreeMap, BTreeSet};

use petgraph::stable_graph::{NodeIndex, StableGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde::{Deserialize, Serialize};

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

    /// Adds what `other` knows about the same node (same id).
    fn absorb(&mut self, other: &Node) {
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
}

fn merge_evidence(into: &mut Vec<Evidence>, from: &[Evidence]) {
    // kept sorted, so that merging many documents stays fast (binary search, appends)
    if !into.is_sorted() {
        into.sort();
    }
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

/// The knowledge graph. Nodes are unique by id; edges are unique by
/// (source, target, relation, title), and adding one again merges its evidence.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    pub documents: Vec<DocumentInfo>,
    graph: StableGraph<Node, Edge>,
    index: BTreeMap<String, NodeIndex>,
}

/// A borrowed view of an edge with its endpoints' ids.
#[derive(Clone, Copy, Debug)]
pub struct EdgeView<'a> {
    pub source: &'a Node,
    pub target: &'a Node,
    pub edge: &'a Edge,
}

impl Graph {
    pub fn new() -> Graph {
        Graph::default()
    }

    /// The underlying petgraph graph, for algorithms (read-only).
    pub fn petgraph(&self) -> &StableGraph<Node, Edge> {
        &self.graph
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&ix| &self.graph[ix])
    }

    /// Adds a node, or merges it into the node with the same id. Returns the id.
    pub fn add_node(&mut self, node: Node) -> String {
        let id = node.id.clone();
        match self.index.get(&id) {
            Some(&ix) => self.graph[ix].absorb(&node),
            None => {
                let mut node = node;
                let name = node.name.clone();
                node.aliases.remove(&name);
                node.evidence.sort();
                node.evidence.dedup();
                let ix = self.graph.add_node(node);
                self.index.insert(id.clone(), ix);
            }
        }
        id
    }

    /// Adds an edge between two existing nodes, or merges its evidence into the same edge.
    /// Symmetric relations are stored with the smaller id as source. Self-loops and edges
    /// to unknown ids are refused (returns false): the graph never has dangling endpoints.
    pub fn add_edge(&mut self, source: &str, target: &str, edge: Edge) -> bool {
        let (source, target) = if edge.relation.is_symmetric() && target < source {
            (target, source)
        } else {
            (source, target)
        };
        if source == target {
            return false;
        }
        let (Some(&s), Some(&t)) = (self.index.get(source), self.index.get(target)) else {
            return false;
        };
        let existing = self
            .graph
            .edges_connecting(s, t)
            .find(|e| e.weight().relation == edge.relation && e.weight().title == edge.title)
            .map(|e| e.id());
        match existing {
            Some(eid) => {
                let w = &mut self.graph[eid];
                merge_evidence(&mut w.evidence, &edge.evidence);
                if edge.confidence > w.confidence {
                    w.confidence = edge.confidence;
                }
                if w.cue.is_none() {
                    w.cue = edge.cue;
                }
                // a meeting reported as held outweighs one announced
                if w.status == Some(Status::Planned) && edge.status != Some(Status::Planned) {
                    w.status = edge.status;
                }
            }
            None => {
                let mut edge = edge;
                edge.evidence.sort();
                edge.evidence.dedup();
                self.graph.add_edge(s, t, edge);
            }
        }
        true
    }

    /// Removes a node and its edges.
    pub fn remove_node(&mut self, id: &str) -> Option<Node> {
        let ix = self.index.remove(id)?;
        self.graph.remove_node(ix)
    }

    /// Nodes in id order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.index.values().map(|&ix| &self.graph[ix])
    }

    /// Edges ordered by (source id, target id, relation, title).
    pub fn edges(&self) -> Vec<EdgeView<'_>> {
        let mut out: Vec<EdgeView<'_>> = self
            .graph
            .edge_references()
            .map(|e| EdgeView {
                source: &self.graph[e.source()],
                target: &self.graph[e.target()],
                edge: e.weight(),
            })
            .collect();
        out.sort_by(|a, b| {
            (&a.source.id, &a.target.id, a.edge.relation, &a.edge.title).cmp(&(
                &b.source.id,
                &b.target.id,
                b.edge.relation,
                &b.edge.title,
            ))
        });
        out
    }

    /// Edges touching the node `id` (both directions), in [`Graph::edges`] order.
    pub fn edges_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = EdgeView<'a>> + 'a {
        self.edges()
            .into_iter()
            .filter(move |e| e.source.id == id || e.target.id == id)
    }

    /// Merges `other` into `self`: nodes with the same id become one node (names,
    /// aliases, roles, evidence and documents united), edges likewise. Node ids that
    /// are per-document counters (statements, meetings) must already be unique, which
    /// extraction guarantees by prefixing them with the document id.
    pub fn merge(&mut self, other: &Graph) {
        if !self.documents.is_sorted() {
            self.documents.sort();
        }
        for d in &other.documents {
            // ids are unique, so the sorted list is sorted by id
            if let Err(at) = self.documents.binary_search_by(|x| x.id.cmp(&d.id)) {
                self.documents.insert(at, d.clone());
            }
        }
        for n in other.nodes() {
            self.add_node(n.clone());
        }
        for e in other.edges() {
            self.add_edge(&e.source.id, &e.target.id, e.edge.clone());
        }
    }

    /// Joins node `from` into node `into` (see [`Graph::redirect_all`]). Returns whether
    /// it was joined.
    pub fn redirect(&mut self, from: &str, into: &str) -> bool {
        let map = BTreeMap::from([(from.to_string(), into.to_string())]);
        self.redirect_all(&map) == 1
    }

    /// Joins each node `from` of `map` into the node `map[from]` (following chains
    /// `a → b → c`; cycles and missing nodes are left alone): its name becomes an alias,
    /// its aliases, roles, evidence and documents are united with the target's, its edges
    /// are moved to the target (merging with the target's own, dropping self-loops), and
    /// role affiliations and meeting places that named it name the target. Returns how
    /// many nodes were joined.
    pub fn redirect_all(&mut self, map: &BTreeMap<String, String>) -> usize {
        let resolve = |id: &str| -> Option<String> {
            let mut cur = map.get(id)?;
            for _ in 0..map.len() {
                match map.get(cur) {
                    Some(next) => cur = next,
                    None => return Some(cur.clone()),
                }
            }
            None // a cycle
        };
        let mut moved: BTreeMap<String, String> = BTreeMap::new();
        for from in map.keys() {
            let Some(into) = resolve(from) else { continue };
            if &into == from || !self.index.contains_key(&into) {
                continue;
            }
            let Some(&fi) = self.index.get(from) else {
                continue;
            };
            let edges: Vec<(String, String, Edge)> = self
                .graph
                .edges_directed(fi, petgraph::Direction::Outgoing)
                .chain(self.graph.edges_directed(fi, petgraph::Direction::Incoming))
                .map(|e| {
                    (
                        self.graph[e.source()].id.clone(),
                        self.graph[e.target()].id.clone(),
                        e.weight().clone(),
                    )
                })
                .collect();
            let Some(node) = self.remove_node(from) else {
                continue;
            };
            let ti = self.index[&into];
            self.graph[ti].absorb(&node);
            for (s, t, e) in edges {
                let s = if &s == from { &into } else { &s };
                let t = if &t == from { &into } else { &t };
                self.add_edge(s, t, e);
            }
            moved.insert(from.clone(), into);
        }
        if !moved.is_empty() {
            let ixs: Vec<NodeIndex> = self.index.values().copied().collect();
            for ix in ixs {
                let n = &mut self.graph[ix];
                let mut changed = false;
                for r in &mut n.roles {
                    if let Some(t) = r.affiliation.as_ref().and_then(|a| moved.get(a)) {
                        r.affiliation = Some(t.clone());
                        changed = true;
                    }
                }
                if changed {
                    let mut seen = BTreeSet::new();
                    n.roles.retain(|r| seen.insert(r.clone()));
                }
                if let Some(t) = n.place.as_ref().and_then(|p| moved.get(p)) {
                    n.place = Some(t.clone());
                }
            }
        }
        moved.len()
    }

    /// Drops stance edges below `min` confidence (and nothing else).
    pub fn retain_confident(&mut self, min: f32) {
        self.graph
            .retain_edges(|g, e| !g[e].relation.is_stance() || g[e].confidence >= min);
    }
}

/// Makes a stable slug from a name: lowercase ASCII letters and digits joined by `-`.
/// Letters with diacritics are folded to their base letter where that is simple;
/// other characters are dropped. Never empty.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars() {
        let folded = fold_char(c);
        match folded {
            Some(s) => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push_str(s);
            }
            None => {
                if c.is_alphanumeric() {
                    // a letter we cannot fold: keep it as is (ids are IRIs, percent-encoded on export)
                    if dash && !out.is_empty() {
                        out.push('-');
                    }
                    dash = false;
                    for l in c.to_lowercase() {
                        out.push(l);
                    }
                } else if c == '\'' || c == '\u{2019}' || c == '.' {
                    // "O'Brien" -> "obrien", "U.S." -> "us"
                } else {
                    dash = true;
                }
            }
        }
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

fn fold_char(c: char) -> Option<&'static str> {
    const ASCII: [&str; 36] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f", "g", "h",
        "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    let lc = c.to_ascii_lowercase();
    if lc.is_ascii_digit() {
        return Some(ASCII[(lc as u8 - b'0') as usize]);
    }
    if lc.is_ascii_lowercase() {
        return Some(ASCII[(lc as u8 - b'a') as usize + 10]);
    }
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
            "a"
        }
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'İ' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
            "o"
        }
        'ř' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'Ť' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable_and_ascii() {
        assert_eq!(slug("Jane Q. Doe"), "jane-q-doe");
        assert_eq!(slug("U.S."), "us");
        assert_eq!(slug("Łukasz Żółć"), "lukasz-zolc");
        assert_eq!(slug("O'Brien"), "obrien");
        assert_eq!(slug("28-point draft"), "28-point-draft");
        assert_eq!(slug("\"<>\""), "x");
    }

    #[test]
    fn edges_merge_and_symmetric_edges_are_normalized() {
        let mut g = Graph::new();
        g.add_node(Node::new("person/b", NodeKind::Person, "B"));
        g.add_node(Node::new("person/a", NodeKind::Person, "A"));
        let ev = |s| Evidence {
            document: "d".into(),
            start: s,
            end: s + 1,
            text: "x".into(),
        };
        assert!(g.add_edge(
            "person/b",
            "person/a",
            Edge::new(Relation::MetWith, 0.5, vec![ev(0)])
        ));
        assert!(g.add_edge(
            "person/a",
            "person/b",
            Edge::new(Relation::MetWith, 0.9, vec![ev(3)])
        ));
        assert!(!g.add_edge(
            "person/a",
            "person/zzz",
            Edge::new(Relation::Warned, 0.9, vec![])
        ));
        assert!(!g.add_edge(
            "person/a",
            "person/a",
            Edge::new(Relation::Warned, 0.9, vec![])
        ));
        let edges = g.edges();
        assert_eq!(edges.len(), 1);
        assert_eq!(edges[0].source.id, "person/a");
        assert_eq!(edges[0].edge.evidence.len(), 2);
        assert!((edges[0].edge.confidence - 0.9).abs() < 1e-6);
    }

    #[test]
    fn redirect_moves_edges_roles_and_places() {
        let mut g = Graph::new();
        let ev = |d: &str| Evidence {
            document: d.into(),
            start: 0,
            end: 1,
            text: "x".into(),
        };
        let mut full = Node::new("person/ana-ruiz", NodeKind::Person, "Ana Ruiz");
        full.documents.insert("d1".into());
        g.add_node(full);
        let mut sur = Node::new("person/ruiz", NodeKind::Person, "Ruiz");
        sur.documents.insert("d2".into());
        g.add_node(sur);
        g.add_node(Node::new("place/x", NodeKind::Place, "X"));
        let mut m = Node::new("meeting/d2/1", NodeKind::Meeting, "meeting");
        m.place = Some("place/old".into());
        g.add_node(m);
        g.add_node(Node::new("place/old", NodeKind::Place, "Old"));
        let mut p = Node::new("person/b", NodeKind::Person, "B");
        p.roles.push(Role {
            title: "envoy".into(),
            affiliation: Some("place/old".into()),
        });
        p.roles.push(Role {
            title: "envoy".into(),
            affiliation: Some("place/x".into()),
        });
        g.add_node(p);
        g.add_edge(
            "person/ana-ruiz",
            "place/x",
            Edge::new(Relation::Warned, 0.5, vec![ev("d1")]),
        );
        g.add_edge(
            "person/ruiz",
            "place/x",
            Edge::new(Relation::Warned, 0.9, vec![ev("d2")]),
        );
        g.add_edge(
            "person/ruiz",
            "person/ana-ruiz",
            Edge::new(Relation::MetWith, 0.9, vec![]),
        );
        let map = BTreeMap::from([
            ("person/ruiz".to_string(), "person/ana-ruiz".to_string()),
            ("place/old".to_string(), "place/x".to_string()),
            ("place/missing".to_string(), "place/x".to_string()),
        ]);
        assert_eq!(g.redirect_all(&map), 2);
        assert!(g.node("person/ruiz").is_none());
        let n = g.node("person/ana-ruiz").unwrap();
        assert!(n.aliases.contains("Ruiz"));
        assert_eq!(n.documents.len(), 2);
        let edges = g.edges();
        assert_eq!(
            edges.len(),
            1,
            "the self-loop is dropped, the two warned edges merge"
        );
        assert_eq!(edges[0].edge.evidence.len(), 2);
        assert!((edges[0].edge.confidence - 0.9).abs() < 1e-6);
        assert_eq!(
            g.node("meeting/d2/1").unwrap().place.as_deref(),
            Some("place/x")
        );
        assert_eq!(g.node("person/b").unwrap().roles.len(), 1);
        assert!(!g.redirect("person/ana-ruiz", "person/nobody"));
    }

    #[test]
    fn merge_unites_nodes_by_id() {
        let mut a = Graph::new();
        let mut n = Node::new("person/x", NodeKind::Person, "X Y");
        n.documents.insert("d1".into());
        a.add_node(n);
        let mut b = Graph::new();
        let mut n = Node::new("person/x", NodeKind::Person, "Y");
        n.documents.insert("d2".into());
        b.add_node(n);
        a.merge(&b);
        let x = a.node("person/x").unwrap();
        assert_eq!(x.name, "X Y");
        assert!(x.aliases.contains("Y"));
        assert_eq!(x.documents.len(), 2);
    }
}
