//! Invariants over the whole embedded corpus: every note present once, numbered as printed,
//! anchored at its marker; no footnote text or page numbers left in the body.

use kwx::corpus::{load_embedded, Corpus, Document};

fn corpus() -> Corpus {
    load_embedded().expect("embedded corpus parses")
}

fn body_paragraphs(doc: &Document) -> impl Iterator<Item = (&str, &str)> {
    doc.parts
        .iter()
        // (The back matter's entries are not sentences.)
        .filter(|p| p.key != "bibliography" && p.key != "abbreviations")
        .flat_map(move |p| {
            doc.paragraphs[p.paragraphs.clone()]
                .iter()
                .map(move |para| (p.key.as_str(), para.text.as_str()))
        })
}

#[test]
fn notes_are_numbered_one_to_n_per_run() {
    let corpus = corpus();
    for doc in &corpus.documents {
        let per_part = doc.meta.id == "thesis";
        for (pi, part) in doc.parts.iter().enumerate() {
            let numbers: Vec<u32> = doc
                .notes
                .iter()
                .filter(|n| !per_part || n.part == pi)
                .map(|n| n.number)
                .collect();
            let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
            assert_eq!(numbers, expected, "{} {}: numbering", doc.meta.id, part.key);
            if !per_part {
                break;
            }
        }
    }
}

#[test]
fn note_counts_match_the_sources() {
    let corpus = corpus();
    let article = corpus.document("article").unwrap();
    assert_eq!(article.notes.len(), 116);
    let thesis = corpus.document("thesis").unwrap();
    let counts: Vec<(&str, usize)> = thesis
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                p.key.as_str(),
                thesis.notes.iter().filter(|n| n.part == i).count(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        vec![
            ("abstract", 0),
            ("introduction", 34),
            ("I", 93),
            ("II", 47),
            ("III", 85),
            ("IV", 125),
            ("V", 136),
            ("VI", 123),
            ("conclusion", 7),
            ("bibliography", 0),
            ("abbreviations", 0)
        ]
    );
}

#[test]
fn every_note_is_referenced_once_except_known_source_gaps() {
    let corpus = corpus();
    for doc in &corpus.documents {
        for (index, note) in doc.notes.iter().enumerate() {
            let markers: usize = doc
                .paragraphs
                .iter()
                .flat_map(|p| &p.refs)
                .filter(|r| r.note == Some(index))
                .count();
            let known_gap =
                doc.meta.id == "thesis" && doc.parts[note.part].key == "I" && note.number == 41;
            assert_eq!(
                markers,
                usize::from(!known_gap),
                "{} {}:{} markers",
                doc.meta.id,
                doc.parts[note.part].key,
                note.number
            );
            assert_eq!(note.anchor.is_some(), !known_gap);
            assert!(
                !note.text.trim().is_empty(),
                "{} note {} is empty",
                doc.meta.id,
                note.number
            );
        }
        for para in &doc.paragraphs {
            for r in &para.refs {
                assert!(
                    r.note.is_some(),
                    "{}: marker {} without a note",
                    doc.meta.id,
                    r.number
                );
                assert!(r.offset <= para.text.chars().count());
            }
        }
    }
}

#[test]
fn no_footnote_text_or_page_numbers_in_paragraphs() {
    let corpus = corpus();
    for doc in &corpus.documents {
        for (part, text) in body_paragraphs(doc) {
            for citation in [", p.", ", pp.", "Ibid", "ibid"] {
                assert!(
                    !text.contains(citation),
                    "{} {part}: citation {citation:?} in body: {text}",
                    doc.meta.id
                );
            }
            assert!(
                !text.chars().any(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)),
                "{} {part}: superscript left: {text}",
                doc.meta.id
            );
            let last_word = text.rsplit(' ').next().unwrap_or("");
            assert!(
                !last_word.chars().all(|c| c.is_ascii_digit()),
                "{} {part}: page number at end: {text}",
                doc.meta.id
            );
        }
    }
}

