//! Graph building: turns the stages' findings about one document into graph nodes and
//! evidenced edges.
//!
//! Entry point: [`graph`], and [`Pipeline::extract`] (the pipeline, then this). Here the
//! analysis vocabulary ([`crate::vocab`]) becomes the serialized model
//! ([`super::model`]) and node ids are minted ([`super::ids`]): actor ids from their kind
//! and name key, so the same actor in two documents gets the same id and [`Graph::merge`]
//! joins them; statement and meeting ids from the document id and a text-order counter.
//!
//! The pipeline knows nothing of the graph: this module depends on it, not the other way.

use std::collections::{BTreeSet, HashMap};

use super::ids;
use super::{DocumentInfo, Edge, Evidence, Graph, Node, NodeKind, Relation, Role, Status};
use crate::pipeline::{Analysis, Pipeline};
use crate::stages::relations::Target;
use crate::stages::segment::{ParagraphKind, Span};
use crate::text::Document;
use crate::vocab::{self, EntityKind};

impl Pipeline {
    /// Extracts the graph of one document: [`Pipeline::analyze`], then [`graph`]; stance
    /// edges below [`crate::Config::min_confidence`] are dropped.
    pub fn extract(&self, doc: &Document) -> Graph {
        let a = self.analyze(doc);
        let mut g = graph(doc, &a);
        if self.config.min_confidence > 0.0 {
            g.retain_confident(self.config.min_confidence);
        }
        g
    }
}

fn evidence(doc: &Document, s: Span) -> Evidence {
    Evidence {
        document: doc.id.clone(),
        start: s.start,
        end: s.end,
        text: doc.text[s.range()].to_string(),
    }
}

/// The document's title: its title paragraph, if it has one.
pub fn title(doc: &Document, a: &Analysis) -> Option<String> {
    a.seg
        .paragraphs
        .iter()
        .find(|p| p.kind == ParagraphKind::Title)
        .map(|p| doc.text[p.span.range()].trim().to_string())
}

