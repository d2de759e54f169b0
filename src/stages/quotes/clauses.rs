//! Where a reported clause starts and ends: adverbials and objects after a cue, the test
//! for a clause (a subject, then a finite verb), and the clause's end before a new report.

use super::context::{Cx, FRAME, is_dash};
use crate::lexicon::words::{WordClass, is};
use crate::stages::segment::TokenKind;
use crate::tagger::Upos;

impl<'a> Cx<'a> {
    /// The first token after a cue's adverbials (`said on Monday in a statement`).
    pub(super) fn skip_adverbials(&self, mut c: usize, end: usize) -> usize {
        let start = c;
        while c < end && c < start + FRAME {
            let lw = self.tok.lower(c);
            if is(WordClass::AfterCue, lw.as_str()) || self.tok.kind(c) == TokenKind::Number {
                c += 1;
                continue;
            }
            if self.tok.word(c) == "," && c + 1 < end && self.tok.lower(c + 1) == "however" {
                c += 2;
                continue;
            }
            if self.tok.word(c) == "," && c > start && self.tok.lower(c - 1) == "however" {
                c += 1;
                continue;
            }
            if self.tok.tag(c) == Upos::Adp && !matches!(lw.as_str(), "that" | "as" | "of") {
                // a prepositional phrase that ends in a time or venue word
                let mut e = c + 1;
                while e < end
                    && e < c + 8
                    && matches!(
                        self.tok.tag(e),
                        Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num | Upos::Pron
                    )
                    && self.tok.lower(e) != "that"
                {
                    e += 1;
                }
                if e > c + 1 {
                    let head = self.tok.lower(e - 1);
                    if (is(WordClass::TimeVenue, head.as_str())
                        || crate::text::date::is_weekday(&head))
                        || matches!(self.tok.tag(e - 1), Upos::Propn | Upos::Num)
                    {
                        c = e;
                        continue;
                    }
                }
                break;
            }
            break;
        }
        c
    }

    /// After a cue: an object noun phrase of up to five words (`told reporters`,
    /// `told the BBC`) and adverbials.
    pub(super) fn skip_object_and_adverbials(&self, cue: usize, end: usize) -> usize {
        let mut c = self.skip_adverbials(cue + 1, end);
        let o = c;
        while c < end
            && c < o + 5
            && (matches!(
                self.tok.tag(c),
                Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Pron
            ) || matches!(self.tok.word(c), "'s" | "’s"))
            && !matches!(
                self.tok.lower(c).as_str(),
                "that" | "he" | "she" | "it" | "they" | "we" | "i"
            )
        {
            c += 1;
        }
        self.skip_adverbials(c, end)
    }

    /// A clause starts here: a subject (pronoun or noun phrase) and then a finite verb.
    pub(super) fn looks_like_clause(&self, c: usize, end: usize) -> bool {
        if c >= end {
            return false;
        }
        let lim = (c + 12).min(end);
        let finite = |k: usize| -> bool {
            match self.tok.tag(k) {
                Upos::Aux => true,
                Upos::Verb => {
                    let w = self.tok.lower(k);
                    !(w.ends_with("ing") || (k > 0 && self.tok.lower(k - 1) == "to"))
                }
                _ => false,
            }
        };
        let mut k = c;
        if self.is_mark(k) {
            k += 1;
        }
        while k < lim && self.tok.tag(k) == Upos::Adv {
            k += 1;
        }
        if k >= lim {
            return false;
        }
        if is(WordClass::SubjectPronoun, self.tok.lower(k).as_str()) {
            return (k + 1..(k + 4).min(end)).any(finite);
        }
        // a noun phrase (with a gerund or prepositions inside) then a finite verb
        let first = self.tok.tag(k);
        if !matches!(
            first,
            Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num | Upos::Pron | Upos::Verb
        ) {
            return false;
        }
        if first == Upos::Verb && !self.tok.lower(k).ends_with("ing") {
            return false;
        }
        let mut j = k + 1;
        while j < lim {
            if finite(j) {
                return !matches!(self.tok.lower(j - 1).as_str(), "who" | "which" | "that");
            }
            if self.tok.word(j) == "," || self.is_terminal(j) {
                return false;
            }
            j += 1;
        }
        false
    }

    /// Where a reported clause starting at `c` ends: the sentence end, or before a
    /// coordinated new report, `, according to`, a participle cue, or a trailing
    /// attribution.
    pub(super) fn clause_end(&self, c: usize, end: usize) -> usize {
        let mut i = c;
        while i < end {
            if self.quoted(i) {
                i += 1;
                continue;
            }
            let w = self.tok.lower(i);
            if w == ";" {
                return i;
            }
            if w == ","
                && i + 2 < end
                && self.tok.lower(i + 1) == "according"
                && self.tok.lower(i + 2) == "to"
            {
                return i;
            }
            if w == "," && i + 1 < end && self.is_participle_cue(i + 1) {
                return i;
            }
            let conj = is(WordClass::ClauseConjunction, w.as_str());
            if conj || is_dash(self.tok.kind(i)) {
                // a new report: [conj] [subject of up to four words] [adverbs] cue
                let mut k = i + 1;
                if is_dash(self.tok.kind(i))
                    && k < end
                    && is(WordClass::ClauseConjunction, self.tok.lower(k).as_str())
                {
                    k += 1;
                }
                let s = k;
                while k < end && k < s + 5 && self.verb_cue(k).is_none() {
                    if matches!(self.tok.tag(k), Upos::Verb | Upos::Aux)
                        && !is(WordClass::BeforeCue, self.tok.lower(k).as_str())
                        || self.tok.word(k) == ","
                        || self.quoted(k)
                    {
                        break;
                    }
                    k += 1;
                }
                // a new report: a speech verb, or after a conjunction a verb of stance
                // (`… but called on the government to …`, `and urged`)
                let cue_ok = k < end
                    && match self.verb_cue(k) {
                        Some(1) => true,
                        Some(2) => conj && k == s,
                        _ => false,
                    };
                if k < end && cue_ok && !self.negated(k, s) {
                    let subj_ok = k == s
                        || (s..k).all(|j| {
                            is(WordClass::BeforeCue, self.tok.lower(j).as_str())
                                || matches!(
                                    self.tok.tag(j),
                                    Upos::Pron | Upos::Propn | Upos::Noun | Upos::Det | Upos::Adj
                                )
                        });
                    if subj_ok && (k == s || conj || is_dash(self.tok.kind(i))) {
                        let mut e = i;
                        while e > c
                            && (self.tok.word(e - 1) == "," || is_dash(self.tok.kind(e - 1)))
                        {
                            e -= 1;
                        }
                        return e;
                    }
                }
            }
            if w == "," {
                // trailing attribution: `, X said (adverbials).` to the end
                let a = i + 1;
                if let Some(cue) = (a..(a + 8).min(end)).find(|&k| self.verb_cue(k) == Some(1)) {
                    let rest = self.skip_object_and_adverbials(cue, end);
                    let np_ok = (a..cue).all(|j| {
                        is(WordClass::BeforeCue, self.tok.lower(j).as_str())
                            || matches!(
                                self.tok.tag(j),
                                Upos::Pron | Upos::Propn | Upos::Noun | Upos::Det | Upos::Adj
                            )
                            || matches!(self.tok.word(j), "'s" | "’s")
                    });
                    if np_ok && (rest >= end || self.is_terminal(rest)) && !self.negated(cue, a) {
                        return i;
                    }
                }
            }
            i += 1;
        }
        end
    }
}
