//! Graphviz DOT (`--format dot`): a diagram of who did what with whom.
//!
//! One node per actor, proposal and meeting; statements (and their `said` edges) only
//! with [`ExportOptions::statements`], since they crowd the picture. Shape and fill
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

use super::{ExportOptions, Exporter, rdf::encode_path};
use crate::graph::{Graph, Node, NodeKind, Relation, Status};

/// The DOT exporter.
pub struct Dot;

/// Statement labels are cut to this many characters (the full text is in other formats).
const STATEMENT_LABEL_CHARS: usize = 60;

impl Exporter for Dot {
    fn extension(&self) -> &'static str {
        "dot"
    }

    fn export(&self, graph: &Graph, opts: &ExportOptions) -> Vec<u8> {
        let shown = |n: &Node| opts.statements || n.kind != NodeKind::Statement;
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
                .set("fontsize", "9", false);
            for n in graph.nodes().filter(|n| shown(n)) {
                if !kinds.contains(&n.kind) {
                    kinds.push(n.kind);
                }
                let mut node = g.node_named(quoted_id(&n.id));
                node.set("label", &label(&node_label(n)), true);
                kind_style(&mut *node, n.kind);
            }
            for e in graph.edges() {
                if !shown(e.source) || !shown(e.target) {
                    continue;
                }
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
