//! Joining actors across documents: nodes that the per-document ids keep apart but name
//! the same actor.
//!
//! [`resolve_across`] joins a surname alone (`person/hale`) into the one person whose full
//! name ends with it (`person/maria-hale`) — if that full name looks like a person's (not
//! "Davis Cup") and the surname is not also a common word, unless an article used it for
//! that person; an acronym or short form into the one node that an article gave it as an
//! alias (initials alone are not enough across documents); a place or organization named
//! by a lexicon alias into its canonical node. It is conservative: when two nodes could be
//! meant (two people named Brown), or when both nodes come from the same document (where
//! in-article resolution already chose to keep them apart), nothing is joined.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use super::ids::{self, slug};
use super::{Graph, Node, NodeKind, Relation};
use crate::lexicon::lexicon;

/// Tokens of a person's name, without generational suffixes ("Jr.", "III").
fn name_tokens(name: &str) -> Vec<&str> {
    const SUFFIXES: &[&str] = &["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"];
    let mut t: Vec<&str> = name.split_whitespace().collect();
    while t.len() > 1
        && t.last()
            .is_some_and(|w| SUFFIXES.contains(&w.to_lowercase().as_str()))
    {
        t.pop();
    }
    t
}

/// Whether a person node's name looks like a full personal name, not a phrase that the
/// per-document stages took for one ("Davis Cup", "Guitarist Brian", "Two-time AAAs"):
/// capitalized words (each part of a hyphenated one too), no title word, no acronym, a
/// last word with lowercase letters, and no word that names a thing (the first may be a
/// given name that is also a word: "Will", "Rose").
fn looks_like_full_name(tokens: &[&str]) -> bool {
    let lx = lexicon();
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return false;
    };
    let capitalized = |t: &&str| {
        t.split('-')
            .all(|p| p.chars().next().is_some_and(char::is_uppercase))
    };
    let lower = |t: &str| t.trim_end_matches('.').to_lowercase();
    tokens.len() >= 2
        && tokens.iter().all(capitalized)
        && tokens.iter().all(|t| lx.title(&lower(t)).is_none())
        && last.chars().count() >= 2
        && last.chars().skip(1).any(char::is_lowercase)
        && tokens
            .iter()
            .all(|t| t.chars().count() < 2 || !t.chars().all(|c| c.is_ascii_uppercase()))
        && (lx.given_names.contains_key(*first) || !looks_like_a_thing(first))
        && tokens[1..].iter().all(|t| !looks_like_a_thing(t))
}

/// A word that names a thing or a group rather than a family: a common word or its
/// plural ("Cup", "Writers"), a known place, organization or demonym ("Pacific", "Scots").
fn looks_like_a_thing(word: &str) -> bool {
    let lx = lexicon();
    let lower = word.to_lowercase();
    lx.is_common(&lower)
        || lower
            .strip_suffix('s')
            .is_some_and(|w| w.len() >= 3 && lx.is_common(w))
        || lx.places.contains_key(word)
        || lx.orgs.contains_key(word)
        || lx.demonyms.contains_key(word)
}

fn share_a_document(a: &Node, b: &Node) -> bool {
    a.documents.intersection(&b.documents).next().is_some()
}

/// Plans the joins [`resolve_across`] makes: node id → id of the node it joins.
pub fn plan_across(g: &Graph) -> BTreeMap<String, String> {
    let lx = lexicon();
    let mut plan: BTreeMap<String, String> = BTreeMap::new();
    // an unnamed speaker of one document ("a spokeswoman") is nobody elsewhere
    let nodes: Vec<&Node> = g
        .nodes()
        .filter(|n| n.kind.is_actor() && !ids::is_document_scoped(&n.id))
        .collect();

    // 1. a lexicon alias of a place or organization joins its canonical node
    for n in &nodes {
        let canonical = match n.kind {
            NodeKind::Place => lx.places.get(&n.name).map(|p| p.canonical.as_str()),
            NodeKind::Organization => lx.orgs.get(&n.name).map(|o| o.canonical.as_str()),
            _ => None,
        };
        if let Some(c) = canonical {
            let id = ids::node(n.kind, c);
            if id != n.id && g.node(&id).is_some_and(|t| t.kind == n.kind) {
                plan.insert(n.id.clone(), id);
            }
        }
    }

    // candidates by key, per kind: the full names ending in a surname, and the surface
    // forms (aliases) that in-article resolution gave every node ("Hale" for "Maria Hale",
    // "NUT" for "National Union of Teachers") — the stronger evidence
    let speakers: HashSet<&str> = g
        .petgraph()
        .edge_references()
        .filter(|e| e.weight().relation == Relation::Said)
        .map(|e| g.petgraph()[e.source()].id.as_str())
        .collect();
    let mut by_surname: HashMap<String, BTreeSet<&str>> = HashMap::new();
    let mut by_alias: HashMap<(NodeKind, String), BTreeSet<&str>> = HashMap::new();
    for n in &nodes {
        let toks = name_tokens(&n.name);
        if n.kind == NodeKind::Person {
            if !looks_like_full_name(&toks) {
                continue;
            }
            // a full name a surname may join: one that starts with a given name, or
            // that acts as a person does (holds a role, speaks)
            let person_like = lx.given_names.contains_key(toks[0])
                || !n.roles.is_empty()
                || speakers.contains(n.id.as_str());
            if person_like {
                let last = slug(toks[toks.len() - 1]);
                by_surname.entry(last).or_default().insert(&n.id);
            }
        }
        for a in &n.aliases {
            by_alias.entry((n.kind, slug(a))).or_default().insert(&n.id);
        }
    }

    for n in &nodes {
        if plan.contains_key(&n.id) {
            continue;
        }
        let key = slug(&n.name);
        let mut cands: BTreeSet<&str> = by_alias
            .get(&(n.kind, key.clone()))
            .cloned()
            .unwrap_or_default();
        match n.kind {
            // 2. a surname alone joins the one person whose full name ends with it (a
            // surname that is also a common word, "Brown", only on alias evidence)
            NodeKind::Person => {
                if name_tokens(&n.name).len() != 1 {
                    continue;
                }
                if !looks_like_a_thing(&n.name) {
                    cands.extend(by_surname.get(&key).into_iter().flatten());
                }
            }
            // a known place is joined only through the lexicon (rule 1): a capital that
            // stood for its country in one article ("Bangkok said") is still a city
            NodeKind::Place if lx.places.contains_key(&n.name) => continue,
            // 3. other names (acronyms, short forms) join the one node of the kind that
            // has them as an alias
            _ => {}
        }
        cands.remove(n.id.as_str());
        if cands.len() != 1 {
            continue;
        }
        let Some(target) = cands.first().and_then(|id| g.node(id)) else {
            continue;
        };
        if share_a_document(n, target) {
            continue;
        }
        // two nodes naming each other: only the first in id order moves
        if plan.get(&target.id) == Some(&n.id) {
            continue;
        }
        plan.insert(n.id.clone(), target.id.clone());
    }
    plan
}

