//! Timeline fidelity on the real corpus: relative days counted from their anchor, and dates
//! that belong to a cited work (its title, journal issue, imprint, a collection's span) left out.

use kwx::corpus::load_embedded;
use kwx::timeline::{events, Event};

fn all() -> Vec<Event> {
    events(&load_embedded().expect("corpus loads"))
}

fn dated(events: &[Event], date: &str, words: &str) -> bool {
    events
        .iter()
        .any(|e| e.date.to_string() == date && e.text.contains(words))
}

#[test]
fn relative_days_count_from_their_anchor() {
    let e = all();
    // "One day after the US ground force … arrived in Busan on 1 July, Zhou Enlai …"
    assert!(dated(&e, "1950-07-02", "One day after the US ground force"));
    assert!(!dated(
        &e,
        "1950-07-01",
        "One day after the US ground force"
    ));
    // "Tunkin's report of September 3 … The next day Tunkin met Kim": not the 4th.
    assert!(!dated(&e, "1949-09-04", "The next day Tunkin met Kim"));
}

#[test]
fn dates_of_cited_works_are_not_events() {
    let e = all();
    // A title's span: "…Decision to Enter the Korean War, September 16-October 15, 1950…".
    assert!(!e
        .iter()
        .any(|x| x.text.contains("Mansourov") && x.date.to_string() == "1950-09-16"));
    // A journal issue and a bulletin issue.
    assert!(!dated(&e, "1951-03", "Current History"));
    assert!(!dated(&e, "1950-07-10", "Department of State Bulletin"));
    // A collection's span and a book title's range.
    assert!(!dated(&e, "1949-01", "Summary of documentations"));
    assert!(!dated(&e, "1945-08", "The History of North Korea between"));
    // A document's own date stays, whatever the imprint: `4. Jan 1949` as a day.
    assert!(dated(&e, "1949-01-04", "G-2 Periodic Report, No.1028"));
    assert!(dated(&e, "1949-09-03", "Tunkin to Stalin"));
}

#[test]
fn one_event_per_place_and_date() {
    let e = all();
    let mut seen = std::collections::HashSet::new();
    for x in &e {
        assert!(
            seen.insert((x.doc, x.date, x.end, x.qualifier, x.text.clone())),
            "duplicate: {} {}",
            x.date,
            x.text
        );
    }
}

#[test]
fn cli_lists_the_days_both_texts_date() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kwx"))
        .args(["timeline", "--both", "--json"])
        .output()
        .expect("kwx runs");
    assert!(out.status.success());
    let days: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let day = days
        .as_array()
        .expect("a list")
        .iter()
        .find(|d| d["date"] == "1949-09-03")
        .expect("3 September 1949 is dated by both");
    assert_eq!(day["accounts"][0]["doc"], "article");
    assert_eq!(day["accounts"][1]["doc"], "thesis");
    let pair = &day["same_document"][0];
    assert_eq!(pair["notes"][1], "thesis:IV:24");
    assert_eq!(pair["readings"][1], "Tunkin to Stalin");
}

/// The thesis misprints two years its notes give right: the meeting of 5 March 1949 ("on 5
/// March 1945", note IV:14) and MOONRISE of 16 June 1947 ("on 16 June 1949", note VI:55). The
/// timeline dates them as the cited documents do, and the day after follows.
#[test]
fn a_misprinted_year_is_read_from_the_cited_document() {
    let e = all();
    assert!(dated(&e, "1949-03-05", "fifteen minutes on 5 March 1945"));
    assert!(dated(
        &e,
        "1949-03-07",
        "On 7 March, two days after the initial meeting"
    ));
    assert!(dated(&e, "1947-06-16", "named MOONRISE"));
    assert!(!e
        .iter()
        .any(|ev| ev.date.year == 1945 && ev.text.contains("initial meeting")));
    // A day written without its year, after another year in its paragraph: the day of the
    // telegram its note V:81 cites.
    assert!(dated(&e, "1950-09-22", "On 22 September, Mao mentioned"));
}
