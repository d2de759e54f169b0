//! The knowledge graph: typed nodes and evidenced edges on a petgraph `StableGraph`.
//!
//! Node ids are stable slugs (`person/jane-doe`); the graph keeps an index from id to
//! petgraph index so that stages and [`Graph::merge`] can find a node by id, and an index
//! from an edge's key (source, target, relation, title) to its petgraph index, so that
//! adding or merging an edge costs the same whatever the degree of its endpoints (a hub
//! such as a country or a prime minister collects thousands of edges over a corpus). Every
//! iteration the exporters use ([`Graph::nodes`], [`Graph::edges`]) is sorted, so the
//! same input always gives byte-identical output whatever the insertion order was.

pub mod build;
pub mod ids;
pub mod model;
pub mod resolve;

pub use ids::slug;
pub use model::{DocumentInfo, Edge, Evidence, Node, NodeKind, QuoteKind, Relation, Role, Status};

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

/// The knowledge graph. Nodes are unique by id; edges are unique by
/// (source, target, relation, title), and adding one again merges its evidence.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// The documents, kept sorted by id by [`Graph::merge`] (code that pushes to it
    /// directly need not sort: the next merge notices the new length and sorts).
    pub documents: Vec<DocumentInfo>,
    /// How many documents [`Graph::merge`] left, sorted: while the list has that length,
    /// it is not checked again (checking costs the corpus size on every merge).
    sorted_documents: usize,
    graph: StableGraph<Node, Edge>,
    index: BTreeMap<String, NodeIndex>,
    /// Edge key → edge: what makes an edge unique. Only looked up, never iterated, so its
    /// order never reaches the output.
    edge_index: HashMap<EdgeKey, EdgeIndex>,
}

/// What identifies an edge: its endpoints, relation and title.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct EdgeKey {
    source: NodeIndex,
    target: NodeIndex,
    relation: Relation,
    title: Option<String>,
}

