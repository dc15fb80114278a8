//! Month names and the forms the texts and users write them in, from `corpus/months.toml`:
//! one table for the date finder, the search folding and the timeline's labels.

use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MonthFile {
    month: Vec<Month>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Month {
    name: String,
    #[serde(default)]
    forms: Vec<String>,
    #[serde(default)]
    capitalised_only: Vec<String>,
}

const MONTHS_TOML: &str = include_str!("../../corpus/months.toml");

fn months() -> &'static [Month] {
    static MONTHS: OnceLock<Vec<Month>> = OnceLock::new();
    MONTHS.get_or_init(|| {
        // Embedded in the binary and checked by the tests below: it cannot fail at run time.
        let file: MonthFile = toml::from_str(MONTHS_TOML).expect("corpus/months.toml parses");
        file.month
    })
}

/// Every form of every month as (form, month 1–12), by the form's length in bytes: the date
/// finder asks of most words it meets, and most are no month.
fn forms_by_len() -> &'static [Vec<(&'static str, u32)>] {
    static FORMS: OnceLock<Vec<Vec<(&'static str, u32)>>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut by_len: Vec<Vec<(&'static str, u32)>> = Vec::new();
        for (i, m) in months().iter().enumerate() {
            for f in m.forms.iter().chain(&m.capitalised_only) {
                if by_len.len() <= f.len() {
                    by_len.resize_with(f.len() + 1, Vec::new);
                }
                by_len[f.len()].push((f.as_str(), i as u32 + 1));
            }
        }
        by_len
    })
}

/// `January` for 1; `?` outside 1–12.
pub fn month_name(month: u32) -> &'static str {
    months()
        .get((month as usize).wrapping_sub(1))
        .map_or("?", |m| m.name.as_str())
}

/// The month a word of running text names (`June`, `Jan`, `Sept`); the capitalised-only forms
/// (`May`, `March`) only when capitalised, since the verbs are common.
pub fn month_of(word: &str) -> Option<u32> {
    // Most words are not months: reject on the first letter and the length before comparing.
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) || word.len() < 3 {
        return None;
    }
    month_of_any_case(word)
}

/// The month a word names whatever its case (a query's `sept`, `may`).
pub fn month_of_any_case(word: &str) -> Option<u32> {
    forms_by_len()
        .get(word.len())?
        .iter()
        .filter(|(f, _)| f.eq_ignore_ascii_case(word))
        .map(|&(_, month)| month)
        .min()
}

/// Whether `word` is a month's full name as printed (`June`).
pub fn is_month_name(word: &str) -> bool {
    months().iter().any(|m| m.name == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_twelve_months_with_every_form() {
        assert_eq!(months().len(), 12);
        assert_eq!(month_name(9), "September");
        assert_eq!(month_name(13), "?");
        for m in months() {
            assert!(
                m.forms
                    .iter()
                    .chain(&m.capitalised_only)
                    .any(|f| f.eq_ignore_ascii_case(&m.name)),
                "{}: its name is one of its forms",
                m.name
            );
        }
    }

    #[test]
    fn forms_and_capitalisation() {
        assert_eq!(month_of("Sept"), Some(9));
        assert_eq!(month_of("Sep"), Some(9));
        assert_eq!(month_of("January"), Some(1));
        assert_eq!(month_of("May"), Some(5));
        assert_eq!(month_of("may"), None);
        assert_eq!(month_of("Mayor"), None);
        assert_eq!(month_of_any_case("sept"), Some(9));
        assert_eq!(month_of_any_case("may"), Some(5));
        assert!(is_month_name("June") && !is_month_name("Jun"));
        // A Soviet journal's issue (thesis note II:13), only capitalised.
        assert_eq!(month_of("Iyul"), Some(7));
        assert_eq!(month_of("Mart"), Some(3));
        assert_eq!(month_of("mart"), None);
        // The genitive of a Soviet book's printing date (thesis note I:67), the longest form.
        assert_eq!(month_of("Oktyabrya"), Some(10));
        assert_eq!(month_of("Sentyabrya"), Some(9));
        assert_eq!(month_of("sentyabrya"), None);
    }
}
