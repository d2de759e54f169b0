//! Who holds a role word (`the minister said`): an index built once per document.
//!
//! A speaker phrase headed by a role noun names the person most recently mentioned before
//! the cue who holds a title with that word: a title the roles stage found (at any point
//! of the article), or a title the person was mentioned under before the cue. Walking
//! every role and every mention for each such phrase made a long article of them
//! quadratic; the index is built on first use in one pass over the roles and mentions
//! (role word → its holders, and the mentions of its holders in text order): a question
//! without an affiliation is then a binary search in its word's mentions; one with an
//! affiliation looks only at the holders of its word at that affiliation.

use std::cmp::Reverse;
use std::collections::HashMap;

use super::context::Cx;
use crate::stages::entities::Entities;
use crate::stages::roles::RoleFact;

/// One way a person holds a role word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Holder {
    person: usize,
    /// The affiliations that count: a role's affiliation, or the entities right before
    /// a title the person was mentioned under.
    affils: [Option<usize>; 2],
    /// None for a role fact (held throughout); else the first token of the earliest
    /// mention under such a title (held from there on).
    from: Option<usize>,
}

/// Role word (lowercase, a word of a title split at spaces and hyphens) → its holders,
/// and → the mentions of its holders from when they hold it, in text order (the person
/// smaller first among mentions at one token, for the tie the question breaks that way).
#[derive(Debug, Default)]
pub(super) struct Holders {
    /// (word, affiliation) → the holders that count there.
    at: HashMap<(String, usize), Vec<Holder>>,
    timeline: HashMap<String, Vec<(usize, Reverse<usize>)>>,
}

fn words(title: &str) -> Vec<String> {
    let mut w: Vec<String> = title
        .to_lowercase()
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    w.sort_unstable();
    w.dedup();
    w
}

impl Holders {
    pub(super) fn build(ents: &Entities, roles: &[RoleFact]) -> Holders {
        let mut map: HashMap<String, Vec<Holder>> = HashMap::new();
        for r in roles {
            for w in r.title.as_deref().map(words).unwrap_or_default() {
                map.entry(w).or_default().push(Holder {
                    person: r.person,
                    affils: [r.affiliation, None],
                    from: None,
                });
            }
        }
        for (mi, m) in ents.mentions.iter().enumerate() {
            let Some(t) = &m.title else { continue };
            let s = t.tokens.start;
            let affils = [
                s.checked_sub(1).and_then(|k| ents.entity_at(k)),
                s.checked_sub(2).and_then(|k| ents.entity_at(k)),
            ];
            for w in words(&t.text) {
                map.entry(w).or_default().push(Holder {
                    person: ents.mention_entity[mi],
                    affils,
                    from: Some(m.tokens.start),
                });
            }
        }
        let mut timeline = HashMap::new();
        for (w, hs) in map.iter_mut() {
            // one holder per (person, affiliations): a role fact, else the earliest mention
            hs.sort_unstable_by_key(|h| (h.person, h.affils, h.from.is_some(), h.from));
            hs.dedup_by_key(|h| (h.person, h.affils));
            // whatever the affiliation, a person holds the word from their first holding
            let mut since: Vec<(usize, usize)> =
                hs.iter().map(|h| (h.person, h.from.unwrap_or(0))).collect();
            since.sort_unstable();
            since.dedup_by_key(|&mut (p, _)| p);
            let mut line: Vec<(usize, Reverse<usize>)> = since
                .iter()
                .flat_map(|&(p, from)| {
                    ents.entities[p]
                        .mentions
                        .iter()
                        .map(|&m| ents.mentions[m].tokens.start)
                        .filter(move |&t| t >= from)
                        .map(move |t| (t, Reverse(p)))
                })
                .collect();
            line.sort_unstable();
            timeline.insert(w.clone(), line);
        }
        let mut at: HashMap<(String, usize), Vec<Holder>> = HashMap::new();
        for (w, hs) in map {
            for h in hs {
                // a role fact counts at its affiliation; a titled mention at either entity
                // before its title
                let affils = match h.from {
                    None => &h.affils[..1],
                    Some(_) => &h.affils[..],
                };
                for (i, a) in affils.iter().enumerate() {
                    if let Some(a) = *a
                        && !affils[..i].contains(&Some(a))
                    {
                        at.entry((w.clone(), a)).or_default().push(h);
                    }
                }
            }
        }
        Holders { at, timeline }
    }
}

impl<'a> Cx<'a> {
    /// A person whose title contains the role word, preferring the affiliation given
    /// and the most recent mention before `before`.
    pub(super) fn person_with_role(
        &self,
        ents: &Entities,
        role: &str,
        affil: Option<usize>,
        before: usize,
    ) -> Option<usize> {
        let holders = self
            .holders
            .get_or_init(|| Holders::build(ents, self.roles));
        let Some(a) = affil else {
            // any holder: the last mention of one before the cue, by binary search
            let line = holders.timeline.get(role)?;
            let n = line.partition_point(|&(t, _)| t < before);
            return n.checked_sub(1).map(|i| line[i].1.0);
        };
        // at an affiliation: the holders of the word there
        let mut best: Option<(usize, usize)> = None;
        for h in holders.at.get(&(role.to_string(), a))? {
            if h.from.is_some_and(|f| f >= before) {
                continue;
            }
            // the holder's last mention before the cue (mentions are in text order)
            let ms = &ents.entities[h.person].mentions;
            let n = ms.partition_point(|&m| ents.mentions[m].tokens.start < before);
            let Some(&last) = n.checked_sub(1).and_then(|i| ms.get(i)) else {
                continue;
            };
            let l = ents.mentions[last].tokens.start;
            // the smaller entity first on a tie, as candidates were once visited
            if best.is_none_or(|(b, p)| l > b || (l == b && h.person < p)) {
                best = Some((l, h.person));
            }
        }
        best.map(|(_, p)| p)
    }
}
