//! Neo4j bulk-import CSV: the `nodes.csv` / `relationships.csv` pair that
//! `neo4j-admin database import full` reads, with its typed header format.
//!
//! ```text
//! neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv \
//!     --array-delimiter=U+001F --multiline-fields=true neo4j
//! ```
//!
//! - `nodes.csv`: `id:ID,:LABEL,name,aliases:string[],documents:string[],`
//!   `role_titles:string[],role_affiliations:string[],text,quote,cue,place,when,date,status`;
//!   the label is the kind, the roles are parallel lists (an affiliation is a node id,
//!   or empty when none).
//! - `relationships.csv`: `:START_ID,:END_ID,:TYPE,confidence:float,title,cue,status,`
//!   `evidence:string[],evidence_documents:string[],evidence_starts:long[],evidence_ends:long[]`;
//!   the type is the relation in UPPER_SNAKE case, as in the Cypher export.
//!
//! Fields are quoted by the `csv` crate when needed (quotes doubled, line breaks kept,
//! hence `--multiline-fields=true`). Array elements are joined with U+001F (the
//! ASCII unit separator, [`ARRAY_DELIMITER`]) rather than Neo4j's default `;`, which
//! evidence sentences contain; a U+001F inside an element becomes U+FFFD.

use super::confidence_str;
use super::cypher::relationship_type;
use crate::graph::Graph;

/// The array delimiter of the files (pass `--array-delimiter=U+001F`).
pub const ARRAY_DELIMITER: char = '\u{1F}';

pub const NODE_HEADER: &[&str] = &[
    "id:ID",
    ":LABEL",
    "name",
    "aliases:string[]",
    "documents:string[]",
    "role_titles:string[]",
    "role_affiliations:string[]",
    "text",
    "quote",
    "cue",
    "place",
    "when",
    "date",
    "status",
];

pub const RELATIONSHIP_HEADER: &[&str] = &[
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "confidence:float",
    "title",
    "cue",
    "status",
    "evidence:string[]",
    "evidence_documents:string[]",
    "evidence_starts:long[]",
    "evidence_ends:long[]",
];

/// Writes the graph as `(nodes.csv, relationships.csv)`.
pub fn neo4j_csv(graph: &Graph) -> (Vec<u8>, Vec<u8>) {
    let mut nodes = csv::Writer::from_writer(Vec::new());
    row(
        &mut nodes,
        NODE_HEADER.iter().map(|s| s.to_string()).collect(),
    );
    for n in graph.nodes() {
        let mut roles: Vec<_> = n.roles.iter().collect();
        roles.sort();
        roles.dedup();
        let opt = |v: Option<&str>| v.unwrap_or_default().to_string();
        row(
            &mut nodes,
            vec![
                n.id.clone(),
                n.kind.as_str().to_string(),
                n.name.clone(),
                array(n.aliases.iter().map(String::as_str)),
                array(n.documents.iter().map(String::as_str)),
                array(roles.iter().map(|r| r.title.as_str())),
                array(roles.iter().map(|r| r.affiliation.as_deref().unwrap_or(""))),
                opt(n.text.as_deref()),
                opt(n.quote.map(|q| q.as_str())),
                opt(n.cue.as_deref()),
                opt(n.place.as_deref()),
                opt(n.when.as_deref()),
                opt(n.date.as_deref()),
                opt(n.status.map(|s| s.as_str())),
            ],
        );
    }
    let mut rels = csv::Writer::from_writer(Vec::new());
    row(
        &mut rels,
        RELATIONSHIP_HEADER.iter().map(|s| s.to_string()).collect(),
    );
    for e in graph.edges() {
        let ed = e.edge;
        let starts: Vec<String> = ed.evidence.iter().map(|x| x.start.to_string()).collect();
        let ends: Vec<String> = ed.evidence.iter().map(|x| x.end.to_string()).collect();
        row(
            &mut rels,
            vec![
                e.source.id.clone(),
                e.target.id.clone(),
                relationship_type(ed.relation),
                confidence_str(ed.confidence),
                ed.title.clone().unwrap_or_default(),
                ed.cue.clone().unwrap_or_default(),
                ed.status
                    .map(|s| s.as_str())
                    .unwrap_or_default()
                    .to_string(),
                array(ed.evidence.iter().map(|x| x.text.as_str())),
                array(ed.evidence.iter().map(|x| x.document.as_str())),
                array(starts.iter().map(String::as_str)),
                array(ends.iter().map(String::as_str)),
            ],
        );
    }
    (finish(nodes), finish(rels))
}

fn array<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items
        .map(|s| s.replace(ARRAY_DELIMITER, "\u{FFFD}"))
        .collect();
    items.join(&ARRAY_DELIMITER.to_string())
}

// writing to memory cannot fail
fn row(w: &mut csv::Writer<Vec<u8>>, fields: Vec<String>) {
    let _ = w.write_record(&fields);
}

fn finish(w: csv::Writer<Vec<u8>>) -> Vec<u8> {
    w.into_inner().unwrap_or_default()
}
