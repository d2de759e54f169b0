//! The pronoun resolver: the one place a third-person pronoun finds its person.
//!
//! Two questions share one walk over the mentions: [`Entities::resolve_pronoun`] (a
//! subject or object pronoun: the best-scored person of compatible gender in this or the
//! previous three sentences, preferring subjects and recency) and
//! [`Entities::recent_person`] (a possessive or object form the quotes stage reads as a
//! speaker: the most recent person of compatible gender in this or the previous two
//! sentences). The walk starts at the last mention of the pronoun's sentence, not at the
//! document's end, so resolving every pronoun of a document is linear in its mentions.

use crate::lexicon::Gender;
use crate::lexicon::words::{WordClass, is};
use crate::stages::segment::Segmentation;
use crate::vocab::EntityKind;

use super::Entities;

impl Entities {
    /// Person mentions before token `t` (in sentence `si`) in sentences `first..=si`, with
    /// a gender compatible with `gender`, latest first: (mention, entity).
    fn persons_before(
        &self,
        t: usize,
        si: usize,
        first: usize,
        gender: Gender,
    ) -> impl Iterator<Item = (usize, usize)> + '_ {
        // mentions are in text order: start from the last one in this sentence rather
        // than from the end of the document (linear in the pronouns, not quadratic)
        let last = self.mentions.partition_point(|m| m.sentence <= si);
        self.mentions[..last]
            .iter()
            .enumerate()
            .rev()
            .take_while(move |(_, m)| m.sentence >= first)
            .filter(move |(_, m)| m.tokens.start < t)
            .map(|(mi, _)| (mi, self.mention_entity[mi]))
            .filter(move |&(_, e)| {
                let e = &self.entities[e];
                e.kind == EntityKind::Person && e.gender.is_none_or(|g| g == gender)
            })
    }

    /// Resolves a third-person personal pronoun at token `t` to a person entity: the most
    /// recent person of compatible gender in this or the previous three sentences,
    /// preferring the subjects of sentences. None when no candidate fits.
    pub fn resolve_pronoun(&self, seg: &Segmentation, text: &str, t: usize) -> Option<usize> {
        let w = text[seg.tokens.get(t)?.span.range()].to_lowercase();
        let gender = if is(WordClass::MalePronoun, w.as_str()) {
            Gender::Male
        } else if is(WordClass::FemalePronoun, w.as_str()) {
            Gender::Female
        } else {
            return None;
        };
        let si = seg.sentence_of(t)?;
        let mut best: Option<(i64, usize)> = None;
        for (mi, ei) in self.persons_before(t, si, si.saturating_sub(3), gender) {
            let m = &self.mentions[mi];
            let e = &self.entities[ei];
            let s = &seg.sentences[m.sentence];
            let is_subject = self.is_sentence_subject(seg, text, mi, s.tokens.start);
            // recency in sentences; subjects and same-sentence mentions weigh more
            let mut score = -(10 * (si - m.sentence) as i64);
            if is_subject {
                score += 6;
            }
            if e.gender == Some(gender) {
                score += 2;
            }
            score -= (t.saturating_sub(m.tokens.end) / 20) as i64;
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, ei));
            }
        }
        best.map(|(_, e)| e)
    }

    /// The most recent person of a gender compatible with `gender` mentioned before token
    /// `t` in its sentence or the previous two: what the quotes stage takes a possessive or
    /// object pronoun (`his`, `her`, `him`) of a speaker phrase to mean. None when `t` is
    /// in no sentence or nobody fits.
    pub fn recent_person(&self, seg: &Segmentation, t: usize, gender: Gender) -> Option<usize> {
        let si = seg.sentence_of(t)?;
        self.persons_before(t, si, si.saturating_sub(2), gender)
            .next()
            .map(|(_, e)| e)
    }

    /// A mention is its sentence's subject when no other mention precedes it and it is
    /// near the sentence start (after at most a title and a few words).
    fn is_sentence_subject(&self, seg: &Segmentation, text: &str, mi: usize, start: usize) -> bool {
        let m = &self.mentions[mi];
        // mentions are in text order, so only the one before can share the sentence
        let first_in_sentence = mi == 0 || self.mentions[mi - 1].sentence != m.sentence;
        let before = m.title.as_ref().map_or(m.tokens.start, |t| t.tokens.start);
        first_in_sentence
            && before >= start
            && before - start <= 4
            && !seg.tokens[start..before]
                .iter()
                .any(|tk| matches!(&text[tk.span.range()], "," | "in" | "with" | "by"))
    }
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Gender;
    use crate::stages::entities::resolve;
    use crate::stages::{mentions, segment};
    use crate::text::Document;

    #[test]
    fn a_possessive_finds_the_latest_person_of_its_gender_two_sentences_back() {
        let text = "Ana Ruiz met Tomas Hale. Nobody spoke. His aide left. \
                    It rained. It snowed. It cleared. His car came.";
        let doc = Document::new("t", text);
        let seg = segment::segment(&doc);
        let tags = crate::tagging::tag(&doc, &seg);
        let ents = resolve(&doc, &seg, mentions::detect(&doc, &seg, &tags));
        let at = |w: &str, nth: usize| {
            seg.tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| &text[t.span.range()] == w)
                .nth(nth)
                .map(|(i, _)| i)
                .unwrap()
        };
        let name = |e: Option<usize>| e.map(|e| ents.entities[e].name.clone());
        let his = at("His", 0);
        assert_eq!(
            name(ents.recent_person(&seg, his, Gender::Male)).as_deref(),
            Some("Tomas Hale")
        );
        assert_eq!(
            name(ents.recent_person(&seg, his, Gender::Female)).as_deref(),
            Some("Ana Ruiz")
        );
        // more than two sentences back: nobody
        assert_eq!(ents.recent_person(&seg, at("His", 1), Gender::Male), None);
    }
}
