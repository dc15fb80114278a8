//! The citation model over the whole corpus: every Ibid reaches a full citation, every note
//! naming an archive has its id, and the documents both texts cite are linked (look-alikes
//! apart); plus the CLI's `sources`, `notes --archive` and `cite`.

use std::process::Command;

use kwx::corpus::{self, Corpus};
use kwx::sources;

fn corpus() -> Corpus {
    corpus::load_embedded().expect("embedded corpus loads")
}

fn note_index(c: &Corpus, id: &str) -> (usize, usize) {
    for (d, doc) in c.documents.iter().enumerate() {
        for n in 0..doc.notes.len() {
            if doc.note_id(n) == id {
                return (d, n);
            }
        }
    }
    panic!("no note {id}");
}

fn same(c: &Corpus, id: &str) -> Vec<String> {
    let (d, n) = note_index(c, id);
    sources::same_document(c, d, n)
        .0
        .into_iter()
        .map(|s| s.id)
        .collect()
}

#[test]
fn every_ibid_reaches_a_full_citation() {
    let c = corpus();
    for doc in &c.documents {
        for (n, works) in doc.citations().iter().enumerate() {
            for w in works {
                if let Some(r) = w.ibid_of {
                    let original = &doc.citations()[r.note][r.work];
                    assert!(
                        original.ibid_of.is_none(),
                        "{} leads to another short form",
                        doc.note_id(n)
                    );
                    // Only a short title points forward, to a full citation given after
                    // it (article 76's `Acheson, Present at the Creation`, in full in 79).
                    assert!(
                        r.note <= n || !w.text.to_lowercase().starts_with("ibid"),
                        "{} points forward",
                        doc.note_id(n)
                    );
                }
            }
            let opens_with_ibid = doc.notes[n]
                .text
                .trim_start()
                .to_lowercase()
                .starts_with("ibid");
            if opens_with_ibid {
                assert!(
                    doc.ibid_of(n).is_some(),
                    "{} is an unresolved Ibid",
                    doc.note_id(n)
                );
            }
        }
    }
}

#[test]
fn a_short_form_given_before_its_full_citation_takes_its_fields() {
    let c = corpus();
    let (d, n) = note_index(&c, "article:76");
    let doc = &c.documents[d];
    assert_eq!(
        doc.repeats(n).map(|t| doc.note_id(t)).as_deref(),
        Some("article:79")
    );
    let w = &doc.citations()[n][0];
    assert_eq!(w.authors, ["Dean Acheson"]);
    assert_eq!((w.place.as_deref(), w.year), (Some("New York"), Some(1969)));
    assert_eq!(w.pages.as_deref(), Some("456"));
}

#[test]
fn author_ibid_notes_reach_the_full_citation() {
    let c = corpus();
    let (d, _) = note_index(&c, "article:1");
    let doc = &c.documents[d];
    let ibid = |n: u32| {
        let i = doc.find_note(None, n).expect("note exists");
        doc.ibid_of(i).map(|t| doc.note_id(t))
    };
    for n in [82, 83, 86, 87, 90, 112] {
        assert_eq!(ibid(n).as_deref(), Some("article:81"), "article:{n}");
    }
    for n in [78, 89, 105] {
        assert_eq!(ibid(n).as_deref(), Some("article:69"), "article:{n}");
    }
    assert_eq!(ibid(92).as_deref(), Some("article:11"));
}

#[test]
fn short_titles_repeat_their_first_full_citation() {
    let c = corpus();
    let (d, n) = note_index(&c, "thesis:I:30");
    let w = &c.documents[d].citations()[n][0];
    let r = w.ibid_of.expect("Ree, Socialism is a short form");
    assert_eq!(c.documents[d].note_id(r.note), "thesis:I:4");
    assert_eq!(w.publisher.as_deref(), Some("Bery Publishers"));
    let (d, n) = note_index(&c, "thesis:I:72");
    let r = c.documents[d].citations()[n][0]
        .ibid_of
        .expect("Doklad, Tom 1 is a short form");
    assert_eq!(c.documents[d].note_id(r.note), "thesis:I:67");
    // Two authors' surnames (`McCune & Grey Jr`, `McCune & Grey. Jr`) are a short form too.
    for id in ["thesis:I:30", "thesis:III:26"] {
        let (d, n) = note_index(&c, id);
        let korea_today = c.documents[d].citations()[n]
            .iter()
            .find(|w| w.text.contains("Korea Today"))
            .expect("the note cites Korea Today");
        let r = korea_today.ibid_of.expect("a short form");
        assert_eq!(c.documents[d].note_id(r.note), "thesis:I:20", "{id}");
    }
}

