//! Property: every offset of the normalised text maps back into the original text, in
//! order, onto the character it came from.

use cadre_normalise::{normalise, simplify_char};
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("广东省委书记".to_string()),
        Just("廣西壯族自治區黨委書記".to_string()),
        Just("長(zhǎng)".to_string()),
        Just("會（huì）見".to_string()),
        Just("２０２４年２月２７日".to_string()),
        Just("，".to_string()),
        Just("。\n".to_string()),
        Just("*".to_string()),
        Just("?".to_string()),
        Just("(记者 张三)".to_string()),
        Just("《合作协议》".to_string()),
        "[a-z ]{0,5}",
        "[\u{4e00}-\u{9fa5}]{0,6}",
    ]
}

proptest! {
    #[test]
    fn offsets_map_back(pieces in proptest::collection::vec(piece(), 0..12)) {
        let original: String = pieces.concat();
        let orig: Vec<char> = original.chars().collect();
        let n = normalise(&original);
        let mut last = 0;
        for (i, c) in n.text.char_indices() {
            let o = n.orig_char(i);
            prop_assert!(o < orig.len());
            prop_assert!(o >= last, "offsets go forward");
            last = o;
            let from = orig[o];
            let folded = if ('\u{ff01}'..='\u{ff5e}').contains(&from) {
                char::from_u32(from as u32 - 0xfee0).unwrap()
            } else if from == '\u{3000}' {
                ' '
            } else {
                from
            };
            prop_assert!(c == from || c == folded || c == simplify_char(from), "{c} from {from}");
        }
        // Spans of the whole text cover exactly the original's kept range.
        let (s, e) = n.orig_span(0, n.text.len());
        prop_assert!(s <= e && e <= orig.len());
    }
}
