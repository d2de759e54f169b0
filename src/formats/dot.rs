//! Graphviz DOT (`--format dot`): a diagram of who did what with whom.
//!
//! One node per actor, proposal and meeting; statements (and their `said` edges) only
//! with [`ExportOptions::statements`], since they crowd the picture; meetings unless
//! [`ExportOptions::meetings`] is off; nodes without a drawn edge unless
//! [`ExportOptions::isolated`] is off, and then in a box of their own as a compact
//! grid. People are drawn in a shaded box with the organization, place or group of
//! their first role that has one (their affiliation). Shape and fill
//! colour tell the kind (Person ellipse, Organization box, Place hexagon, Group octagon,
//! Proposal note, Meeting diamond, Statement rounded box); edge colour and label tell the
//! relation (a role's label is its title), pen width grows with confidence, planned
//! relations are dashed, `met-with` has no arrow. A "Legend" cluster shows the kinds
//! and relations that occur.
//!
//! Escaping: node ids are written as quoted DOT IDs percent-encoded like IRI paths
//! (so no quote, backslash or control character reaches the DOT lexer); labels are
//! quoted escStrings where `\` is doubled, `"` is `\"`, `&`, `<`, `>` are entities
//! (Graphviz reads entities in labels, so a literal `&amp;` must not become `&`),
//! line breaks are `\n` and other control characters (NUL, …) become U+FFFD.
//! No HTML labels are used for user strings.

use dot_writer::{Attributes, DotWriter, Scope};

use std::collections::{BTreeMap, BTreeSet};

use super::{ExportOptions, Exporter, rdf::encode_path};
use crate::graph::{EdgeView, Graph, Node, NodeKind, Relation, Status};

/// The DOT exporter.
pub struct Dot;

/// Statement labels are cut to this many characters (the full text is in other formats).
const STATEMENT_LABEL_CHARS: usize = 60;

impl Exporter for Dot {
    fn extension(&self) -> &'static str {
        "dot"
    }

    fn export(&self, graph: &Graph, opts: &ExportOptions) -> Vec<u8> {
        let (edges, nodes) = selection(graph, opts);
        let connected: BTreeSet<&str> = edges
            .iter()
            .flat_map(|e| [e.source.id.as_str(), e.target.id.as_str()])
            .collect();
        let (linked, isolated): (Vec<&Node>, Vec<&Node>) = nodes
            .iter()
            .partition(|n| connected.contains(n.id.as_str()));
        let clusters = affiliation_clusters(graph, &linked);
        let clustered: BTreeSet<&str> = clusters.values().flatten().copied().collect();
        let mut kinds: Vec<NodeKind> = Vec::new();
        let mut relations: Vec<Relation> = Vec::new();
        let mut out = Vec::new();
        {
            let mut writer = DotWriter::from(&mut out);
            // pretty printing must stay on: the compact mode strips whitespace inside IDs
            writer.set_pretty_print(true);
            let mut g = writer.digraph();
            g.set("rankdir", "LR", false);
            g.graph_attributes()
                .set("fontname", "Helvetica", true)
                .set("fontsize", "12", false);
            g.node_attributes()
                .set("style", "filled", true)
                .set("fontname", "Helvetica", true)
                .set("fontsize", "11", false);
            g.edge_attributes()
                .set("fontname", "Helvetica", true)
                .set("fontsize", "10", false);
            for n in &nodes {
                if !kinds.contains(&n.kind) {
                    kinds.push(n.kind);
                }
            }
            // people share a shaded box with the organization or place they work for
            for (i, (anchor, members)) in clusters.iter().enumerate() {
                let mut c = g.cluster();
                c.set("label", "", true);
                c.set("style", "rounded,filled", true);
                c.set("color", CLUSTER_FILLS[i % CLUSTER_FILLS.len()], true);
                c.set("fillcolor", CLUSTER_FILLS[i % CLUSTER_FILLS.len()], true);
                if let Some(a) = graph.node(anchor) {
                    c.set(
                        "tooltip",
                        &label(&format!("{} and its people", a.name)),
                        true,
                    );
                }
                for id in members {
                    if let Some(n) = graph.node(id) {
                        write_node(&mut c, n);
                    }
                }
            }
            for n in linked.iter().filter(|n| !clustered.contains(n.id.as_str())) {
                write_node(&mut g, n);
            }
            if !isolated.is_empty() {
                isolated_grid(&mut g, &isolated);
            }
            for e in &edges {
                let rel = e.edge.relation;
                if !relations.contains(&rel) {
                    relations.push(rel);
                }
                let mut text = match (&e.edge.title, rel) {
                    (Some(t), Relation::HoldsRole) => t.clone(),
                    _ => rel.as_str().to_string(),
                };
                let planned = e.edge.status == Some(Status::Planned);
                if planned {
                    text.push_str(" (planned)");
                }
                let mut a = g
                    .edge(quoted_id(&e.source.id), quoted_id(&e.target.id))
                    .attributes();
                a.set("label", &label(&text), true);
                relation_style(&mut a, rel);
                a.set("penwidth", &pen_width(e.edge.confidence), false);
                if planned {
                    a.set("style", "dashed", true);
                }
            }
            kinds.sort();
            relations.sort();
            if !kinds.is_empty() {
                legend(&mut g, &kinds, &relations);
            }
        }
        out
    }
}

