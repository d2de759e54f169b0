//! What a cue reports besides a that-clause: an object and what it is accused of or urged
//! to do (`accused X of …`, `urged X to …`, `called on X to …`, `described X as …`), an
//! infinitive (`pledged to …`), a that-clause after a longer adverbial (`said in a webcast
//! from the capital that …`), and a bare clause whose subject is a long noun phrase
//! (`said the bridge, by the site, will be shut`).

use std::ops::Range;

use super::context::Cx;
use crate::stages::entities::Entities;
use crate::stages::segment::TokenKind;
use crate::tagger::Upos;

/// Cues whose report names an object first: `accused X of …`, `urged X to …`.
const OBJECT_LINKED: &[(&str, &[&str])] = &[
    ("accuse", &["of"]),
    ("urge", &["to"]),
    ("ask", &["to"]),
    ("call", &["to"]),
    ("challenge", &["to"]),
    ("advise", &["to"]),
    ("warn", &["to", "against", "not"]),
    ("blame", &["for"]),
    ("criticise", &["for", "over", "as"]),
    ("criticize", &["for", "over", "as"]),
    ("chastise", &["for"]),
    ("scold", &["for"]),
    ("blast", &["for", "as", "over"]),
    ("attack", &["for", "as", "over"]),
    ("condemn", &["as", "for"]),
    ("denounce", &["as", "for"]),
    ("describe", &["as"]),
    ("brand", &["as"]),
    ("dub", &["as"]),
    ("label", &["as"]),
    ("pan", &["as"]),
    ("dismiss", &["as"]),
    ("reject", &["as"]),
    ("praise", &["as", "for"]),
    ("hail", &["as"]),
    ("request", &["to"]),
    ("press", &["to"]),
    ("implore", &["to"]),
    ("encourage", &["to"]),
];

/// Cues that report an intention as an infinitive: `pledged to …`.
const INFINITIVE: &[&str] = &["promise", "pledge", "vow", "threaten"];

/// Cues whose bare complement (no `that`) is read as a clause when it holds a finite verb.
const BARE_CLAUSE: &[&str] = &[
    "say",
    "tell",
    "add",
    "claim",
    "insist",
    "argue",
    "believe",
    "admit",
    "acknowledge",
    "agree",
    "note",
    "confirm",
    "announce",
    "reveal",
    "suggest",
    "warn",
    "write",
    "report",
    "think",
    "fear",
    "concede",
    "predict",
    "state",
    "explain",
    "assert",
    "stress",
    "emphasise",
    "emphasize",
    "contend",
    "allege",
    "deny",
    "maintain",
    "complain",
    "reiterate",
    "indicate",
    "hint",
    "declare",
    "recall",
];

pub(super) fn bare_clause_cue(lemma: &str) -> bool {
    BARE_CLAUSE.contains(&lemma)
}

impl<'a> Cx<'a> {
    /// `accused X of …` / `urged X to …` / `called on X to …` / `described X as …` /
    /// `pledged to …`: the reported extent (from the object or `to`), when the cue
    /// `lemma` at `cue` takes one of these shapes.
    pub(super) fn linked_complement(
        &self,
        ents: &Entities,
        cue: usize,
        lemma: &str,
        end: usize,
    ) -> Option<Range<usize>> {
        let mut o = self.skip_adverbials(cue + 1, end);
        if o >= end {
            return None;
        }
        if INFINITIVE.contains(&lemma) {
            if self.tok.lower(o) == "to" && o + 1 < end && self.tok.tag(o + 1) == Upos::Verb {
                let e = self.clause_end(o, end);
                return (self.word_count(o, e) >= 3).then_some(o..e);
            }
            return None;
        }
        let links = OBJECT_LINKED.iter().find(|(l, _)| *l == lemma)?.1;
        if lemma == "call" {
            // only `called on/upon X to …`
            if !matches!(self.tok.lower(o).as_str(), "on" | "upon") {
                return None;
            }
            o += 1;
        }
        if o >= end || self.quoted(o) {
            return None;
        }
        let (s, e) = self.object_np(ents, o, end)?;
        if e >= end {
            return None;
        }
        let link = self.tok.lower(e);
        if !links.contains(&link.as_str()) {
            return None;
        }
        if link == "to" && !(e + 1 < end && matches!(self.tok.tag(e + 1), Upos::Verb | Upos::Aux)) {
            return None;
        }
        let ce = self.clause_end(e + 1, end);
        (ce > e + 1 && self.word_count(s, ce) >= 3).then_some(s..ce)
    }