#[test]
fn no_paragraph_ends_mid_sentence() {
    let corpus = corpus();
    for doc in &corpus.documents {
        for (part, text) in body_paragraphs(doc) {
            // Items of a list quoted in the body (`4. Way to propagate local people in Korea`,
            // `a) 17 translators …`) are unpunctuated in the source.
            let list_item = text.split_once(' ').is_some_and(|(label, _)| {
                let number = label.strip_suffix('.').unwrap_or("");
                let letter = label.strip_suffix(')').unwrap_or("");
                (!number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))
                    || (letter.len() == 1 && letter.chars().all(|c| c.is_ascii_lowercase()))
            });
            if list_item {
                continue;
            }
            let end = text.trim_end().trim_end_matches(['"', '”', '’', ')', ']']);
            assert!(
                end.ends_with(['.', '?', '!', ':']),
                "{} {part}: ends mid-sentence: …{}",
                doc.meta.id,
                &text[text.len().saturating_sub(80)..]
            );
        }
    }
}

#[test]
fn notes_hold_no_page_numbers_or_markers() {
    let corpus = corpus();
    for doc in &corpus.documents {
        for note in &doc.notes {
            assert!(
                !note.text.chars().any(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹*".contains(c)),
                "{} note {}: {}",
                doc.meta.id,
                note.number,
                note.text
            );
            let last = note.text.rsplit(' ').next().unwrap_or("");
            assert!(
                !(last.len() <= 3 && last.chars().all(|c| c.is_ascii_digit())),
                "{} note {}: page number at end: {}",
                doc.meta.id,
                note.number,
                note.text
            );
        }
    }
}

#[test]
fn known_quirks_of_the_article_are_repaired() {
    let corpus = corpus();
    let article = corpus.document("article").unwrap();
    let all: String = article
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    // Out-of-sequence superscripts are page numbers.
    assert!(all.contains("a neglected thread in unraveling how this [war] was begun."));
    assert!(all.contains("On August 5, 1949, a day after"));
    // A paragraph cut by a page break is one paragraph.
    assert!(all.contains("constituted the focal point around which the strategic calculations"));
    // Emphasis is kept as a span, not asterisks.
    let p = article
        .paragraphs
        .iter()
        .find(|p| p.text.contains("Stalin's rollback strategy. This essay"))
        .unwrap();
    let start = p.text.find("Stalin's rollback strategy").unwrap();
    let start = p.text[..start].chars().count();
    assert!(p.emphasis.iter().any(|r| r.start == start));
    // Endnotes continue over page breaks; `\$` is unescaped; Ibid points back.
    let n48 = &article.notes[47];
    assert!(n48.text.contains("General Pang Ho San on the Ongjin peninsula. These initial North Korean troop dispositions"));
    assert!(article.notes[105].text.contains("US $1 = 4 rubles"));
    assert_eq!(article.ibid_of(9), Some(8));
    assert_eq!(
        article.ibid_of(12),
        Some(10),
        "Ibid after Ibid resolves to the cited note"
    );
}

#[test]
fn known_quirks_of_the_thesis_are_repaired() {
    let corpus = corpus();
    let thesis = corpus.document("thesis").unwrap();
    let keys: Vec<&str> = thesis.parts.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "abstract",
            "introduction",
            "I",
            "II",
            "III",
            "IV",
            "V",
            "VI",
            "conclusion",
            "bibliography",
            "abbreviations"
        ]
    );
    let ch2 = &thesis.parts[3];
    assert_eq!(
        ch2.title,
        "Moscow Agreement: Stalin's strategic choice within cooperative framework with the US"
    );
    let find = |part: &str, n: u32| &thesis.notes[thesis.find_note(Some(part), n).unwrap()];
    // A footnote interleaved mid-paragraph leaves the paragraph whole.
    let body: String = thesis
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(body.contains("the most important momentum for Korea to be divided into two."));
    // A body line that begins with a number stays in the body.
    assert!(body.contains("signed by Japan on 2 September 1945. Moscow denounced"));
    // Real hyphens at line ends are kept.
    assert!(body.contains("pro-Soviet") && body.contains("Sino-Soviet"));
    // Possessives that lost their apostrophe get it back; plurals do not gain one.
    assert!(body.contains("before Stalin's order on 20 September 1945"));
    assert!(body.contains("Kim's journey to Moscow") && body.contains("Red Army's"));
    assert!(!body.contains("Stalins ") && !body.contains("Kims "));
    assert!(body.contains("the two Koreas") && body.contains("Soviets"));
    assert!(!body.contains("Soviet's") && !body.contains("Korean's"));
    // A footnote with no space after its number, and one that wraps.
    assert_eq!(find("I", 93).text, "FRUS, 1945, vol.VI, pp.1145-47.");
    assert!(find("VI", 5)
        .text
        .ends_with("New York: W.W. Norton & Company, 1965, pp.15-40."));
    assert_eq!(
        thesis
            .find_note(Some("IV"), 27)
            .and_then(|n| thesis.ibid_of(n)),
        thesis.find_note(Some("IV"), 26)
    );
    assert!(!thesis.glossary.is_empty() && thesis.glossary.iter().any(|g| g.term == "RGASPI"));
    assert!(thesis.bibliography.len() > 300);
    assert!(thesis.bibliography.iter().all(|b| !b.headings.is_empty()));
}

