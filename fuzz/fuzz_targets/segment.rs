//! The segmenter over any text: tokens in order, on char boundaries, inside their
//! sentences; sentences no longer than the cap.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::Document;
use newsgraph::stages::segment::{MAX_SENTENCE_TOKENS, segment, segment_plain};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Document::new("fuzz", text.as_ref());
    for seg in [segment(&doc), segment_plain(&doc)] {
        let mut prev_end = 0;
        for t in &seg.tokens {
            assert!(t.span.start < t.span.end, "empty token");
            assert!(t.span.start >= prev_end, "tokens out of order");
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            prev_end = t.span.end;
        }
        for s in &seg.sentences {
            assert!(s.tokens.len() <= MAX_SENTENCE_TOKENS);
            assert!(!s.tokens.is_empty() && s.tokens.end <= seg.tokens.len());
            assert_eq!(s.span.start, seg.tokens[s.tokens.start].span.start);
            assert_eq!(s.span.end, seg.tokens[s.tokens.end - 1].span.end);
        }
    }
});
