//! Prints the actors of a text: mentions (kind, title), entities (aliases) and roles.
//!
//! ```sh
//! echo "Secretary of State Dana Whitcombe met Moscow officials." | cargo run --example actors
//! ```
//!
//! A look inside the mention, entity and role stages, for debugging them on one text.

use std::io::Read;

use newsgraph::{Config, Document, Pipeline};

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("actors: standard input is not UTF-8");
        std::process::exit(2);
    }
    let doc = Document::new("stdin", &text);
    let a = Pipeline::new(Config::default()).analyze(&doc);
    let ents = &a.entities;
    for (mi, m) in ents.mentions.iter().enumerate() {
        println!(
            "mention {:?} {:?} title={:?} -> entity {}",
            m.text,
            m.kind,
            m.title.as_ref().map(|t| &t.text),
            ents.mention_entity[mi]
        );
    }
    for (i, e) in ents.entities.iter().enumerate() {
        println!(
            "entity {i} {:?} {:?} aliases={:?}",
            e.kind, e.name, e.aliases
        );
    }
    for r in &a.roles {
        println!(
            "role {:?} title={:?} affiliation={:?}",
            ents.entities[r.person].name,
            r.title,
            r.affiliation.map(|x| &ents.entities[x].name)
        );
    }
}
