//! Splitting a note's text: at separators outside quotes and brackets, into sentences, and
//! the words outside quotes.

/// The quote or bracket a byte of `s` at `i` opens or closes, if any. Curly quotes are the
/// three-byte `“` and `”`, seen at their first byte.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Straight,
    CurlyOpen,
    CurlyClose,
    Open,
    Close,
}

fn mark_at(bytes: &[u8], i: usize) -> Option<Mark> {
    match bytes[i] {
        b'"' => Some(Mark::Straight),
        b'(' | b'[' => Some(Mark::Open),
        b')' | b']' => Some(Mark::Close),
        0xE2 => match bytes.get(i + 1..i + 3) {
            Some([0x80, 0x9C]) => Some(Mark::CurlyOpen),
            Some([0x80, 0x9D]) => Some(Mark::CurlyClose),
            _ => None,
        },
        _ => None,
    }
}

/// Where `s` may be split: byte offsets of the bytes in `seps` outside quotes and brackets
/// that `is_sep` accepts. An unbalanced quote (the source drops one now and then) would hide
/// the rest of the note, so quotes are ignored when they do not balance; brackets likewise.
/// Works on bytes: every mark it knows is ASCII or a curly quote.
fn top_level_positions(s: &str, seps: &[u8], is_sep: impl Fn(&str, usize) -> bool) -> Vec<usize> {
    let bytes = s.as_bytes();
    // Most parts of a citation hold no quote or bracket: then every separator is top-level,
    // and memchr finds them.
    let marked = memchr::memchr3(b'"', b'(', b'[', bytes).is_some()
        || memchr::memchr3(b')', b']', 0xE2, bytes).is_some();
    if !marked {
        let at = |i: &usize| is_sep(s, *i);
        return match *seps {
            [a] => memchr::memchr_iter(a, bytes).filter(at).collect(),
            [a, b] => memchr::memchr2_iter(a, b, bytes).filter(at).collect(),
            [a, b, c] => memchr::memchr3_iter(a, b, c, bytes).filter(at).collect(),
            _ => (0..bytes.len())
                .filter(|&i| seps.contains(&bytes[i]))
                .filter(at)
                .collect(),
        };
    }
    for (use_quotes, use_brackets) in [(true, true), (false, true), (false, false)] {
        let mut straight = 0i32;
        let mut curly = 0i32;
        let mut depth = 0i32;
        let mut found = Vec::new();
        for i in 0..bytes.len() {
            match mark_at(bytes, i) {
                // A straight quote opens after a space or a bracket and closes otherwise; a
                // closing one with none open (the source drops opening quotes now and then)
                // is let be.
                Some(Mark::Straight) if use_quotes => {
                    let opens = s[..i]
                        .chars()
                        .next_back()
                        .is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '['));
                    if opens {
                        straight += 1;
                    } else {
                        straight = (straight - 1).max(0);
                    }
                }
                Some(Mark::CurlyOpen) if use_quotes => curly += 1,
                Some(Mark::CurlyClose) if use_quotes => curly = (curly - 1).max(0),
                Some(Mark::Open) if use_brackets => depth += 1,
                Some(Mark::Close) if use_brackets => depth -= 1,
                Some(Mark::CurlyOpen | Mark::CurlyClose) => {}
                _ => {
                    if seps.contains(&bytes[i])
                        && straight == 0
                        && curly == 0
                        && depth <= 0
                        && is_sep(s, i)
                    {
                        found.push(i);
                    }
                }
            }
        }
        let balanced =
            (!use_quotes || (straight == 0 && curly == 0)) && (!use_brackets || depth == 0);
        if balanced {
            return found;
        }
    }
    Vec::new()
}

/// `s` split at `sep` outside quotes and brackets, each piece trimmed.
pub fn split_top(s: &str, sep: u8) -> Vec<&str> {
    let cuts = top_level_positions(s, &[sep], |_, _| true);
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts {
        pieces.push(s[start..cut].trim());
        start = cut + 1;
    }
    pieces.push(s[start..].trim());
    pieces
}

/// Byte offset of the first top-level occurrence of `word` (with spaces around it).
pub fn find_top(s: &str, needle: &str) -> Option<usize> {
    if !s.contains(needle) {
        return None;
    }
    let first = needle.as_bytes().first().copied();
    top_level_positions(s, first.as_slice(), |s, i| s[i..].starts_with(needle))
        .into_iter()
        .next()
}

/// The sentences of a note: a `.`, `?` or `!` outside quotes, followed by a space and a
/// capital or a quote, ends one unless it closes an abbreviation or an initial.
pub fn sentences<'t>(note: &'t str, abbreviations: &[String]) -> Vec<&'t str> {
    let ends = top_level_positions(note, b".?!", |s, i| {
        let b = s.as_bytes()[i];
        let rest = &s[i + 1..];
        let Some(after) = rest.strip_prefix(' ') else {
            return false;
        };
        if !after.starts_with(|n: char| n.is_uppercase() || matches!(n, '"' | '“')) {
            return false;
        }
        if b != b'.' {
            return true;
        }
        // `4. Jan 1949`: a day with its ordinal dot.
        let next_word = after
            .split(|ch: char| !ch.is_alphabetic())
            .next()
            .unwrap_or("");
        if s[..i].ends_with(|ch: char| ch.is_ascii_digit())
            && crate::corpus::months::month_of(next_word).is_some()
        {
            return false;
        }
        // `Memoirs of Harry S. Truman: 1946-1952. Years of Trial and Hope`: a subtitle's years.
        let part = s[..i].rsplit(',').next().unwrap_or("");
        let is_year = super::work::is_year;
        if part.rsplit_once(": ").is_some_and(|(_, years)| {
            let (first, last) = years.split_once('-').unwrap_or((years, years));
            is_year(first) && is_year(last)
        }) {
            return false;
        }
        // `…, Vol. 9. Shanghai: International Cold War Research Centre …`: an imprint's place.
        if after[next_word.len()..].starts_with(": ") {
            return false;
        }
        // `McCune & Grey. Jr, Korea Today`: a name's suffix goes on with the name.
        if matches!(next_word, "Jr" | "Sr") {
            return false;
        }
        let word: &str = {
            let before = &s[..i];
            let start = before.rfind(|ch: char| !ch.is_alphabetic()).map_or(0, |p| {
                p + before[p..].chars().next().map_or(1, char::len_utf8)
            });
            &before[start..]
        };
        // `A.Ya. Sakhnin`: initials run together.
        let run_on_initial = word.chars().count() <= 2 && s[..i - word.len()].ends_with('.');
        !(word.chars().count() == 1 || run_on_initial || abbreviations.iter().any(|a| a == word))
    });
    let mut out = Vec::with_capacity(ends.len() + 1);
    let mut start = 0;
    for end in ends {
        out.push(note[start..=end].trim());
        start = end + 1;
    }
    if !note[start..].trim().is_empty() {
        out.push(note[start..].trim());
    }
    out
}

