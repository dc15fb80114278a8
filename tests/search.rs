//! Footnote search over the real corpus: queries a historian would type, filters, ties,
//! normalisation and the highlighted characters.

use kwx::search::{Index, Query, Searcher};

struct Fixture {
    corpus: kwx::corpus::Corpus,
    index: Index,
}

fn fixture() -> Fixture {
    let corpus = kwx::corpus::load_embedded().unwrap();
    let index = Index::new(&corpus);
    Fixture { corpus, index }
}

impl Fixture {
    /// `doc:part:n` of the top `k` results.
    fn top(&self, query: &str, k: usize) -> Vec<String> {
        let mut searcher = Searcher::default();
        searcher
            .search(&self.index, &Query::parse(query))
            .iter()
            .take(k)
            .map(|h| {
                let e = &self.index.entries[h.entry];
                let d = &self.corpus.documents[e.doc];
                let n = &d.notes[e.note];
                format!("{}:{}:{}", d.meta.id, d.parts[n.part].key, n.number)
            })
            .collect()
    }

    fn text(&self, label: &str) -> String {
        let mut it = label.split(':');
        let (d, p, n) = (it.next().unwrap(), it.next().unwrap(), it.next().unwrap());
        let doc = self.corpus.document(d).unwrap();
        // Article endnotes run through the document: the number alone names one.
        let part = (d != "article").then_some(p);
        let i = doc.find_note(part, n.parse().unwrap()).unwrap();
        doc.notes[i].text.clone()
    }
}

#[test]
fn words_match_in_any_order() {
    let f = fixture();
    let top = f.top("Vyshinsky Shtykov", 3);
    for label in &top {
        assert!(f.text(label).contains("Shtykov to Vyshinsky"), "{label}");
    }
}

#[test]
fn apostrophes_quotes_case_and_diacritics_fold() {
    let f = fixture();
    // The thesis lost its apostrophes: "Stalin's" must still find "Stalins".
    let top = f.top("Stalin's doc:thesis", 50);
    assert!(top.iter().any(|l| f.text(l).contains("Stalins")), "{top:?}");
    // "chargé" in the article, "charge daffairs" in the thesis: one query finds both.
    let top = f.top("charge d'affaires", 10);
    assert!(top.iter().any(|l| l.starts_with("thesis")), "{top:?}");
    assert_eq!(f.top("PRAVDA", 1), f.top("pravda", 1));
}

#[test]
fn archives_and_filters() {
    let f = fixture();
    for label in f.top("RGASPI", 5) {
        assert!(f.text(&label).contains("RGASPI"), "{label}");
    }
    for label in f.top("FRUS part:IV", 10) {
        assert!(label.starts_with("thesis:IV:"), "{label}");
    }
    for label in f.top("RG 59", 3) {
        assert!(f.text(&label).contains("RG 59") || f.text(&label).contains("(RG) 59"));
    }
    assert!(f
        .top("doc:article", 1000)
        .iter()
        .all(|l| l.starts_with("article:")));
}

#[test]
fn empty_query_lists_every_note_in_document_order_and_ties_keep_it() {
    let f = fixture();
    let all = f.top("", 10_000);
    assert_eq!(all.len(), f.index.entries.len());
    assert_eq!(all[0], "article:introduction:1");
    // Notes that read "FRUS, 1945, vol. VI, ..." score alike: document order breaks the tie.
    let mut searcher = Searcher::default();
    let hits = searcher.search(&f.index, &Query::parse("FRUS"));
    for pair in hits.windows(2) {
        if pair[0].score == pair[1].score {
            assert!(pair[0].entry < pair[1].entry);
        }
    }
}

#[test]
fn ibid_notes_are_found_by_the_citation_they_repeat() {
    let f = fixture();
    // Article note 13 is "Ibid." of note 11.
    let cited = f.text("article:-:11");
    let word = cited.split_whitespace().find(|w| w.len() > 6).unwrap();
    let top = f.top(word, 20);
    assert!(
        top.iter().any(|l| f.text(l).starts_with("Ibid")),
        "{word}: {top:?}"
    );
}

#[test]
fn highlighted_chars_are_the_matched_letters_of_the_note_text() {
    let f = fixture();
    let query = Query::parse("Shtykov");
    let mut searcher = Searcher::default();
    let hits = searcher.search(&f.index, &query);
    let entry = &f.index.entries[hits[0].entry];
    let text = &f.corpus.documents[entry.doc].notes[entry.note].text;
    let chars: Vec<char> = text.chars().collect();
    let matched: String = searcher
        .matched_chars(entry, &query)
        .iter()
        .map(|&i| chars[i])
        .collect();
    assert_eq!(matched, "Shtykov");
}
