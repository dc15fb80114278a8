//! Splitting a note's text: at separators outside quotes and brackets, into sentences, and
//! the words outside quotes.

/// Where `s` may be split: byte offsets of `sep` outside quotes and brackets. An unbalanced
/// quote (the source drops one now and then) would hide the rest of the note, so quotes are
/// ignored when they do not balance; brackets likewise.
fn top_level_positions(s: &str, is_sep: impl Fn(&str, usize, char) -> bool) -> Vec<usize> {
    for (use_quotes, use_brackets) in [(true, true), (false, true), (false, false)] {
        let mut straight = 0i32;
        let mut curly = 0i32;
        let mut depth = 0i32;
        let mut found = Vec::new();
        let mut prev: Option<char> = None;
        for (i, c) in s.char_indices() {
            let opens = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '['));
            prev = Some(c);
            match c {
                // A straight quote opens after a space and closes otherwise; a closing one with
                // none open (the source drops opening quotes now and then) is let be.
                '"' if use_quotes && opens => straight += 1,
                '"' if use_quotes => straight = (straight - 1).max(0),
                '“' if use_quotes => curly += 1,
                '”' if use_quotes => curly = (curly - 1).max(0),
                '(' | '[' if use_brackets => depth += 1,
                ')' | ']' if use_brackets => depth -= 1,
                _ => {
                    if straight == 0 && curly == 0 && depth <= 0 && is_sep(s, i, c) {
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
pub fn split_top(s: &str, sep: char) -> Vec<&str> {
    let cuts = top_level_positions(s, |_, _, c| c == sep);
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts {
        pieces.push(s[start..cut].trim());
        start = cut + sep.len_utf8();
    }
    pieces.push(s[start..].trim());
    pieces
}

/// Byte offset of the first top-level occurrence of `word` (with spaces around it).
pub fn find_top(s: &str, needle: &str) -> Option<usize> {
    if !s.contains(needle) {
        return None;
    }
    top_level_positions(s, |s, i, _| s[i..].starts_with(needle))
        .into_iter()
        .next()
}

/// The sentences of a note: a `.`, `?` or `!` outside quotes, followed by a space and a
/// capital or a quote, ends one unless it closes an abbreviation or an initial.
pub fn sentences<'t>(note: &'t str, abbreviations: &[String]) -> Vec<&'t str> {
    let ends = top_level_positions(note, |s, i, c| {
        if !matches!(c, '.' | '?' | '!') {
            return false;
        }
        let rest = &s[i + 1..];
        let Some(after) = rest.strip_prefix(' ') else {
            return false;
        };
        if !after.starts_with(|n: char| n.is_uppercase() || matches!(n, '"' | '“')) {
            return false;
        }
        if c != '.' {
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
        let word: &str = {
            let before = &s[..i];
            let start = before.rfind(|ch: char| !ch.is_alphabetic()).map_or(0, |p| {
                p + before[p..].chars().next().map_or(1, char::len_utf8)
            });
            &before[start..]
        };
        !(word.chars().count() == 1 || abbreviations.iter().any(|a| a == word))
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

/// The lower-case words of `s` outside quotes (for telling prose from a citation).
pub fn words_outside_quotes(s: &str) -> Vec<String> {
    let mut out = String::with_capacity(s.len());
    let mut straight = 0i32;
    let mut curly = 0i32;
    let mut prev: Option<char> = None;
    for c in s.chars() {
        let opens = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '['));
        prev = Some(c);
        match c {
            '"' if opens => straight += 1,
            '"' => straight = (straight - 1).max(0),
            '“' => curly += 1,
            '”' => curly = (curly - 1).max(0),
            _ if straight == 0 && curly == 0 => out.push(c),
            _ => {}
        }
    }
    out.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// `s` without its text in parentheses or square brackets.
pub fn without_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
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
                ';'
            ),
            [
                "Weathersby, \"To Attack, or Not?\" p. 6",
                "also X, (a, b), c"
            ]
        );
        // The comma closing a quoted title sits inside the quotes.
        assert_eq!(split_top("A, “B, C,” D, E", ','), ["A", "“B, C,” D", "E"]);
        // An unbalanced quote is ignored rather than hiding the rest.
        assert_eq!(split_top("Mansourov, Stalin, Mao,\" CWIHP", ',').len(), 4);
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
    }
}