/// How many graph nodes the diagram of `graph` draws with `opts` (legend aside).
pub fn drawn_nodes(graph: &Graph, opts: &ExportOptions) -> usize {
    selection(graph, opts).1.len()
}

/// The edges and nodes drawn: statements and meetings only when asked for, nodes
/// without a drawn edge only with [`ExportOptions::isolated`].
fn selection<'a>(graph: &'a Graph, opts: &ExportOptions) -> (Vec<EdgeView<'a>>, Vec<&'a Node>) {
    let kind_shown = |n: &Node| match n.kind {
        NodeKind::Statement => opts.statements,
        NodeKind::Meeting => opts.meetings,
        _ => true,
    };
    let edges: Vec<EdgeView<'_>> = graph
        .edges()
        .into_iter()
        .filter(|e| kind_shown(e.source) && kind_shown(e.target))
        .collect();
    let connected: BTreeSet<&str> = edges
        .iter()
        .flat_map(|e| [e.source.id.as_str(), e.target.id.as_str()])
        .collect();
    let nodes = graph
        .nodes()
        .filter(|n| kind_shown(n) && (opts.isolated || connected.contains(n.id.as_str())))
        .collect();
    (edges, nodes)
}

/// Pale fills of affiliation boxes, told apart from the node fills.
const CLUSTER_FILLS: &[&str] = &[
    "#f2f2f2", "#eaf4fb", "#fbf1e6", "#eef7ec", "#f6eef8", "#fdf8e3", "#fbecec",
];

fn write_node(g: &mut Scope<'_, '_>, n: &Node) {
    let mut node = g.node_named(quoted_id(&n.id));
    node.set("label", &label(&node_label(n)), true);
    kind_style(&mut *node, n.kind);
}

/// Nodes without edges in a box of their own, as a grid of about √n columns: rows
/// are chains of invisible edges (each link is one rank, a column when `rankdir=LR`),
/// so they do not pile up in one long column. (Graphviz's `pack` would do this, but
/// `dot` drops edge labels when packing.)
fn isolated_grid(g: &mut Scope<'_, '_>, isolated: &[&Node]) {
    let mut c = g.cluster();
    c.set("label", "Mentioned, no relation", true);
    c.set("style", "rounded,dashed", true);
    c.set("color", "#bbbbbb", true);
    c.set("fontcolor", "#666666", true);
    for n in isolated {
        write_node(&mut c, n);
    }
    let columns = ((isolated.len() as f64).sqrt().ceil() as usize).max(1);
    for row in isolated.chunks(columns) {
        for pair in row.windows(2) {
            c.edge(quoted_id(&pair[0].id), quoted_id(&pair[1].id))
                .attributes()
                .set("style", "invis", true);
        }
    }
}

/// Groups shown people with the shown organization, place or group of their first
/// role that has one (roles in sorted order): affiliation id → its id and its people's
/// ids. A person affiliated only with another person ("son-in-law of …") stays alone.
fn affiliation_clusters<'a>(
    graph: &'a Graph,
    shown: &[&'a Node],
) -> BTreeMap<&'a str, Vec<&'a str>> {
    let visible: BTreeSet<&str> = shown.iter().map(|n| n.id.as_str()).collect();
    let mut clusters: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for n in shown.iter().filter(|n| n.kind == NodeKind::Person) {
        let mut roles: Vec<_> = n.roles.iter().collect();
        roles.sort();
        let anchor = roles
            .iter()
            .filter_map(|r| r.affiliation.as_deref())
            .find(|a| {
                visible.contains(a)
                    && graph
                        .node(a)
                        .is_some_and(|x| x.kind.is_actor() && x.kind != NodeKind::Person)
            });
        if let Some(a) = anchor.and_then(|a| visible.get(a).copied()) {
            clusters
                .entry(a)
                .or_insert_with(|| vec![a])
                .push(n.id.as_str());
        }
    }
    clusters
}