impl EdgeKey {
    fn of(source: NodeIndex, target: NodeIndex, edge: &Edge) -> EdgeKey {
        EdgeKey {
            source,
            target,
            relation: edge.relation,
            title: edge.title.clone(),
        }
    }
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
        match self.find_edge(s, t, &edge) {
            Some(eid) => self.graph[eid].absorb(&edge),
            None => {
                let mut edge = edge;
                edge.evidence.sort();
                edge.evidence.dedup();
                let key = EdgeKey::of(s, t, &edge);
                let eid = self.graph.add_edge(s, t, edge);
                self.edge_index.insert(key, eid);
            }
        }
        true
    }

    /// The edge from `s` to `t` with the relation and title of `edge`, if there is one:
    /// a lookup by key, not a walk over the edges of `s`.
    fn find_edge(&self, s: NodeIndex, t: NodeIndex, edge: &Edge) -> Option<EdgeIndex> {
        self.edge_index.get(&EdgeKey::of(s, t, edge)).copied()
    }

    /// Removes a node and its edges.
    pub fn remove_node(&mut self, id: &str) -> Option<Node> {
        let ix = self.index.remove(id)?;
        let keys: Vec<EdgeKey> = self
            .graph
            .edges_directed(ix, petgraph::Direction::Outgoing)
            .chain(self.graph.edges_directed(ix, petgraph::Direction::Incoming))
            .map(|e| EdgeKey::of(e.source(), e.target(), e.weight()))
            .collect();
        for k in &keys {
            self.edge_index.remove(k);
        }
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
    ///
    /// Where both sides give a value that is not united (a node's name, whose other
    /// forms become aliases; an edge's cue and status), the side whose earliest document
    /// ([`Node::first_document`], [`Edge::first_document`]) has the smaller id wins, not
    /// the side merged first. So merging graphs of distinct documents is commutative and
    /// associative: any order and any grouping (a tree reduction over partitions of a
    /// corpus) give the graph of merging the documents one by one in document-id order.
    /// (Exactly so when every document gives the field or none does, as extraction does;
    /// a graph read from JSON that leaves a cue out where another document gives one
    /// gets the same result when partitions hold consecutive documents.)
    pub fn merge(&mut self, other: &Graph) {
        if self.documents.len() != self.sorted_documents && !self.documents.is_sorted() {
            self.documents.sort();
        }
        for d in &other.documents {
            // ids are unique, so the sorted list is sorted by id
            if let Err(at) = self.documents.binary_search_by(|x| x.id.cmp(&d.id)) {
                self.documents.insert(at, d.clone());
            }
        }
        self.sorted_documents = self.documents.len();
        for n in other.nodes() {
            let Some(&ix) = self.index.get(&n.id) else {
                self.add_node(n.clone());
                continue;
            };
            let mine = &mut self.graph[ix];
            if earlier(n.first_document(), mine.first_document()) {
                let mut first = n.clone();
                first.absorb(mine);
                *mine = first;
            } else {
                mine.absorb(n);
            }
        }
        for e in other.edges() {
            // both endpoints are nodes of `other`, merged above
            let (Some(&s), Some(&t)) = (self.index.get(&e.source.id), self.index.get(&e.target.id))
            else {
                continue;
            };
            let Some(eid) = self.find_edge(s, t, e.edge) else {
                self.add_edge(&e.source.id, &e.target.id, e.edge.clone());
                continue;
            };
            let mine = &mut self.graph[eid];
            if earlier(e.edge.first_document(), mine.first_document()) {
                let mut first = e.edge.clone();
                first.absorb(mine);
                *mine = first;
            } else {
                mine.absorb(e.edge);
            }
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
        self.edge_index = self
            .graph
            .edge_references()
            .map(|e| (EdgeKey::of(e.source(), e.target(), e.weight()), e.id()))
            .collect();
    }
}

/// Whether what comes from document `a` goes before what comes from `b` when graphs
/// merge: the smaller document id first, and anything with a document before anything
/// without one. Equal documents (or none on both sides) keep the graph merged into first.
fn earlier(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a < b,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_edge_index_follows_removals_and_filters() {
        let mut g = Graph::new();
        for id in ["person/a", "person/b"] {
            g.add_node(Node::new(id, NodeKind::Person, id));
        }
        let warned = |c: f32| Edge::new(Relation::Warned, c, vec![]);
        let mut role = Edge::new(Relation::HoldsRole, 0.9, vec![]);
        role.title = Some("envoy".into());
        assert!(g.add_edge("person/a", "person/b", warned(0.2)));
        assert!(g.add_edge("person/a", "person/b", role.clone()));
        role.title = Some("minister".into());
        assert!(g.add_edge("person/a", "person/b", role.clone()));
        assert!(g.add_edge("person/a", "person/b", warned(0.3)));
        assert_eq!(g.edge_count(), 3, "same key merges, another title does not");
        // a filtered edge is gone from the index: adding it again adds it
        g.retain_confident(0.5);
        assert_eq!(g.edge_count(), 2);
        assert!(g.add_edge("person/a", "person/b", warned(0.9)));
        assert!(g.add_edge("person/a", "person/b", warned(0.9)));
        assert_eq!(g.edge_count(), 3);
        // a removed node takes its edges out of the index
        g.remove_node("person/b");
        assert_eq!(g.edge_count(), 0);
        g.add_node(Node::new("person/b", NodeKind::Person, "B"));
        assert!(g.add_edge("person/a", "person/b", role));
        assert_eq!(g.edge_count(), 1);
        assert_eq!(g.edges()[0].edge.title.as_deref(), Some("minister"));
        // merge finds edges by key too
        let mut h = g.clone();
        h.merge(&g);
        assert_eq!(h.edge_count(), 1);
    }

    #[test]
    fn merge_sorts_documents_pushed_out_of_order() {
        let doc = |id: &str| DocumentInfo {
            id: id.into(),
            ..DocumentInfo::default()
        };
        let mut a = Graph::new();
        let mut b = Graph::new();
        b.documents.push(doc("d2"));
        a.merge(&b);
        a.documents.push(doc("d9"));
        a.documents.push(doc("d1"));
        let mut c = Graph::new();
        c.documents.push(doc("d5"));
        a.merge(&c);
        let ids: Vec<&str> = a.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["d1", "d2", "d5", "d9"]);
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