#[test]
fn every_note_naming_an_archive_has_its_id() {
    let c = corpus();
    let words = [
        "APRF",
        "AVPRF",
        "RGASPI",
        "TSAMO",
        "TsAMO",
        "TsAmo",
        "Institute of Foreign Affairs and National Security",
        "FRUS",
        "RG ",
    ];
    for doc in &c.documents {
        for (n, note) in doc.notes.iter().enumerate() {
            if words.iter().any(|w| note.text.contains(w)) {
                assert!(
                    doc.citations()[n].iter().any(|w| w.archive.is_some()),
                    "{} names an archive: {}",
                    doc.note_id(n),
                    note.text
                );
            }
        }
    }
}

#[test]
fn documents_cited_by_both_texts_are_linked() {
    let c = corpus();
    for (article, thesis) in [
        ("article:51", "thesis:IV:24"),
        ("article:33", "thesis:IV:26"),
        ("article:96", "thesis:IV:33"),
        ("article:96", "thesis:IV:78"),
        ("article:69", "thesis:V:125"),
        ("article:68", "thesis:VI:55"),
        ("article:31", "thesis:V:25"),
        ("article:66", "thesis:introduction:30"),
        // The thesis cites the meeting of 5 March 1949 by its day alone in the Korean
        // collection, and describes it once, from the Kremlin's archive.
        ("article:96", "thesis:IV:11"),
        ("article:96", "thesis:IV:14"),
        // Days listed in one citation are each a document (`February 4 and 9, …, 1950,
        // Soviet Documents`); a list without its year takes the year of the paragraph citing
        // it (`See July 2, 5, and 7, Soviet Documents`, cited in the summer of 1950).
        ("article:106", "thesis:IV:36"),
        ("article:113", "thesis:V:32"),
        // A printed series: the same year's volume at the same pages (Truman's statement of
        // 27 June 1950, FRUS 1950, vol. VII, pp. 202-3).
        ("article:101", "thesis:V:56"),
        // A message passed on is its messenger's telegram that day (`Telegram to Stalin by
        // Zhou Enlai through Roshchin, 2 July 1950` and Roshchin to Stalin, 2 July 1950).
        ("article:113", "thesis:V:14"),
        ("article:113", "thesis:V:27"),
        // Where correspondents do not choose, the collection does: the article's `July 5,
        // Soviet Documents` (Stalin's telegram) is the thesis's Korean-collection telegram
        // of that day, not the Kremlin archive's, which the thesis cites apart.
        ("article:113", "thesis:V:28"),
        // A telegram to the ambassador is the one to the leader he passed it to, where the
        // texts show him as that channel (one file's page read as `Stalin to Shtykov` and as
        // `Stalin to Kim`): Stalin's of 30 January 1950 (`Telegram from Stalin to Kim, 30 Jan
        // 1950`, the thesis's introduction), and of 5 July 1950 to Zhou through Roshchin.
        ("article:96", "thesis:introduction:4"),
        ("article:113", "thesis:V:15"),
        ("article:113", "thesis:V:63"),
        // A document cited from a book, no archive named: the thesis's `Statement of President
        // Truman, 27 June 1950, DSB, …` is the FRUS statement of that day from Truman; its
        // `Politburo, The Resolution on North Korea, 24 Sep 1949` the article's Politbureau
        // decision of that day (each text's only document of the day, one kind).
        ("article:101", "thesis:VI:101"),
        ("article:56", "thesis:IV:28"),
    ] {
        assert!(
            same(&c, article).contains(&thesis.to_string()),
            "{article} ~ {thesis}"
        );
    }
    // So in one text: `The Report by Ignatiev on 12 Nov 1945` is TsAMO's report by Ignatiev
    // of that day; `Sorokins Report on 16 June 1947` TsAMO's one report from Sorokin that day
    // (to Shikin).
    assert!(same(&c, "thesis:I:18").contains(&"thesis:III:28".to_string()));
    assert!(same(&c, "thesis:III:80").contains(&"thesis:III:78".to_string()));
    // One of its senders: `Gromov, Ignatiev's report on 4 Jan 1946` (a book) is TsAMO's
    // `Gromov and Ignatiev's report on 4 Jan 1946`.
    assert!(same(&c, "thesis:II:31").contains(&"thesis:II:34".to_string()));
    // Differing readings are kept, both of them.
    let (d, n) = note_index(&c, "article:51");
    let conflicts = sources::same_document(&c, d, n).1;
    assert!(conflicts
        .iter()
        .any(|s| s.contains("Shtykov to Vyshinsky") && s.contains("Tunkin to Stalin")));
    let (d, n) = note_index(&c, "thesis:V:19");
    assert!(sources::same_document(&c, d, n)
        .1
        .iter()
        .any(|s| s.contains("Mao to Stalin through Roshchin") && s.contains("thesis:V:118")));
    // One page of one file from one sender, dated as sent and as received: one telegram,
    // the two dates a conflict.
    assert!(same(&c, "thesis:V:96").contains(&"thesis:V:19".to_string()));
    let (d, n) = note_index(&c, "thesis:V:96");
    assert!(sources::same_document(&c, d, n)
        .1
        .iter()
        .any(|s| s.starts_with("date") && s.contains("1950-10-02") && s.contains("1950-10-03")));
    // So too in one text, the conflict kept (Stalin's of 1 October 1950, asking for Chinese
    // troops).
    assert!(same(&c, "thesis:V:120").contains(&"thesis:V:18".to_string()));
    let (d, n) = note_index(&c, "thesis:V:120");
    assert!(sources::same_document(&c, d, n)
        .1
        .iter()
        .any(|s| s.contains("Stalin to Roshchin (thesis:V:18)") && s.contains("Stalin to Mao")));
    let (d, n) = note_index(&c, "article:68");
    assert!(sources::same_document(&c, d, n)
        .1
        .iter()
        .any(|s| s.contains("JWPC 476/1") && s.contains("JWPC 467/1")));
}