/// Whether a word of `s` outside quotes, in lower case, is one `is` accepts (for telling
/// prose from a citation).
pub fn any_word_outside_quotes(s: &str, is: impl Fn(&str) -> bool) -> bool {
    let mut straight = 0i32;
    let mut curly = 0i32;
    let mut prev: Option<char> = None;
    let mut word = String::new();
    // A space at the end closes the last word. Quote marks and quoted text are dropped
    // without ending the word they interrupt.
    for c in s.chars().chain(std::iter::once(' ')) {
        let before = prev.replace(c);
        match c {
            '"' => {
                let opens = before.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '['));
                if opens {
                    straight += 1;
                } else {
                    straight = (straight - 1).max(0);
                }
            }
            '“' => curly += 1,
            '”' => curly = (curly - 1).max(0),
            _ if straight != 0 || curly != 0 => {}
            _ if c.is_ascii_alphabetic() => word.push(c.to_ascii_lowercase()),
            _ if c.is_alphabetic() => word.extend(c.to_lowercase()),
            _ => {
                if !word.is_empty() && is(&word) {
                    return true;
                }
                word.clear();
            }
        }
    }
    false
}

/// Whether `s` has a letter or digit outside parentheses and square brackets (a piece that is
/// only a bracketed remark cites nothing).
pub fn alphanumeric_outside_brackets(s: &str) -> bool {
    let mut depth = 0i32;
    s.chars().any(|c| {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ => return depth == 0 && c.is_alphanumeric(),
        }
        false
    })
}

/// `s` without a trailing full stop or comma and surrounding space.
pub fn trim_end_punct(s: &str) -> &str {
    s.trim().trim_end_matches(['.', ',', ';', ':']).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_outside_quotes_and_brackets() {
        assert_eq!(
            split_top(
                "Weathersby, \"To Attack, or Not?\" p. 6; also X, (a, b), c",
                b';'
            ),
            [
                "Weathersby, \"To Attack, or Not?\" p. 6",
                "also X, (a, b), c"
            ]
        );
        // The comma closing a quoted title sits inside the quotes.
        assert_eq!(split_top("A, “B, C,” D, E", b','), ["A", "“B, C,” D", "E"]);
        // An unbalanced quote is ignored rather than hiding the rest.
        assert_eq!(split_top("Mansourov, Stalin, Mao,\" CWIHP", b',').len(), 4);
    }

    #[test]
    fn words_inside_quotes_do_not_make_prose() {
        let is_verb = |w: &str| w == "was";
        assert!(!any_word_outside_quotes(
            "Weathersby, “What Was Stalin Planning?” p. 4",
            is_verb
        ));
        assert!(!any_word_outside_quotes(
            "Kim, \"It was War,\" Journal, 1999",
            is_verb
        ));
        assert!(any_word_outside_quotes("The telegram WAS sent.", is_verb));
        // A word is read whole: `wasted` is not `was`.
        assert!(!any_word_outside_quotes("wasted time", is_verb));
    }

    #[test]
    fn sentences_skip_abbreviations_and_initials() {
        let abbr = vec!["Vol".to_string(), "p".to_string()];
        let s = sentences(
            "See Kirk to Acheson, June 29, 1950, FRUS, Vol. VII, p. 229. In his memoirs, G. Bernard Noble said. “To Attack?” p. 9. It is.",
            &abbr,
        );
        assert_eq!(
            s,
            [
                "See Kirk to Acheson, June 29, 1950, FRUS, Vol. VII, p. 229.",
                "In his memoirs, G. Bernard Noble said.",
                "“To Attack?” p. 9.",
                "It is."
            ]
        );
        // Initials run together end no sentence (thesis note I:14).
        assert_eq!(
            sentences(
                "Moskva, 1952; A.Ya. Sakhnin, Koreyskiy Narod, Moskva, 1950.",
                &abbr
            ),
            ["Moskva, 1952; A.Ya. Sakhnin, Koreyskiy Narod, Moskva, 1950."]
        );
        // A subtitle's years end no sentence (thesis note V:21); pages after a colon do.
        let s = sentences(
            "Harry S. Truman, Memoirs of Harry S. Truman: 1946-1952. Years of Trial and Hope, Vol.2. Vol. 2: 202-3. It is.",
            &abbr,
        );
        assert_eq!(
            s,
            [
                "Harry S. Truman, Memoirs of Harry S. Truman: 1946-1952. Years of Trial and Hope, Vol.2.",
                "Vol. 2: 202-3.",
                "It is."
            ]
        );
    }
}