/// Joins nodes that name the same actor across documents (see the module doc).
/// Returns how many nodes were joined into others.
pub fn resolve_across(g: &mut Graph) -> usize {
    let plan = plan_across(g);
    g.redirect_all(&plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Edge, Evidence};

    fn node(g: &mut Graph, kind: NodeKind, name: &str, docs: &[&str], aliases: &[&str]) -> String {
        let mut n = Node::new(ids::node(kind, name), kind, name);
        n.documents = docs.iter().map(|d| d.to_string()).collect();
        n.aliases = aliases.iter().map(|d| d.to_string()).collect();
        g.add_node(n)
    }

    #[test]
    fn a_surname_joins_the_unique_full_name() {
        let mut g = Graph::new();
        let full = node(&mut g, NodeKind::Person, "Maria Hale", &["a"], &["Hale"]);
        let sur = node(&mut g, NodeKind::Person, "Hale", &["b"], &[]);
        let other = node(&mut g, NodeKind::Person, "Tomas Berg", &["c"], &[]);
        let ev = Evidence {
            document: "b".into(),
            start: 0,
            end: 4,
            text: "Hale".into(),
        };
        g.add_edge(&sur, &other, Edge::new(Relation::Warned, 0.8, vec![ev]));
        assert_eq!(resolve_across(&mut g), 1);
        assert!(g.node(&sur).is_none());
        let n = g.node(&full).unwrap();
        assert_eq!(n.documents.len(), 2);
        assert!(n.aliases.contains("Hale"));
        let e = g.edges();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].source.id, full);
    }

    #[test]
    fn two_candidates_or_a_shared_document_keep_nodes_apart() {
        let mut g = Graph::new();
        node(&mut g, NodeKind::Person, "Petra Brown", &["a"], &[]);
        node(&mut g, NodeKind::Person, "Lukas Brown", &["b"], &[]);
        node(&mut g, NodeKind::Person, "Brown", &["c"], &[]);
        node(&mut g, NodeKind::Person, "Ana Ruiz", &["d"], &[]);
        node(&mut g, NodeKind::Person, "Ruiz", &["d"], &[]);
        assert_eq!(resolve_across(&mut g), 0);
    }

    #[test]
    fn acronyms_and_aliases_join_organizations_and_places() {
        let mut g = Graph::new();
        // the long name was written with its acronym in an article ("... (NUT)")
        let long = node(
            &mut g,
            NodeKind::Organization,
            "National Union of Teachers",
            &["a"],
            &["NUT"],
        );
        // initials alone are no evidence across documents
        let other = node(
            &mut g,
            NodeKind::Organization,
            "Northern Utility Trust",
            &["d"],
            &[],
        );
        let short = node(&mut g, NodeKind::Organization, "NUT", &["b"], &[]);
        let land = node(&mut g, NodeKind::Place, "Freedonia", &["a"], &["Fredland"]);
        let alias = node(&mut g, NodeKind::Place, "Fredland", &["c"], &[]);
        assert_eq!(resolve_across(&mut g), 2);
        assert!(g.node(&short).is_none() && g.node(&alias).is_none());
        assert!(g.node(&long).unwrap().documents.contains("b"));
        assert_eq!(g.node(&other).unwrap().documents.len(), 1);
        assert_eq!(g.node(&land).unwrap().documents.len(), 2);
    }
}