fn legend(g: &mut Scope<'_, '_>, kinds: &[NodeKind], relations: &[Relation]) {
    let mut c = g.cluster();
    c.set("label", "Legend", true);
    c.set("style", "rounded", true);
    c.set("color", "#999999", true);
    // legend ids contain ':', which node ids never do once percent-encoded
    for k in kinds {
        let mut node = c.node_named(format!("\"legend:{}\"", k.as_str()));
        node.set("label", k.as_str(), true);
        kind_style(&mut *node, *k);
    }
    // all tail points, then all head points, then the edges: keeps the samples parallel
    for end in ["from", "to"] {
        for r in relations {
            c.node_named(format!("\"legend:{}:{end}\"", r.as_str()))
                .set("shape", "point", false)
                .set("width", "0.05", false)
                .set("color", "#999999", true);
        }
    }
    // the samples go in a column right of the kinds
    if let Some(k) = kinds.first() {
        for r in relations {
            c.edge(
                format!("\"legend:{}\"", k.as_str()),
                format!("\"legend:{}:from\"", r.as_str()),
            )
            .attributes()
            .set("style", "invis", true);
        }
    }
    for r in relations {
        let mut a = c
            .edge(
                format!("\"legend:{}:from\"", r.as_str()),
                format!("\"legend:{}:to\"", r.as_str()),
            )
            .attributes();
        a.set("label", r.as_str(), true);
        relation_style(&mut a, *r);
    }
}

fn kind_style<A: Attributes>(a: &mut A, kind: NodeKind) {
    let (shape, fill) = match kind {
        NodeKind::Person => ("ellipse", "#cfe2ff"),
        NodeKind::Organization => ("box", "#d1e7dd"),
        NodeKind::Place => ("hexagon", "#fff3cd"),
        NodeKind::Group => ("octagon", "#e2d9f3"),
        NodeKind::Proposal => ("note", "#f8d7da"),
        NodeKind::Meeting => ("diamond", "#ffe5b4"),
        NodeKind::Statement => ("box", "#eeeeee"),
    };
    a.set("shape", shape, false).set("fillcolor", fill, true);
    if kind == NodeKind::Statement {
        a.set("style", "rounded,filled", true);
    }
}

fn relation_style<A: Attributes>(a: &mut A, rel: Relation) {
    let color = match rel {
        Relation::MetWith => "#1f77b4",
        Relation::Warned => "#d62728",
        Relation::Proposed => "#9467bd",
        Relation::Opposes => "#ff7f0e",
        Relation::Supports => "#2ca02c",
        Relation::Criticized => "#8c564b",
        Relation::Said => "#7f7f7f",
        Relation::Attended => "#17becf",
        Relation::HeldIn => "#bcbd22",
        Relation::HoldsRole => "#e377c2",
        Relation::AffiliatedWith => "#aaaaaa",
    };
    a.set("color", color, true).set("fontcolor", color, true);
    if rel.is_symmetric() {
        a.set("dir", "none", false);
    }
}

/// 1 to 3 points, by confidence.
fn pen_width(confidence: f32) -> String {
    let c = if confidence.is_nan() {
        0.0
    } else {
        confidence.clamp(0.0, 1.0)
    };
    format!("{:.1}", 1.0 + 2.0 * c)
}

/// A node id as a quoted DOT ID.
fn quoted_id(id: &str) -> String {
    format!("\"{}\"", encode_path(id))
}

/// The text shown for a node (before escaping): its name, and for people their titles;
/// statements by their (cut) text.
fn node_label(n: &Node) -> String {
    match n.kind {
        NodeKind::Statement => {
            let text = if n.name.is_empty() {
                n.text.as_deref().unwrap_or_default()
            } else {
                &n.name
            };
            let mut cut: String = text.chars().take(STATEMENT_LABEL_CHARS).collect();
            if cut.len() < text.len() {
                cut.push('…');
            }
            cut
        }
        _ => {
            let mut titles: Vec<&str> = n.roles.iter().map(|r| r.title.as_str()).collect();
            titles.sort_unstable();
            titles.dedup();
            if titles.is_empty() {
                n.name.clone()
            } else {
                format!("{}\n{}", n.name, titles.join(", "))
            }
        }
    }
}

/// Escapes text for a quoted escString attribute (see the module docs).
pub(crate) fn label(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push('\t'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_escape_everything_dot_and_graphviz_interpret() {
        assert_eq!(label("a\"b"), "a\\\"b");
        assert_eq!(label("trailing\\"), "trailing\\\\");
        assert_eq!(label("\\N \\G \\l"), "\\\\N \\\\G \\\\l");
        assert_eq!(label("x\r\ny\rz\n"), "x\\ny\\nz\\n");
        assert_eq!(label("<b>&amp;</b>"), "&lt;b&gt;&amp;amp;&lt;/b&gt;");
        assert_eq!(label("nul\0bell\u{7}"), "nul\u{FFFD}bell\u{FFFD}");
        assert_eq!(label("tab\there \u{200F}😀"), "tab\there \u{200F}😀");
    }

    #[test]
    fn ids_are_quoted_and_carry_no_dot_syntax() {
        assert_eq!(quoted_id("person/jane-doe"), "\"person/jane-doe\"");
        let q = quoted_id("x\"y\\z\n{}");
        assert_eq!(q.matches('"').count(), 2);
        assert!(!q.contains('\\') && !q.contains('\n'));
    }
}