    /// The object noun phrase of a cue: a name, pronoun or noun phrase with possessives,
    /// up to ten tokens, not crossing a comma, a verb or a quotation.
    fn object_np(&self, ents: &Entities, a: usize, end: usize) -> Option<(usize, usize)> {
        let mut e = a;
        while e < end && e < a + 10 {
            if self.quoted(e) || self.is_mark(e) || self.tok.word(e) == "," {
                break;
            }
            let ok = ents.mention_at(e).is_some()
                || matches!(
                    self.tok.tag(e),
                    Upos::Propn | Upos::Noun | Upos::Adj | Upos::Num | Upos::Det | Upos::Pron
                )
                || matches!(self.tok.word(e), "'s" | "’s" | "-")
                || (e > a && self.tok.lower(e) == "and");
            if !ok {
                break;
            }
            e += 1;
        }
        (e > a).then_some((a, e))
    }

    /// `said in a webcast from a protest in the capital that …`: the `that` after a cue
    /// past adverbials of any length (prepositional phrases, no verb), up to 14 tokens.
    pub(super) fn distant_that(&self, from: usize, end: usize) -> Option<usize> {
        let mut k = from;
        while k < end && k < from + 14 {
            let lw = self.tok.lower(k);
            if lw == "that" {
                return (k > from).then_some(k);
            }
            if self.quoted(k) || self.is_terminal(k) {
                return None;
            }
            let ok = matches!(
                self.tok.tag(k),
                Upos::Adp
                    | Upos::Det
                    | Upos::Adj
                    | Upos::Noun
                    | Upos::Propn
                    | Upos::Num
                    | Upos::Adv
            ) || self.tok.word(k) == ","
                || matches!(self.tok.word(k), "'s" | "’s");
            if !ok {
                return None;
            }
            k += 1;
        }
        None
    }

    /// A bare reported clause whose subject may be long: it opens like a noun phrase
    /// (or a pronoun, or a quotation) and holds a finite verb outside quotes before its
    /// end.
    pub(super) fn loose_clause(&self, c: usize, cend: usize) -> bool {
        if c >= cend || self.word_count(c, cend) < 3 {
            return false;
        }
        let first = self.tok.tag(c);
        // a gerund subject: `said being "better prepared" would help`
        let gerund = matches!(first, Upos::Verb | Upos::Aux)
            && matches!(self.tok.lower(c).as_str(), "being" | "having");
        let opens = self.is_mark(c)
            || gerund
            || matches!(
                first,
                Upos::Det | Upos::Propn | Upos::Noun | Upos::Pron | Upos::Adj | Upos::Num
            );
        if !opens
            || matches!(
                self.tok.lower(c).as_str(),
                "what" | "how" | "why" | "nothing" | "something" | "so"
            )
        {
            return false;
        }
        // `told the committee of …`: a verb with its object, not a clause
        let mut prev_to = false;
        for k in c + 1..cend.min(c + 25) {
            let lw = self.tok.lower(k);
            if self.quoted(k) || self.tok.kind(k) != TokenKind::Word {
                prev_to = false;
                continue;
            }
            let finite = match self.tok.tag(k) {
                Upos::Aux => true,
                Upos::Verb => !(lw.ends_with("ing") || prev_to),
                _ => false,
            };
            if finite {
                return !matches!(self.tok.lower(k - 1).as_str(), "who" | "which" | "that");
            }
            prev_to = lw == "to";
        }
        false
    }
}
