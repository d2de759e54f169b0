//! Stances from predicates: verbs (with voice, control and demands), adjectives, nominal
//! proposals (`the U.S. peace plan`) and conditional threats (`if X refuses, Y will …`).

use super::chunks::Sent;
use super::confidence;
use super::facts::{Actor, Extractor, Fact, KnownProposal, Obj, Side};
use crate::lexicon::lexicon as world;
use crate::lexicon::relations::{Entry, Pos, Sense};
use crate::lexicon::words::{WordClass, is};
use crate::stages::entities::Actors;
use crate::tagger::Upos;
use crate::vocab::{EntityKind, Stance, Status};

impl<'a> Extractor<'a> {
    pub(super) fn sentence_facts(&mut self, s: &Sent, ents: &mut Actors, out: &mut Vec<Fact>) {
        let lx = self.lx;
        for i in 0..s.n() {
            let w = s.lower[i].as_str();
            match s.tag[i] {
                Upos::Verb => {
                    for e in lx.verb(w) {
                        if let Some(after) = self.particles(s, i, e) {
                            self.verb_predicate(s, i, after, e, ents, out);
                            break;
                        }
                    }
                }
                Upos::Noun => {
                    for e in lx.exact(Pos::Noun, w) {
                        match e.sense {
                            Sense::Meeting => self.nominal_meeting(s, i, ents, out, false),
                            Sense::Gathering => self.nominal_meeting(s, i, ents, out, true),
                            Sense::Proposal if e.allows("-") => {
                                self.nominal_proposal(s, i, ents, out)
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            for e in lx.exact(Pos::Adj, w) {
                if let Some(after) = self.particles(s, i, e) {
                    self.adj_predicate(s, i, after, e, ents, out);
                    break;
                }
            }
            if w == "if" {
                self.conditional_threat(s, i, ents, out);
            }
            self.named_gathering(s, i, ents, out);
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn push_rels(
        &self,
        out: &mut Vec<Fact>,
        subjects: &[Side],
        objects: &[(Obj, bool)],
        relation: Stance,
        cue: &str,
        confidence: f32,
        status: Status,
    ) {
        for sd in subjects {
            for (o, weak) in objects {
                if let Obj::Actor(a) = o
                    && *a == sd.actor
                {
                    continue;
                }
                let mut c = confidence;
                if sd.weak {
                    c -= confidence::WEAK_SUBJECT;
                }
                if *weak {
                    c -= confidence::WEAK_OBJECT;
                }
                if matches!(sd.actor, Actor::Group(_)) {
                    c -= confidence::GROUP_SUBJECT;
                }
                if matches!(o, Obj::Proposal(_)) {
                    c -= confidence::PROPOSAL_OBJECT;
                }
                out.push(Fact::Rel {
                    subj: sd.clone(),
                    obj: o.clone(),
                    relation,
                    cue: cue.to_string(),
                    confidence: c.clamp(confidence::FLOOR, 1.0),
                    status,
                });
            }
        }
    }

    pub(super) fn verb_predicate(
        &mut self,
        s: &Sent,
        v: usize,
        after: usize,
        e: &Entry,
        ents: &mut Actors,
        out: &mut Vec<Fact>,
    ) {
        if self.hypothetical(s, v) {
            return;
        }
        let (first, _, _, be) = self.aux_chain(s, v);
        let (mut subj, negated, planned, _) = self.subjects(s, v, ents, 0);
        if negated {
            return;
        }
        // "would reject", "could back": a possibility, not a stance (meetings stay planned)
        if e.sense != Sense::Stance(Stance::MetWith) && self.conditional_modal(s, v) {
            return;
        }
        let status = if planned {
            Status::Planned
        } else {
            Status::Held
        };
        let cue = s.words[v..after].join(" ");
        let passive = be && !s.lw(v).ends_with("ing");
        // a reduced passive: "the plan, backed by France,"
        let reduced_passive = first == v && s.lw(v).ends_with("ed") && s.lw(after) == "by";
        match e.sense {
            Sense::Stance(relation) => {
                // "refused to X": the embedded predicate is negated (it checks its
                // controller); a non-relation X is what is opposed
                if s.lw(after) == "to" && e.allows("to") {
                    let vv = after + 1;
                    if s.tag.get(vv) == Some(&Upos::Verb)
                        && relation == Stance::Opposes
                        && !world().cues.contains_key(s.lw(vv))
                        && !matches!(s.lw(vv), "comment" | "discuss" | "speculate" | "answer")
                        && self
                            .lx
                            .verb(s.lw(vv))
                            .iter()
                            .all(|x| !matches!(x.sense, Sense::Stance(_) | Sense::Demand))
                    {
                        let end = self.vp_end(s, vv + 1);
                        let name = s.words[vv..end].join(" ");
                        let conf = if passive {
                            confidence::REFUSED_TO_PASSIVE
                        } else {
                            confidence::REFUSED_TO
                        };
                        self.push_rels(
                            out,
                            &subj,
                            &[(Obj::Proposal(name), false)],
                            relation,
                            &cue,
                            conf,
                            status,
                        );
                    }
                    return;
                }
                let mut conf = confidence::VERB;
                let objects;
                if passive || reduced_passive {
                    // the grammatical subject is the object; the agent follows "by"
                    let mut k = after;
                    while s.tag.get(k) == Some(&Upos::Adv) {
                        k += 1;
                    }
                    if s.lw(k) != "by" {
                        return;
                    }
                    let (agents, _) = self.np_list(s, k + 1, ents, true);
                    let patients: Vec<usize> = if reduced_passive {
                        let mut q = v;
                        if q > 0 && s.lw(q - 1) == "," {
                            q -= 1;
                        }
                        q.checked_sub(1).and_then(|r| s.np[r]).into_iter().collect()
                    } else {
                        self.subject_nps(s, first, false, false)
                    };
                    let mut objs = Vec::new();
                    for j in patients {
                        let np = &s.nps[j];
                        if let Some(o) = self.np_obj(s, np, ents) {
                            objs.push(o);
                        }
                    }
                    subj = agents
                        .iter()
                        .filter_map(|&j| self.np_actor(s, &s.nps[j], ents))
                        .collect();
                    objects = objs;
                    conf = confidence::PASSIVE;
                } else {
                    objects = self.objects(s, e, after, ents);
                }
                if relation == Stance::MetWith {
                    // "met his future wife X": a first encounter, not talks
                    let kin = (after..(after + 4).min(s.words.len())).any(|k| {
                        crate::lexicon::lexicon().title(s.lw(k))
                            == Some(crate::lexicon::TitleClass::Kin)
                    });
                    if kin && is(WordClass::Possessive, s.lw(after)) {
                        return;
                    }
                    self.verbal_meeting(s, v, after, &subj, &objects, status, ents, out);
                    return;
                }
                let objects: Vec<(Obj, bool)> = objects
                    .into_iter()
                    .filter(|(o, _)| relation != Stance::Criticized || matches!(o, Obj::Actor(_)))
                    .collect();
                self.push_rels(out, &subj, &objects, relation, &cue, conf, status);
            }
            Sense::Demand => {
                // the content: "insist on a pledge that C", "demanded that C"
                let mut k = after;
                if s.lw(k) == "on" {
                    k += 1;
                    if let Some(np) = s.np_starting(k) {
                        k = np.end;
                    }
                }
                if s.lw(k) != "that" {
                    return;
                }
                let Some((cs, cneg, cv)) = self.clause(s, k + 1) else {
                    return;
                };
                let name = self.gerund_name(s, cs, cv);
                if cneg {
                    self.push_rels(
                        out,
                        &subj,
                        &[(Obj::Proposal(name), false)],
                        Stance::Opposes,
                        &cue,
                        confidence::NEGATED_DEMAND,
                        status,
                    );
                } else {
                    // a demand names a position later phrases may refer to
                    let np = &s.nps[cs];
                    let a = (np.start..np.head())
                        .find(|&q| !is(WordClass::Determiner, s.lw(q)))
                        .unwrap_or(np.start);
                    let end = self.vp_end(s, cv + 1);
                    let name = format!(
                        "{} {}",
                        s.words[a..np.end].join(" "),
                        s.words[cv..end].join(" ")
                    );
                    self.proposals.push(KnownProposal {
                        name,
                        mods: Vec::new(),
                    });
                }
            }
            _ => {}
        }
    }

    pub(super) fn adj_predicate(
        &mut self,
        s: &Sent,
        a: usize,
        after: usize,
        e: &Entry,
        ents: &mut Actors,
        out: &mut Vec<Fact>,
    ) {
        let Sense::Stance(relation) = e.sense else {
            return;
        };
        if self.hypothetical(s, a) {
            return;
        }
        // an adjective predicate follows a copula, "while" or a comma
        let mut p = a;
        while p > 0 && s.tag[p - 1] == Upos::Adv {
            p -= 1;
        }
        let Some(prev) = p.checked_sub(1) else {
            return;
        };
        if !(s.is_be(prev) || matches!(s.lw(prev), "while" | "," | "although" | "though")) {
            return;
        }
        let (first, neg, modal, _) = self.aux_chain(s, p);
        let _ = first;
        if neg {
            return;
        }
        let nps = self.subject_nps(s, p, false, true);
        let subj: Vec<Side> = nps
            .iter()
            .filter_map(|&j| self.np_actor(s, &s.nps[j], ents))
            .collect();
        let status = if modal { Status::Planned } else { Status::Held };
        let cue = s.words[a..after].join(" ");
        let w = s.lw(after).to_string();
        if w == "to" && s.tag.get(after + 1) == Some(&Upos::Verb) {
            if !e.allows("to") {
                return;
            }
            let vv = after + 1;
            if self
                .lx
                .verb(s.lw(vv))
                .iter()
                .any(|x| matches!(x.sense, Sense::Stance(_) | Sense::Demand))
            {
                return; // "unwilling to meet": the embedded verb is negated
            }
            let end = self.vp_end(s, vv + 1);
            let name = s.words[vv..end].join(" ");
            self.push_rels(
                out,
                &subj,
                &[(Obj::Proposal(name), false)],
                relation,
                &cue,
                confidence::ADJECTIVE_TO,
                status,
            );
            return;
        }
        let objects = self.objects(s, e, after, ents);
        self.push_rels(
            out,
            &subj,
            &objects,
            relation,
            &cue,
            confidence::ADJECTIVE,
            status,
        );
    }

    /// `the U.S. peace plan`, `Russia's proposal`, `his bid`: the possessor or national
    /// modifier proposed it.
    pub(super) fn nominal_proposal(
        &mut self,
        s: &Sent,
        i: usize,
        ents: &mut Actors,
        out: &mut Vec<Fact>,
    ) {
        let Some(np) = s.np_at(i) else { return };
        if np.head() != i {
            return;
        }
        let mut who: Option<Side> = None;
        for k in np.start..i {
            if let Some(e) = ents.entity_at(s.lo + k) {
                let en = &ents.entities[e];
                if en.kind != EntityKind::Place || self.is_country_entity(ents, e) {
                    who = Some(Side {
                        actor: Actor::Ent(e),
                        weak: false,
                    });
                }
            } else if k == np.start
                && is(WordClass::Possessive, s.lw(k))
                && s.lw(k) != "its"
                && let Some(e) = ents.resolve_pronoun(self.tok.seg, self.tok.text, s.lo + k)
            {
                who = Some(Side {
                    actor: Actor::Ent(e),
                    weak: true,
                });
            } else if let Some((c, false)) = world().demonyms.get(s.words[k]) {
                who = Some(Side {
                    actor: Actor::Country(c.clone()),
                    weak: false,
                });
            }
        }
        let Some(who) = who else { return };
        let Some(name) = self.proposal_name(s, np) else {
            return;
        };
        self.push_rels(
            out,
            &[who],
            &[(Obj::Proposal(name), false)],
            Stance::Proposed,
            s.words[i],
            confidence::NOMINAL_PROPOSAL,
            Status::Held,
        );
    }

    /// `X stated that if Y refuses …, Z will …` → X warned Y; without a speaker, Z warned Y.
    pub(super) fn conditional_threat(
        &mut self,
        s: &Sent,
        i: usize,
        ents: &mut Actors,
        out: &mut Vec<Fact>,
    ) {
        let Some(cnp) = s.np_starting(i + 1) else {
            return;
        };
        let Some(target) = self.np_actor(s, cnp, ents) else {
            return;
        };
        let Some(comma) = (i..s.n().min(i + 25)).find(|&q| s.lw(q) == ",") else {
            return;
        };
        // the consequence: a subject, then will/would
        let Some(bnp) = s.np_starting(comma + 1) else {
            return;
        };
        let mut k = bnp.end;
        let mut modal = false;
        while k < s.n() && matches!(s.tag[k], Upos::Aux | Upos::Adv) {
            modal |= matches!(s.lw(k), "will" | "would" | "'ll");
            k += 1;
        }
        // a consequence that acts: not "would be", "will have"
        if !modal || matches!(s.lw(k), "be" | "have" | "become") {
            return;
        }
        let cues = &world().cues;
        let speaker_verb = (0..i).rev().find(|&q| {
            matches!(s.tag[q], Upos::Verb) && cues.contains_key(s.lw(q))
                || self
                    .lx
                    .verb(s.lw(q))
                    .iter()
                    .any(|e| e.sense == Sense::Stance(Stance::Warned))
        });
        let warner: Vec<Side> = match speaker_verb {
            Some(q) => self.subjects(s, q, ents, 0).0,
            None => self.np_actor(s, bnp, ents).into_iter().collect(),
        };
        let cue = s.words[i].to_string();
        self.push_rels(
            out,
            &warner,
            &[(Obj::Actor(target.actor), target.weak)],
            Stance::Warned,
            &cue,
            confidence::CONDITIONAL_THREAT,
            Status::Held,
        );
    }
}