/// Builds the graph of one analysed document.
pub fn graph(doc: &Document, a: &Analysis) -> Graph {
    let mut g = Graph::new();
    g.documents.push(DocumentInfo {
        id: doc.id.clone(),
        title: doc.title.clone().or_else(|| title(doc, a)),
        source: doc.source.clone(),
        published: doc.published.map(|d| d.to_string()),
    });
    let ents = &a.entities;
    let doc_key = ids::document_key(&doc.id);

    // which entities are used: every named entity, plus groups and countries that
    // stages created when something refers to them
    let mut used: BTreeSet<usize> = ents
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.mentions.is_empty() && e.kind != EntityKind::Group)
        .map(|(i, _)| i)
        .collect();
    for r in &a.roles {
        used.insert(r.person);
        used.extend(r.affiliation);
    }
    for s in &a.statements {
        used.extend(s.speakers.iter().copied());
    }
    for r in &a.relations.relations {
        used.insert(r.source);
        if let Target::Entity(t) = r.target {
            used.insert(t);
        }
    }
    for m in &a.relations.meetings {
        used.extend(m.participants.iter().copied());
        used.extend(m.place);
    }

    // the node id of every used entity (every entity a fact names is used), minted once
    let mut entity_ids = vec![String::new(); ents.entities.len()];
    for &i in &used {
        entity_ids[i] = ids::entity(&ents.entities[i]);
    }
    let id_of = |e: usize| entity_ids[e].clone();

    // roles by person, in the order they were found
    let mut roles_of: HashMap<usize, Vec<&crate::stages::roles::RoleFact>> = HashMap::new();
    for r in &a.roles {
        roles_of.entry(r.person).or_default().push(r);
    }
    for &i in &used {
        let e = &ents.entities[i];
        let mut n = Node::new(id_of(i), e.kind.into(), e.name.clone());
        n.aliases = e.aliases.clone();
        n.documents.insert(doc.id.clone());
        if let Some(&m) = e.mentions.first() {
            n.evidence.push(evidence(doc, ents.mentions[m].span));
        }
        for r in roles_of.get(&i).into_iter().flatten() {
            if let Some(t) = &r.title {
                let role = Role {
                    title: t.clone(),
                    affiliation: r.affiliation.map(id_of),
                };
                if !n.roles.contains(&role) {
                    n.roles.push(role);
                }
            }
        }
        g.add_node(n);
    }
    for r in &a.roles {
        let Some(aff) = r.affiliation else { continue };
        let mut edge = Edge::new(
            if r.title.is_some() {
                Relation::HoldsRole
            } else {
                Relation::AffiliatedWith
            },
            r.confidence,
            vec![evidence(doc, r.evidence)],
        );
        edge.title = r.title.clone();
        g.add_edge(&id_of(r.person), &id_of(aff), edge);
    }

    for (k, s) in a.statements.iter().enumerate() {
        let id = ids::statement(&doc_key, k + 1);
        let quote_text = s.text_in(&doc.text);
        let mut n = Node::new(id.clone(), NodeKind::Statement, short(&quote_text));
        n.text = Some(quote_text);
        n.quote = Some(s.kind.into());
        n.cue = Some(s.cue.clone());
        n.documents.insert(doc.id.clone());
        n.evidence.push(evidence(doc, s.text));
        g.add_node(n);
        for &sp in &s.speakers {
            let mut edge = Edge::new(
                Relation::Said,
                s.confidence,
                vec![evidence(doc, s.evidence)],
            );
            edge.cue = Some(s.cue.clone());
            g.add_edge(&id_of(sp), &id, edge);
        }
    }

    for r in &a.relations.relations {
        let target = match &r.target {
            Target::Entity(t) => id_of(*t),
            Target::Proposal(name) => {
                let id = ids::proposal(name);
                let mut n = Node::new(id.clone(), NodeKind::Proposal, name.clone());
                n.documents.insert(doc.id.clone());
                n.evidence.push(evidence(doc, r.evidence));
                g.add_node(n);
                id
            }
        };
        let relation = Relation::from(r.relation);
        let mut edge = Edge::new(relation, r.confidence, vec![evidence(doc, r.evidence)]);
        edge.cue = Some(r.cue.clone());
        edge.status = (r.status == vocab::Status::Planned).then_some(Status::Planned);
        g.add_edge(&id_of(r.source), &target, edge);
    }

    for (k, m) in a.relations.meetings.iter().enumerate() {
        let id = ids::meeting(&doc_key, k + 1);
        let names: Vec<&str> = m
            .participants
            .iter()
            .map(|&p| ents.entities[p].name.as_str())
            .collect();
        let mut name = format!("meeting of {}", names.join(", "));
        if let Some(p) = m.place {
            name.push_str(&format!(" in {}", ents.entities[p].name));
        }
        let mut n = Node::new(id.clone(), NodeKind::Meeting, name);
        n.place = m.place.map(id_of);
        n.when = m.when.clone();
        n.date = m.date.clone();
        n.status = Some(m.status.into());
        n.documents.insert(doc.id.clone());
        n.evidence.push(evidence(doc, m.evidence));
        g.add_node(n);
        for &p in &m.participants {
            let edge = Edge::new(
                Relation::Attended,
                m.confidence,
                vec![evidence(doc, m.evidence)],
            );
            g.add_edge(&id_of(p), &id, edge);
        }
        if let Some(p) = m.place {
            let edge = Edge::new(
                Relation::HeldIn,
                m.confidence,
                vec![evidence(doc, m.evidence)],
            );
            g.add_edge(&id, &id_of(p), edge);
        }
    }
    g
}

/// A short display name for a statement: its first words.
fn short(text: &str) -> String {
    let mut out = String::new();
    for (i, w) in text.split_whitespace().enumerate() {
        if i == 12 {
            out.push('…');
            break;
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