/// The sentence that cites a note starts where a sentence starts: not on the closing quote of the
/// one before (`…the facts.” Moreover`), not inside a title that holds a `?`.
#[test]
fn every_citing_sentence_starts_a_sentence() {
    let corpus = kwx::corpus::load_embedded().unwrap();
    for doc in &corpus.documents {
        for (i, note) in doc.notes.iter().enumerate() {
            let Some(anchor) = note.anchor else {
                continue;
            };
            let text = &doc.paragraphs[anchor.paragraph].text;
            let sentence = kwx::corpus::sentence_around(text, anchor.offset);
            let first = sentence.chars().next().unwrap_or(' ');
            assert!(
                !matches!(first, '”' | '’' | '"' | ')') && !first.is_lowercase(),
                "{}: {sentence}",
                doc.note_id(i)
            );
        }
    }
}

/// One timeline event per date and sentence: a citation repeated in several notes is one event.
#[test]
fn the_timeline_has_no_duplicate_events() {
    let corpus = corpus();
    let events = kwx::timeline::events(&corpus);
    let mut seen = std::collections::HashSet::new();
    for e in &events {
        assert!(
            seen.insert((e.doc, e.date, e.end, e.text.clone())),
            "{} twice: {}",
            e.date,
            e.text
        );
    }
}

#[test]
fn the_list_of_abbreviations_is_the_glossary_and_a_part_to_read() {
    let corpus = corpus();
    let thesis = corpus.document("thesis").unwrap();
    let glossary: Vec<(&str, &str)> = (thesis.glossary.iter())
        .map(|g| (g.term.as_str(), g.expansion.as_str()))
        .collect();
    assert_eq!(glossary.len(), 26);
    assert_eq!(glossary[0], ("CCP", "Chinese Communist Party"));
    // Aligned with spaces of any width, in the source; the archives close the list.
    assert_eq!(glossary[21], ("VOKS", "Vsesoyuznoe Obschestvo Kulturnoy Svyazi s zagranitsey (The All-Union Society for Cultural Relations with Foreign Countries)"));
    assert_eq!(
        glossary[25],
        (
            "TSAMO",
            "The Russian Central Archive of Department of Defense"
        )
    );
    // The part comes last, so the paragraphs before it keep their numbers.
    let part = thesis.parts.last().unwrap();
    assert_eq!(part.key, "abbreviations");
    assert_eq!(part.paragraphs.end, thesis.paragraphs.len());
    let texts: Vec<&str> = thesis.paragraphs[part.paragraphs.clone()]
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(texts.len(), 26);
    assert_eq!(
        texts[18],
        "USGASK — Upravlenie Grazhdanskoy Administratsiy v Severnoy Koree"
    );
    // The article has no list.
    assert!(corpus.document("article").unwrap().glossary.is_empty());
}