#[test]
fn look_alikes_stay_apart() {
    let c = corpus();
    // Same day, different correspondents.
    assert!(!same(&c, "thesis:V:25").contains(&"thesis:V:26".to_string()));
    // Same day and sender, addressees the texts never show as one channel (Shtykov to
    // Gromyko and to Stalin, 19 July 1950; to Stalin and to Vyshinsky, 19 August 1950).
    assert!(!same(&c, "thesis:V:38").contains(&"thesis:V:116".to_string()));
    assert!(!same(&c, "thesis:V:47").contains(&"thesis:V:48".to_string()));
    // Same day and addressee, senders never shown as one channel.
    assert!(!same(&c, "thesis:V:68").contains(&"thesis:V:87".to_string()));
    // A document cited from a book joins no archival one of its day without its sender: the
    // Chinese party's record of Mikoyan's talk with Mao (thesis V:16) is not the Soviet
    // report of it (VI:14), and `Military Compilation Institute …, Shikin's report …, 25 Dec
    // 1945` (II:5) is not AVPRF's undescribed document of that day (III:24).
    assert!(same(&c, "thesis:V:16").is_empty());
    assert!(same(&c, "thesis:II:5").is_empty());
    // Same delo, different reports.
    assert!(!same(&c, "thesis:I:23").contains(&"thesis:I:26".to_string()));
    // Same day and record group, different boxes.
    assert_eq!(
        c.documents[note_index(&c, "article:92").0].citations()[note_index(&c, "article:92").1]
            .len(),
        3
    );
    let (d, n) = note_index(&c, "article:92");
    let sources_of = |k: usize| {
        c.sources().of_work(kwx::corpus::citations::SourceMember {
            doc: d,
            note: n,
            work: k,
        })
    };
    assert_ne!(sources_of(0), sources_of(2));
}

