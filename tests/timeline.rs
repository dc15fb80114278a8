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