fn kwx(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_kwx"))
        .args(args)
        .output()
        .expect("kwx runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn cli_notes_carry_source_works_and_same_document() {
    let (out, code) = kwx(&["note", "thesis:IV:24", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["source"]["archive"], "IFANS");
    assert_eq!(v["source"]["date"], "1949-09-03");
    assert_eq!(v["source"]["from"], "Tunkin");
    assert!(v["same_document"]
        .as_array()
        .expect("list")
        .iter()
        .any(|s| s == "article:51"));

    let (out, _) = kwx(&["notes", "--archive", "APRF", "--fond", "45", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let ids: Vec<&str> = v
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"thesis:IV:59") && !ids.contains(&"thesis:IV:55"),
        "{ids:?}"
    );

    // A fond nothing cites says so, rather than printing an empty page.
    let (out, code) = kwx(&["notes", "--archive", "APRF", "--fond", "99"]);
    assert_eq!((out.trim(), code), ("no note matches", 0));
    let (out, _) = kwx(&["notes", "--archive", "APRF", "--fond", "99", "--json"]);
    assert_eq!(out, "[]\n");

    let (_, code) = kwx(&["notes", "--archive", "NOPE"]);
    assert_eq!(code, 2);
    // An archive by any name the texts give it, in any case: the same notes as its id.
    let listed = |archive: &str| kwx(&["notes", "--archive", archive]);
    for (name, id) in [
        ("rtskhidni", "RGASPI"),
        ("TSAMORF", "TsAMO"),
        ("Soviet Documents", "IFANS"),
        ("Truman Library", "HSTL"),
    ] {
        let (by_name, code) = listed(name);
        assert_eq!(code, 0, "{name}");
        assert!(!by_name.is_empty(), "{name}");
        assert_eq!(by_name, listed(id).0, "{name}");
    }
    // A reference alone is no archive's name.
    assert_eq!(listed("RG 59").1, 2);
}

#[test]
fn a_fond_named_by_an_abbreviation_says_what_it_stands_for() {
    let (out, code) = kwx(&["sources", "--archive", "TsAMO"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("\n  fond USGASK (Upravlenie Grazhdanskoy Administratsiy v Severnoy Koree)\n"),
        "{out}"
    );
    // A numbered fond stands for nothing.
    assert!(out.contains("\n  fond 5\n"), "{out}");
    // Its names, the thesis's first, then kwx's table's; the words filter reads them all.
    let (json, _) = kwx(&["sources", "--archive", "TsAMO", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let usgask = v[0]["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["group"] == "fond USGASK")
        .expect("fond USGASK");
    assert_eq!(
        usgask["stands_for"][0],
        "Upravlenie Grazhdanskoy Administratsiy v Severnoy Koree"
    );
    assert!(usgask["stands_for"]
        .as_array()
        .unwrap()
        .contains(&"Soviet Civil Administration".into()));
    let (civil, _) = kwx(&["sources", "Soviet civil administration"]);
    assert!(civil.starts_with("TsAMO"), "{civil}");
    assert!(civil.contains("(14 notes: thesis 14)"), "{civil}");
}

#[test]
fn cli_sources_filtered_by_words_as_the_pane_is() {
    // Every reading counts: "tunkin" finds the telegram the article reads as Shtykov's, under
    // each archive it is cited from, and a day finds the document of that day.
    let (out, code) = kwx(&["sources", "tunkin", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let labels: Vec<String> = v
        .as_array()
        .expect("archives")
        .iter()
        .flat_map(|a| a["groups"].as_array().expect("groups").iter())
        .flat_map(|g| g["documents"].as_array().expect("documents").iter())
        .filter_map(|d| d["label"].as_str().map(str::to_string))
        .collect();
    assert!(labels.contains(&"1949-09-03 Shtykov to Vyshinsky, telegram".to_string()));
    assert!(labels.contains(&"1949-09-03 Tunkin to Stalin, telegram".to_string()));
    assert!(
        labels.iter().all(|l| l.starts_with("1949-09")),
        "{labels:?}"
    );
    let (out, _) = kwx(&["sources", "1950-01-30"]);
    assert!(out.contains("1950-01-30 Stalin to Kim, telegram"), "{out}");
    // An archive by a spelling of its own: RGASPI's former name.
    let (out_rgaspi, _) = kwx(&["sources", "rtskhidni"]);
    assert!(out_rgaspi.starts_with("RGASPI"), "{out_rgaspi}");
    assert_eq!(out_rgaspi, kwx(&["sources", "rgaspi"]).0);
    // A date as a historian types it finds the same documents.
    for typed in ["30 Jan 1950", "January 30, 1950", "30.1.1950"] {
        let (words, _) = kwx(&["sources", typed]);
        assert_eq!(words, out, "{typed}");
    }
    assert!(out.contains("(1 note: thesis 1)"), "{out}");
    // A date among words narrows them: the day's documents holding the words.
    let (out, _) = kwx(&["sources", "tunkin 14 September 1949"]);
    assert!(
        out.contains("1949-09-14 Tunkin to Stalin, telegram"),
        "{out}"
    );
    assert!(!out.contains("1949-09-03"), "{out}");
    let (out, _) = kwx(&["sources", "stalin kim jan 1950"]);
    assert!(out.contains("1950-01-30 Stalin to Kim, telegram"), "{out}");
    assert!(!out.contains("1949-"), "{out}");
    // Archival references however labelled, as in search.
    let (out, _) = kwx(&["sources", "fond 45 delo 346"]);
    assert!(out.contains("APRF, F.45, Op.1, D.346"), "{out}");
    assert_eq!(out.matches("\n    1").count(), 1, "{out}");
    let (rg, _) = kwx(&["sources", "record group 59"]);
    assert_eq!(rg, kwx(&["sources", "RG 59"]).0);
    // A publication one text names by its title's opening words and the other in full is one
    // entry, named in full (article notes 4 and 81; thesis introduction note 6), and the
    // filter reads the entry whole, as the pane's does: the notes titling it `Soviet aim in
    // Korea` (thesis I:7) stay in it.
    let (out, _) = kwx(&["sources", "--archive", "CWIHP", "soviet aims"]);
    assert!(
        out.contains("Soviet Aims in Korea and the Origins of the Korean War, 1945-1950")
            && out.contains("article:4, article:81, thesis:introduction:6, thesis:I:7"),
        "{out}"
    );
    // Every note's words for a document count, not only its label's (thesis VI:117: `Secret
    // Telegram from Roshchin to Stalin about the conversation between Mao and Yudin`).
    let (out, _) = kwx(&["sources", "yudin"]);
    assert!(
        out.contains("1950-08-20 Roshchin to Stalin, telegram"),
        "{out}"
    );
    // An author's name finds her papers and the documents read in her translations, each
    // saying whose and where.
    let (out, _) = kwx(&["sources", "weathersby"]);
    assert!(
        out.contains("1949-09-03 Shtykov to Vyshinsky, telegram\n      CWIHP, p. 6\n      in Kathryn Weathersby, To Attack, or Not to Attack?"),
        "{out}"
    );
    assert!(
        out.contains("Soviet Aims in Korea and the Origins of the Korean War, 1945-1950: New Evidence from Russian Archives\n      CWIHP\n      by Kathryn Weathersby"),
        "{out}"
    );
    // One entry for a paper however each text titles it (`Soviet aim in Korea …, Working
    // Paper NO.8`; `To Attack, …, Cold War International History Project`).
    assert!(
        out.contains("cited in: article:4, article:81, thesis:introduction:6, thesis:I:7, thesis:II:20, thesis:II:44, thesis:IV:85, thesis:V:1, thesis:VI:13\n"),
        "{out}"
    );
    assert!(
        out.contains("cited in: article:1, article:58, thesis:IV:98, thesis:VI:12\n"),
        "{out}"
    );
    // A publication's series or journal finds it: the CWIHP working papers.
    let (out, _) = kwx(&["sources", "working", "paper"]);
    for title in [
        "Should we fear this? Stalin and the danger of war with America\n",
        "Soviet Aims in Korea and the Origins of the Korean War, 1945-1950",
        "The Sino-Soviet Alliance and China's Entry into the Korean War\n",
    ] {
        assert!(out.contains(title), "{title}: {out}");
    }
    assert!(!out.contains("To Attack, or Not to Attack?"), "{out}");
    // A note citing a document from a book, no archive named, is listed with it but not
    // counted among the archive's notes (thesis IV:28, the Politburo's resolution).
    let (out, _) = kwx(&["sources", "1949-09-24"]);
    assert!(out.contains("(1 note: article 1)"), "{out}");
    assert!(
        out.contains("cited in: article:56, thesis:IV:28 (as Soviet Communist Party Central Committee Politburo; no archive named)"),
        "{out}"
    );
    // Article note 56 cites the Politburo's decision the narrative dates, printed there.
    assert!(
        out.contains("1949-09-24 Politbureau decision\n      CWIHP, pp. 7-8\n      in Kathryn Weathersby, To Attack, or Not to Attack?"),
        "{out}"
    );
    assert!(!out.contains("Soviet aim in Korea"), "{out}");
    // Nothing holds them: said so, and `[]` in JSON.
    let (out, code) = kwx(&["sources", "--archive", "APRF", "tunkin"]);
    assert_eq!((out.as_str(), code), ("no source matches\n", 0));
    let (out, _) = kwx(&["sources", "--archive", "APRF", "tunkin", "--json"]);
    assert_eq!(out.trim(), "[]");
}

#[test]
fn cli_sources_and_cite() {
    // A document known by its reference alone (thesis I:22) is labelled with it, once.
    let (out, code) = kwx(&["sources", "--archive", "TsAMO", "--fond", "23"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.matches("TsAMO, F.23, Op.11318, D.196, p. 95").count(),
        1,
        "{out}"
    );
    assert!(out.contains("cited in: thesis:I:22"), "{out}");
    let (out, code) = kwx(&["sources", "--archive", "TsAMO", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v[0]["archive"], "TsAMO");
    assert!(v[0]["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .any(|g| g["group"] == "fond USGASK"));
    // FRUS volumes are grouped however they are written (`Vol.7`, `VII`), a dated document
    // citing no year in its year's volume, and asked for either way; a titled document read at
    // a further page by `Ibid.` is that document.
    let (out, _) = kwx(&["sources", "--archive", "FRUS", "--fond", "7", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let groups: Vec<&str> = v[0]["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter_map(|g| g["group"].as_str())
        .collect();
    assert_eq!(groups, ["1947 vol. VII", "1949 vol. VII", "1950 vol. VII"]);
    let c = corpus();
    assert!(same(&c, "thesis:VI:22").contains(&"thesis:VI:23".to_string()));
    // A publication of a series (a CWIHP working paper) cited in several notes, whole once
    // and by its short title after, is one entry, without one note's pages.
    let (out, _) = kwx(&["sources", "--archive", "CWIHP", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let aims: Vec<&serde_json::Value> = v[0]["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|g| g["documents"].as_array().expect("documents"))
        .filter(|d| {
            d["label"]
                .as_str()
                .is_some_and(|l| l.starts_with("Soviet Aims in Korea"))
        })
        .collect();
    assert_eq!(aims.len(), 1);
    assert_eq!(
        aims[0]["label"],
        "Soviet Aims in Korea and the Origins of the Korean War, 1945-1950: New Evidence from \
         Russian Archives"
    );
    // Five thesis notes, the two titling it `Soviet aim in Korea …, Working Paper NO.8`, and
    // the article's two naming it `Soviet Aims in Korea`.
    assert_eq!(aims[0]["notes"].as_array().map(Vec::len), Some(9));
    assert_eq!(aims[0]["reference"], "CWIHP");

    // As text, a short form or an Ibid. is the work it repeats, whole, at its own pages.
    let (out, _) = kwx(&["cite", "article:87", "thesis:IV:27", "--format", "text"]);
    assert_eq!(
        out,
        "Sergei N. Goncharov et al., Uncertain Partners: Stalin, Mao, and the Korean War, \
         Stanford: Stanford University Press, 1993, p. 121\n\
         The Telegram from Tunkin to Stalin, IFANS, 1949-09-14, Tunkin to Stalin, telegram\n"
    );
    let (out, code) = kwx(&["cite", "thesis:IV:24", "article:81", "--format", "csl-json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("csl json");
    assert_eq!(v[0]["archive"], "IFANS");
    assert!(v
        .as_array()
        .expect("items")
        .iter()
        .any(|i| i["publisher"] == "Stanford University Press"));
    let (out, _) = kwx(&["cite", "article:81", "--format", "bibtex"]);
    assert!(
        out.contains("@book{article_81_2,")
            && out.contains("publisher = {Stanford University Press}")
    );
    // `Goncharov, et al.`: BibTeX's `and others`.
    assert!(
        out.contains("author = {Goncharov, Sergei N. and others}"),
        "{out}"
    );
    // A bulletin's article is an article though its series has an archive id; a chapter names
    // its book as the book.
    let (out, _) = kwx(&["cite", "article:1", "--format", "bibtex"]);
    assert!(out.contains("@article{article_1_2,"), "{out}");
    assert!(
        out.contains("@incollection{article_1_6,")
            && out.contains(
                "booktitle = {Korea and the Cold War: Division, Destruction, and Disarmament}"
            ),
        "{out}"
    );
    let (text, _) = kwx(&["note", "article:1"]);
    for work in [
        "Diplomatic History, vol. 15, no. 3, 1991, pp. 411-31\n",
        "Cold War International History Project Bulletin, nos. 6-7, 1995, pp. 30-84\n",
    ] {
        assert!(text.contains(work), "{work}: {text}");
    }
    // A journal's issue is its `number` to BibTeX, `issue` to CSL and `IS` to RIS; the
    // Bulletin named short after note 1 gave it that name is named in full.
    assert!(
        out.contains("journal = {Cold War International History Project Bulletin}")
            && out.contains("number = {6-7}"),
        "{out}"
    );
    let (out, _) = kwx(&["cite", "article:9", "--format", "csl-json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("csl json");
    assert_eq!(v[0]["issue"], "8-9");
    assert_eq!(
        v[0]["container-title"],
        "Cold War International History Project Bulletin"
    );
    let (out, _) = kwx(&["cite", "thesis:V:9", "--format", "ris"]);
    assert!(
        out.contains("T2  - China Quarterly\n") && out.contains("IS  - 121\n"),
        "{out}"
    );
    let (out, _) = kwx(&["cite", "article:81", "--format", "ris"]);
    assert!(out.contains("TY  - BOOK") && out.contains("ER  - "));
    // Family name last as the texts mostly write it, first where an East Asian name opens
    // with it (`Chen Jian`, `Okonoki Masao`; `Kook Hoo Kim` ends with his).
    let (out, _) = kwx(&["cite", "article:112", "article:6", "--format", "ris"]);
    for name in ["Chen, Jian", "Okonoki, Masao", "Stueck, William"] {
        assert!(out.contains(&format!("AU  - {name}\n")), "{name}: {out}");
    }
    let (out, _) = kwx(&["cite", "thesis:I:60", "thesis:V:54", "--format", "ris"]);
    assert!(out.contains("AU  - Kim, Kook Hoo\n"), "{out}");
    assert!(out.contains("AU  - Yao, Xu\n"), "{out}");
    // A particle is the family name's, a suffix its own; BibTeX reads `Family, Given` whatever
    // the order written, and a body braced whole.
    let (out, _) = kwx(&["cite", "thesis:I:30", "--format", "ris"]);
    assert!(
        out.contains("AU  - Van Ree, Erik\n") && out.contains("AU  - Grey, Arthur L., Jr\n"),
        "{out}"
    );
    let (out, _) = kwx(&["cite", "thesis:I:30", "article:25", "--format", "bibtex"]);
    for author in [
        "author = {McCune, George M. and Grey, Jr, Arthur L.}",
        "author = {{Ministry of Defense of the Republic of Korea}}",
    ] {
        assert!(out.contains(author), "{author}: {out}");
    }
    // A body's name is whole though each of its words is capitalised; two given names share
    // the surname after them (`Joyce & Gabriel Kolko`).
    let (out, _) = kwx(&[
        "cite",
        "thesis:IV:1",
        "thesis:IV:2",
        "thesis:introduction:20",
        "thesis:V:44",
        "--format",
        "ris",
    ]);
    for author in [
        "AU  - The Korean News Agency\n",
        "AU  - Hanlim University\n",
        "AU  - Seoul Newspaper\n",
        "AU  - Kolko, Joyce\n",
        "AU  - Kolko, Gabriel\n",
    ] {
        assert!(out.contains(author), "{author}: {out}");
    }
    // A newspaper's issue is a newspaper article for the reference manager.
    let (out, _) = kwx(&["cite", "thesis:I:83", "--format", "ris"]);
    assert!(
        out.contains("TY  - NEWS\n") && out.contains("T2  - Pravda\n"),
        "{out}"
    );
    // A telegram printed in Weathersby's article is Shtykov's; Weathersby is its container's,
    // the article (named short, `"To Attack, or Not to Attack?"`) as note 1 cites it whole.
    let (out, _) = kwx(&["cite", "article:51", "--format", "csl-json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("csl json");
    assert_eq!(v[0]["author"][0]["literal"], "Shtykov");
    assert_eq!(v[0]["recipient"][0]["literal"], "Vyshinsky");
    assert_eq!(v[0]["container-author"][0]["family"], "Weathersby");
    assert_eq!(v[0]["container-author"][0]["given"], "Kathryn");
    assert_eq!(
        v[0]["container-title"],
        "To Attack, or Not to Attack? Stalin, Kim Il Sung, and the Prelude to War"
    );
    let (out, _) = kwx(&["cite", "article:51", "--format", "bibtex"]);
    assert!(
        out.contains("author = {{Shtykov}}") && out.contains("bookauthor = {Weathersby, Kathryn}"),
        "{out}"
    );
    // RIS as Zotero reads it: a letter's `A2` is its recipient (the publication's authors
    // are tertiary), `DB` the archive and `AN` the place in it; an archive's document is a
    // manuscript (Zotero reads `UNPB` as a journal article).
    let (out, _) = kwx(&["cite", "article:51", "thesis:IV:78", "--format", "ris"]);
    for line in [
        "AU  - Shtykov\n",
        "A2  - Vyshinsky\n",
        "A3  - Weathersby, Kathryn\n",
        "TY  - MANSCPT\n",
        "DB  - APRF\n",
        "AN  - F.45, Op.1, D.346, pp. 14-23\n",
    ] {
        assert!(out.contains(line), "{line}: {out}");
    }
    assert!(!out.contains("AV  - ") && !out.contains("UNPB"), "{out}");
    // The notes citing the same book whole, in either text: Goncharov's Uncertain Partners
    // from the article's Ibid.
    let (out, _) = kwx(&["note", "article:87", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("note json");
    let same_work: Vec<&str> = v["same_work"]
        .as_array()
        .expect("same_work")
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    for id in [
        "article:81",
        "article:112",
        "thesis:introduction:14",
        "thesis:V:55",
    ] {
        assert!(same_work.contains(&id), "{id}: {same_work:?}");
    }
    assert!(!same_work.contains(&"article:87"), "{same_work:?}");
    let (out, _) = kwx(&["note", "thesis:I:7"]);
    assert!(
        out.contains("  Same work: article:4, article:81, "),
        "{out}"
    );
    // A CWIHP working paper is a report numbered in its series, in every format.
    let (out, _) = kwx(&["cite", "thesis:I:7", "--format", "csl-json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("csl json");
    assert_eq!(v[0]["type"], "report");
    assert_eq!(
        v[0]["title"],
        "Soviet aim in Korea and the Origins of the Korean War"
    );
    assert_eq!(
        v[0]["collection-title"],
        "Cold War International History Project Working Paper"
    );
    assert_eq!(v[0]["number"], "8");
    let (out, _) = kwx(&["cite", "thesis:introduction:6", "--format", "bibtex"]);
    for line in [
        "@techreport{thesis_introduction_6_2,",
        "type = {CWIHP Working Paper}",
        "institution = {Woodrow Wilson Center}",
        "number = {8}",
    ] {
        assert!(out.contains(line), "{line}: {out}");
    }
    let (out, _) = kwx(&["cite", "thesis:V:4", "--format", "ris"]);
    for line in ["TY  - RPRT\n", "SN  - 39\n"] {
        assert!(out.contains(line), "{line}: {out}");
    }
    // A book in a numbered series (thesis note III:69) is still a book, its series apart from
    // its title, in every format.
    let (out, _) = kwx(&["cite", "thesis:III:69", "--format", "csl-json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("csl json");
    assert_eq!(v[0]["type"], "book");
    assert_eq!(v[0]["title"], "The Korean Peoples democratic republic");
    assert_eq!(v[0]["collection-title"], "Hoover Institute Series");
    assert_eq!(v[0]["collection-number"], "11");
    let (out, _) = kwx(&["cite", "thesis:III:69", "--format", "bibtex"]);
    for line in [
        "@book{thesis_III_69,",
        "series = {Hoover Institute Series}",
        "number = {11}",
    ] {
        assert!(out.contains(line), "{line}: {out}");
    }
    let (out, _) = kwx(&["cite", "thesis:III:69", "--format", "ris"]);
    for line in ["TY  - BOOK\n", "T3  - Hoover Institute Series\n"] {
        assert!(out.contains(line), "{line}: {out}");
    }
    // An archive's document of no named sender printed in a publication (article note 96's
    // record of Stalin's meeting with Kim, in Weathersby's article) has no author; Weathersby
    // is still her article's.
    let (out, _) = kwx(&["cite", "article:96", "--format", "csl-json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("csl json");
    assert_eq!(v[2]["title"], "Stalin’s Meeting with Kim Il Sung, Moscow");
    assert!(v[2]["author"].is_null(), "{}", v[2]);
    assert_eq!(v[2]["container-author"][0]["family"], "Weathersby");
    // Without an archive, whoever leads the citation keeps its authorship (thesis I:50: Kim's
    // interview in a newspaper).
    let (out, _) = kwx(&["cite", "thesis:I:50", "--format", "ris"]);
    assert!(out.contains("AU  - Kim, Kook Hoo\n"), "{out}");
    let (_, code) = kwx(&["cite", "article:999"]);
    assert_eq!(code, 2);
}

#[test]
fn cli_cite_takes_a_part_or_a_document_for_all_its_notes() {
    // A chapter exports as its notes listed one by one would, in order.
    let (part, code) = kwx(&["cite", "thesis:IV", "--format", "bibtex"]);
    assert_eq!(code, 0);
    let (notes, _) = kwx(&["notes", "--doc", "thesis", "--part", "IV"]);
    let mut args = vec!["cite", "--format", "bibtex"];
    args.extend(notes.lines().filter_map(|l| l.split_whitespace().next()));
    assert_eq!(args.len(), 3 + 125);
    let (listed, _) = kwx(&args);
    assert_eq!(part, listed);
    assert!(
        part.starts_with("@") && part.contains("thesis_IV_125"),
        "{part}"
    );
    // A document: every note's works, the article's 116 notes among them.
    let (out, _) = kwx(&["cite", "article", "--format", "csl-json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("csl json");
    let items = v.as_array().expect("items");
    assert_eq!(items.first().map(|i| &i["id"]), Some(&"article:1.1".into()));
    assert!(items.iter().any(|i| i["id"] == "article:116"));
    // A part that is not there is named with the parts that are.
    let (out, code) = kwx(&["cite", "thesis:XIV"]);
    assert_eq!((out.as_str(), code), ("", 2));
}

/// A numbered report cited at several pages, or as `ORE18-50`, is one document; the same
/// series number on another day is another.
#[test]
fn a_numbered_report_cited_at_several_pages_is_one_document() {
    let c = corpus();
    let prospects = same(&c, "thesis:VI:78");
    for id in ["thesis:VI:80", "thesis:VI:118", "thesis:VI:119"] {
        assert!(prospects.iter().any(|s| s == id), "{id}: {prospects:?}");
    }
    let capabilities = same(&c, "thesis:VI:82");
    assert!(
        capabilities.iter().any(|s| s == "thesis:VI:120"),
        "{capabilities:?}"
    );
    let (d, n) = note_index(&c, "thesis:VI:82");
    assert!(
        sources::same_document(&c, d, n).1.is_empty(),
        "spacing is no conflict"
    );
    // "Review of the World Situation": CIA 7-50 and CIA 9-50 stay apart.
    assert!(!same(&c, "thesis:VI:91")
        .iter()
        .any(|s| s == "thesis:VI:106"));
    // An item's bare number joins notes of the same series, undated, by its whole title; other
    // items of the series stay apart.
    assert!(same(&c, "article:44").contains(&"article:48".to_string()));
    // A titled document's `Ibid` is that document (the CIA's `Soviet Intervention in the
    // Korean War`, thesis:VI:94-95).
    assert!(same(&c, "thesis:VI:94").contains(&"thesis:VI:95".to_string()));
    assert!(!same(&c, "article:36").contains(&"article:40".to_string()));
}

#[test]
fn a_short_form_of_a_letter_is_that_letter() {
    let c = corpus();
    // `"Cumings's letter to the editor," p. 120` repeats article:63's letter.
    assert_eq!(same(&c, "article:64"), ["article:63"]);
    // `Ibid., pp.801-803` within Wedemeyer's report of pp. 796-903.
    assert_eq!(same(&c, "thesis:VI:48"), ["thesis:VI:47"]);
    // `Ibid., 22 Jan 1947`: another day of Shtykov's diary is another document.
    assert!(same(&c, "thesis:III:45").is_empty());
    // `Ibid., Memo by … 1 Oct 1947`: another document of the same FRUS volume.
    assert!(same(&c, "thesis:VI:49").is_empty());
}

#[test]
fn an_office_and_its_initials_are_one_sender() {
    let c = corpus();
    // "Intelligence Estimate by OIR, Jun 25, 1950, FRUS, 1950, VII, p. 150" and "… by the Office
    // of Intelligence Research (OIR), June 25, 1950, FRUS, 1950, VII, p. 151".
    let estimate = same(&c, "article:54");
    assert!(estimate.iter().any(|s| s == "article:73"), "{estimate:?}");
}
