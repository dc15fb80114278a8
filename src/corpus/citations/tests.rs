//! Citation parsing on literal excerpts of the two texts' notes.

use super::table::Table;
use super::work::{parse_work, works_of_note, Narrative};
use super::CitedKind;

fn work(text: &str) -> super::Work {
    parse_work(text, Table::get(), None)
}

fn note(text: &str) -> Vec<super::Work> {
    works_of_note(text, Table::get(), Narrative::default())
}

/// The works of consecutive notes of one text, Ibid. and short forms resolved.
fn resolved(notes: &[&str]) -> Vec<Vec<super::Work>> {
    let mut works: Vec<Vec<super::Work>> = notes.iter().map(|n| note(n)).collect();
    super::resolve::resolve(&mut works, &[]);
    works
}

#[test]
fn russian_archive_fields_in_every_spelling() {
    let cases = [
        ("TSAMO, Fond USGASK, Opis 343253, Delo 9, The Report on 10th Administration in North Korea, Dec 1945", "TsAMO", Some("USGASK"), "343253", "9"),
        ("TsAMO, Fond 19, Opis266, Delo 277, The Report to I.V. Shikin, on 17 Oct 1945", "TsAMO", Some("19"), "266", "277"),
        ("TsAmo, Fond 379, Opic 578927, Delo 3, Report from Kovyzhenko to Marmorshteryn, 28 Feb 1947, p.21", "TsAMO", Some("379"), "578927", "3"),
        ("TsAMO, Fond 379, Opis 578927, Delo3, The Report on northern Korea by Romanenko, 29 July 1947", "TsAMO", Some("379"), "578927", "3"),
        ("TSAMORF, Telegram from Shtykov to Stalin, 26 August 1950, F.5, OP.918795, D.127, pp.667-669", "TsAMO", Some("5"), "918795", "127"),
        ("RGASPI, Font.558, Opis.11, Delo.62, Listy 71-72", "RGASPI", Some("558"), "11", "62"),
        ("APRF, Conversation between Stalin and Mao in Moscow on 16 Dec 1949, F.45, OP.1, D.329, pp.9-17", "APRF", Some("45"), "1", "329"),
        ("TSAMO, Fond, Opis 687572, Delo 2317, Order no. 00187 by K.A. Meretskov on 20 Nov 1945", "TsAMO", None, "687572", "2317"),
    ];
    for (text, archive, fond, opis, delo) in cases {
        let w = work(text);
        assert_eq!(w.archive.as_deref(), Some(archive), "{text}");
        assert_eq!(w.fond.as_deref(), fond, "{text}");
        assert_eq!(w.opis.as_deref(), Some(opis), "{text}");
        assert_eq!(w.delo.as_deref(), Some(delo), "{text}");
    }
    let w = work("AVPRF, Fond 013, Opis 7, Papka 4, Delo 46, 25 December 1945");
    assert_eq!(
        (w.papka.as_deref(), w.delo.as_deref()),
        (Some("4"), Some("46"))
    );
    assert_eq!(
        work("RGASPI, Font.558, Opis.11, Delo.62, Listy 71-72")
            .pages
            .as_deref(),
        Some("71-72")
    );
}

#[test]
fn documents_dated_and_attributed() {
    let w = work("Institute of Foreign Affairs and National Security, The Secret Telegram from Tunkin to Stalin, 3 Sep 1949");
    assert_eq!(w.archive.as_deref(), Some("IFANS"));
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1949-09-03"));
    assert_eq!(
        (w.from.as_deref(), w.to.as_deref()),
        (Some("Tunkin"), Some("Stalin"))
    );
    assert_eq!(w.kind, Some(CitedKind::Telegram));

    let w = work("Shtykov to Vyshinsky, September 3, 1949 in Weathersby, \"To Attack, or Not to Attack?\" p. 6");
    assert_eq!(w.archive.as_deref(), Some("CWIHP"));
    assert_eq!(
        (w.from.as_deref(), w.to.as_deref()),
        (Some("Shtykov"), Some("Vyshinsky"))
    );
    assert_eq!(w.pages.as_deref(), Some("6"));

    let w = work("RGASPI, Telegram sent to Stalin by the Soviet ambassador in China, Nikolai V. Roshchin, 14 May 1950, F.558, OP.11, D.334, p.56");
    assert_eq!(
        (w.from.as_deref(), w.to.as_deref()),
        (Some("Roshchin"), Some("Stalin"))
    );

    let w = work(
        "Kim Il Sung and Park Hon-Yong to Stalin, September 29, 1950 in Mansourov, ibid., p. 112",
    );
    assert_eq!(w.from.as_deref(), Some("Kim and Park"));

    let w = work("Shtykovs diary on 30 July 1947");
    assert_eq!(
        (w.from.as_deref(), w.kind),
        (Some("Shtykov"), Some(CitedKind::Diary))
    );
    // Notes of a conversation record it; a memorandum of one is a memorandum.
    let w = work("V. K. Wellington Koo, Notes of Conversation with Admiral Leahy on 11 April 1945, Wellington Koo Papers, New York: Butler Library, Columbia University");
    assert_eq!(w.kind, Some(CitedKind::RecordOfConversation));
    let w =
        work("Memorandum of Conversation by Muccio, May 10, 1949, FRUS, 1949, Vol. VII, p. 1017");
    assert_eq!(w.kind, Some(CitedKind::Memorandum));

    // A report date standing as its own part wins over a meeting date inside the title.
    let w = work("TSAMO, Fond USGASK, Opis 102038, Delo 2, The Report on the North Korean provisional Peoples Committee meeting on 10 Aug 1946 by Ignatiev, 12 Aug 1946, p.1");
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1946-08-12"));

    let w = work("Muccio to Acheson, July 1, 1949, 895.00, RG 59");
    assert_eq!(
        (w.archive.as_deref(), w.record_group.as_deref()),
        (Some("NARA"), Some("59"))
    );

    let w = work(
        "CIA, Prospects for Survival of the Republic of Korea, ORE 44-48, 28 Oct 1948, pp.3-8",
    );
    assert_eq!(
        (w.archive.as_deref(), w.number.as_deref()),
        (Some("CIA"), Some("ORE 44-48"))
    );

    let w =
        work("CIA, Probable Soviet Moves to Exploit the Present Situation, NIE-15, 11 Dec 1950");
    assert_eq!(
        (w.from, w.to),
        (None, None),
        "a CIA title's `to` names no one"
    );

    let w = work("Intelligence Estimate by OIR, Jun 25, 1950, FRUS, 1950, VII, p. 150");
    assert_eq!(
        (w.archive.as_deref(), w.frus_year, w.volume.as_deref()),
        (Some("FRUS"), Some(1950), Some("VII"))
    );
    // Thesis note VI:42: a letter dated by its year alone, where a day would be.
    let w = work("FRUS, Robert P. Patterson to G. Marshall, 1947, Vol. IV., p.626");
    assert_eq!(
        (
            w.date.map(|d| d.to_string()),
            w.from.as_deref(),
            w.to.as_deref()
        ),
        (Some("1947".into()), Some("Patterson"), Some("Marshall"))
    );
    assert_eq!((w.frus_year, w.volume.as_deref()), (Some(1947), Some("IV")));
    // The series' year after its name dates no document (thesis note I:84).
    assert_eq!(work("FRUS, 1945, Vol. VI, pp.634-637").date, None);

    // A book is not an archive, whatever it mentions.
    let w = work("Walter Millis (ed.), The Forrestal Diaries 1944-1949, New York: the Viking Press, Declassified and approved for release from CIA in March 2014, p.370");
    assert_eq!(w.archive, None);
}

#[test]
fn a_note_splits_into_its_works() {
    let works = note("Institute of Foreign Affairs and National Security, Letter from Stalin to Gottwald, 27 Aug 1950. (Korean version); RGASPI, Font.558, Opis.11, Delo.62, Listy 71-72.");
    assert_eq!(works.len(), 2);
    assert_eq!(works[1].archive.as_deref(), Some("RGASPI"));

    // Prose is not a citation; what follows "see" is.
    let works = note("175,000 people lived on the southern part of the Ongjin peninsula. See Muccio to Acheson, July 1, 1949, 895.00, RG 59.");
    assert_eq!(works.len(), 1);
    assert_eq!(works[0].from.as_deref(), Some("Muccio"));

    // Letters of one series share the archive named after the last.
    let works = note("For Soviet press articles on the guerrilla activities in the South, see Kirk to Acheson, July 27, 1949; also Kirk to Acheson, August 23, 1949; also Kirk to Acheson, September 7, 1949, 895.00, RG 59.");
    assert_eq!(works.len(), 3);
    assert!(works
        .iter()
        .all(|w| w.record_group.as_deref() == Some("59")));

    // One letter a day.
    let works = note("For Kim’s view, see Shtykov to Vyshinsky, September 3, 1949 and January 19, 1950 in Weathersby, “To Attack, or Not To Attack?” pp. 6, 8.");
    let dates: Vec<String> = works
        .iter()
        .filter_map(|w| w.date)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(dates, ["1949-09-03", "1950-01-19"]);
    // Each letter's year is its own date's, not the first's.
    let years: Vec<_> = works.iter().map(|w| w.year).collect();
    assert_eq!(years, [Some(1949), Some(1950)]);
    // As many pages as letters: a page each, in order (article notes 51 and 66 cite the same
    // two letters at pages 6 and 8).
    let pages: Vec<_> = works.iter().map(|w| w.pages.as_deref()).collect();
    assert_eq!(pages, [Some("6"), Some("8")]);

    // A name's suffix after a stray full stop ends no sentence (thesis note III:26).
    let works = note("McCune & Grey. Jr, Korea Today, p. 201.");
    assert_eq!(works.len(), 1);
    assert_eq!(works[0].authors, ["McCune", "Grey Jr"]);

    // Prose that names where a text is from (article note 56).
    let works = note("The English translation of the Politbureau decision is from Weathersby, \"To Attack, or Not to Attack?\" pp. 7-8.");
    assert_eq!(works.len(), 1);
    assert_eq!(works[0].pages.as_deref(), Some("7-8"));
    assert!(works[0].text.starts_with("Weathersby,"));
}

#[test]
fn ibid_shapes_and_short_titles_reach_the_first_full_citation() {
    let notes = [
        "See Adam B. Ulam, The Communists, p. 79; also Sergei N. Goncharov, et al., Uncertain Partners: Stalin, Mao, and the Korean War (Stanford: Stanford University Press, 1993), pp. 187-92.",
        "Goncharov, et al., ibid., p. 217.",
        "Ibid., p. 121.",
        "Erik Van Ree, Socialism in One Zone: Stalins Policy in Korea 1945-47, Oxford: Bery Publishers, 1989.",
        "Ree, Socialism, p.119.",
        "Ibid, p.268.",
        "Shtykovs diary on 30 July 1947.",
        "Ibid., 22 Jan 1947.",
    ];
    let works = resolved(&notes);
    let origin = |n: usize| works[n][0].ibid_of.map(|r| (r.note, r.work));
    assert_eq!(origin(1), Some((0, 1)), "Goncharov, et al., ibid.");
    assert_eq!(origin(2), Some((0, 1)), "an Ibid. after an Author-ibid");
    assert_eq!(origin(4), Some((3, 0)), "Ree, Socialism");
    assert_eq!(origin(5), Some((3, 0)), "Ibid after a short title");
    assert_eq!(works[1][0].pages.as_deref(), Some("217"));
    assert_eq!(
        works[1][0].publisher.as_deref(),
        Some("Stanford University Press")
    );
    // `et al.` is kept with the authors, and repeated with them.
    assert_eq!(works[0][1].authors, ["Sergei N. Goncharov"]);
    assert!(works[0][1].et_al && works[1][0].et_al && works[2][0].et_al);
    assert!(!works[0][0].et_al && !works[3][0].et_al);
    // Another day of the same diary.
    let diary = &works[7][0];
    assert_eq!(diary.from.as_deref(), Some("Shtykov"));
    assert_eq!(
        diary.date.map(|d| d.to_string()).as_deref(),
        Some("1947-01-22")
    );
}

#[test]
fn a_short_form_before_its_full_citation_reaches_it() {
    // Article notes 76 and 79: the short form comes first; an Ibid of it follows it there.
    let works = resolved(&[
        "Acheson, Present at the Creation, p. 456.",
        "Ibid., p. 460.",
        "Matthew B. Ridgway, The Korean War (Garden City, N.Y.: Da Capo, 1967), p. 42.",
        "For the view of Acheson, see Dean Acheson, Present at the Creation (New York: Norton, 1969), p. 405.",
    ]);
    let short = &works[0][0];
    assert_eq!(short.ibid_of.map(|r| r.note), Some(3));
    assert_eq!(short.authors, ["Dean Acheson"]);
    assert_eq!(short.publisher.as_deref(), Some("Norton"));
    assert_eq!(short.pages.as_deref(), Some("456"));
    assert_eq!(works[1][0].ibid_of.map(|r| r.note), Some(3));
    assert_eq!(works[1][0].pages.as_deref(), Some("460"));
    // A work cited whole twice is not a short form of its second citation.
    let works = resolved(&[
        "Donggil Kim, New Insights into Mao's initial strategic consideration, Cold War History, Vol 16, no.3, June 2016, pp.239-254.",
        "Donggil Kim, New Insights into Mao's initial strategic consideration, Cold War History, Vol 16, no.3, June 2016, pp.239-254.",
    ]);
    assert_eq!(works[0][0].ibid_of, None);
}

#[test]
fn a_short_form_cited_in_full_only_in_the_bibliography_takes_its_entry() {
    // Thesis V:65, VI:62 and introduction:33, whose works the notes never cite in full.
    let bibliography = [
        "Shim, Ji Wha, The Process of making a new Sino-Soviet Treaty, The research of History, Vol.2, 2001.",
        "Shi, Sung Mun & Jo, Yong Jun, The meeting in Panmunjeom, Beijing: Liberation Army Publisher, 1992.",
        "Campbell , John C., & the Research Staff of the Council on Foreign Relations, The United States in World Affairs, 1945-1947, New York & London: Harper & Brothers, 1947.",
        "Institute of Social Science History Research, The History of the Korean War, Vol.24, Pyongyang: Science Encyclopedia Press, 1981.",
    ];
    let mut works: Vec<Vec<super::Work>> = [
        "Shi & Jo, The meeting in Panmunjeom, p.36.",
        "Campbell & the Research Staff of the Council on Foreign Relations, The United States in World Affairs, p.35.",
        "Institute of Social Science History Research, The History of the Korean War, p.577.",
        "Shi & Jo, The talks in Kaesong, p.2.",
    ]
    .iter()
    .map(|n| note(n))
    .collect();
    super::resolve::resolve(&mut works, &bibliography);
    let shi = &works[0][0];
    assert_eq!(shi.authors, ["Sung Mun Shi", "Yong Jun Jo"]);
    assert_eq!(shi.place.as_deref(), Some("Beijing"));
    assert_eq!(shi.publisher.as_deref(), Some("Liberation Army Publisher"));
    assert_eq!((shi.year, shi.pages.as_deref()), (Some(1992), Some("36")));
    // A book, not the record of a meeting its title seemed to name.
    assert_eq!(shi.kind, None);
    // No note holds the full citation.
    assert_eq!(shi.ibid_of, None);
    let campbell = &works[1][0];
    assert_eq!(
        campbell.authors,
        ["John C. Campbell & the Research Staff of the Council on Foreign Relations"]
    );
    assert_eq!(campbell.year, Some(1947));
    let history = &works[2][0];
    assert_eq!(history.volume.as_deref(), Some("24"));
    assert_eq!(history.place.as_deref(), Some("Pyongyang"));
    // Filed under the same authors, but another title: not that book.
    assert_eq!(works[3][0].publisher, None);
}

#[test]
fn a_short_form_ending_with_its_titles_years_has_no_pages() {
    // Thesis introduction:20 and :31: the years end the title, they are not pages.
    let works = resolved(&[
        "Joyce & Gabriel Kolko, The Limits of Power: The World and United States Foreign Policy, 1945-1954, New York: Harper & Row, 1972.",
        "Kolko, The Limits of Power: The World and United States Foreign Policy, 1945-1954",
        "Simmons, The Strained Alliance, 119-123.",
    ]);
    assert_eq!(works[1][0].ibid_of.map(|r| r.note), Some(0));
    assert_eq!(works[1][0].pages, None);
    assert_eq!(works[2][0].pages.as_deref(), Some("119-123"));
}

#[test]
fn a_quoted_short_title_reaches_the_full_citation() {
    let notes = [
        "\"Bruce Cumings's Letter to the Editor,\" CWIHP Bulletin, Nos. 6-7, p. 120.",
        "“The Sources of Soviet Conduct,” Foreign Affairs, Vol. 25, No. 4 (July 1947), p. 575.",
        "For Cumings's view, see \"Cumings's letter to the editor,\" p. 120.",
        // One word is too little to tell which work it shortens.
        "“Conduct,” p. 576.",
    ];
    let works = resolved(&notes);
    let short = &works[2][0];
    assert_eq!(short.ibid_of.map(|r| (r.note, r.work)), Some((0, 0)));
    assert_eq!(short.archive.as_deref(), Some("CWIHP"));
    assert_eq!(short.to.as_deref(), Some("Editor"));
    assert_eq!(
        short.title.as_deref(),
        Some("Bruce Cumings's Letter to the Editor")
    );
    assert_eq!(short.pages.as_deref(), Some("120"));
    assert_eq!(works[3][0].ibid_of, None);
}

#[test]
fn ibid_is_a_whole_word() {
    use super::work::is_plain_ibid;
    assert!(is_plain_ibid("Ibid."));
    assert!(is_plain_ibid("Ibid, p.268."));
    assert!(is_plain_ibid("ibid., p. 153."));
    assert!(is_plain_ibid("ibid"));
    assert!(!is_plain_ibid("Ibidem is not used"));
}

#[test]
fn a_name_glued_to_the_next_field_by_a_comma_ends_there() {
    // thesis:VI:89: no space after the addressee's comma.
    let w = work("RGASPI, A message from Stalin to Gottwald,F.558, OP.11, D.62, pp.71-72");
    assert_eq!(
        (w.from.as_deref(), w.to.as_deref()),
        (Some("Stalin"), Some("Gottwald"))
    );
    assert_eq!(
        (w.fond.as_deref(), w.delo.as_deref()),
        (Some("558"), Some("62"))
    );
}

#[test]
fn a_citation_opening_with_its_date_has_no_date_for_a_title() {
    // Literal article notes 60, 106 and 96.
    for text in [
        "October 24 and 27, 1949, Soviet Documents",
        "February 4 and 9, March 9 and 14, 1950, Soviet Documents",
        "March 20, 1950, Soviet Documents",
    ] {
        let w = work(text);
        assert_eq!(w.archive.as_deref(), Some("IFANS"), "{text}");
        assert_eq!(w.title, None, "{text}");
    }
    assert_eq!(
        work("March 20, 1950, Soviet Documents")
            .date
            .map(|d| d.to_string()),
        Some("1950-03-20".to_string())
    );
}

#[test]
fn a_numbered_series_says_what_its_documents_are() {
    // Literal thesis notes VI:78, VI:102, VI:110, VI:98 and article note 68.
    let cases = [
        (
            "CIA, Prospects for Survival of the Republic of Korea, ORE 44-48, 28 Oct 1948, pp.3-8",
            CitedKind::Report,
        ),
        (
            "CIA, Consequences of the Korean Incident, IM-302, 8 July 1950",
            CitedKind::Memorandum,
        ),
        (
            "CIA, Chinese Communist Intervention in Korea, NIE-2, 6 Nov 1950",
            CitedKind::Report,
        ),
        (
            "CIA, Weekly Intelligence Highlights, No. 106, 27 June 1950, p.2",
            CitedKind::Report,
        ),
        (
            "JWPC 476/1, June 16, 1947, CCS 381 USSR (3-2-46) Sec. 5, RG 218",
            CitedKind::Report,
        ),
    ];
    for (text, kind) in cases {
        assert_eq!(work(text).kind, Some(kind), "{text}");
    }
    // A plural number takes its whole list (article notes 28 and 34); a singular stops at
    // its number, whatever follows (`No.1028, 4. Jan 1949`).
    let cases = [
        ("Nos. 71 and 75, Box 4452, the Numerical Series of Intelligence Documents (ID File), G-2, ACofS, RG 319", "Nos. 71 and 75"),
        ("Intelligence Summary Nos. 2522-2566, 2528, and 2531, Far Eastern Command (FEC), RG 338", "Nos. 2522-2566, 2528, and 2531"),
        ("HQ, USAFIK, G-2 Periodic Report, No. 1028, 4 Jan 1949", "No. 1028"),
        // Thesis conclusion note 4: the General Staff's number, the PDF's space kept.
        ("Institute of Foreign Affairs and National Security, Secret telegram from Mao to Stalin, 7 Nov 1950, the 2nd general bureau of General Staff Department in Soviet Army, N26 637", "N26 637"),
    ];
    for (text, number) in cases {
        assert_eq!(work(text).number.as_deref(), Some(number), "{text}");
    }
    // A kind the description names wins over the series'.
    assert_eq!(
        work("CIA, Memorandum on the situation, ORE 1-50, 1 May 1950").kind,
        Some(CitedKind::Memorandum)
    );
}

#[test]
fn statements_instructions_and_notes_are_no_reports() {
    // Literal thesis notes I:73, V:56 and article notes 92, 101.
    let cases = [
        ("TSAMO, Fond USGASK, Opis 342213, Delo 3, The instruction by Major Zagruzin on 24 Nov 1945", CitedKind::Other, Some("Zagruzin")),
        ("FRUS, Statement issued by the President, 27 June 1950, p.203", CitedKind::Other, Some("Truman")),
        ("\u{201c}Press Release No. 34,\u{201d} January 12, 1950, box 22, Office Files of Marshall D. Shulmann, RG 59", CitedKind::Other, None),
        ("\u{201c}Notes for Far East Speech before National Press Club,\u{201d} January 12, 1950, box 18, Office Files of Marshall Shulmann, RG 59", CitedKind::Other, None),
        ("\u{201c}Notes of Meeting,\u{201d} June 27, 1950, box 78, Records of the Policy Planning Staff, 1947-1953, RG 59", CitedKind::Minutes, None),
    ];
    for (text, kind, from) in cases {
        let w = work(text);
        assert_eq!(w.kind, Some(kind), "{text}");
        assert_eq!(w.from.as_deref(), from, "{text}");
        assert!(w.date.is_some(), "{text}");
    }
}

#[test]
fn a_title_naming_no_kind_leaves_it_to_the_rest_of_the_citation() {
    // Literal thesis note VI:3 (its first work) and article note 109: the sender's verb and
    // the file series say what the title does not.
    let cases = [
        ("FRUS, Top Secret: Strategic Evaluation of United States Security Needs in Japan, 9 June 1949, reported by the Joint Chiefs of Staff, Vol. VII, pp.774-777", Some("Joint Chiefs of Staff")),
        ("\u{201c}Sixty-Ton Tank in Korea,\u{201d} July 9, 1950, box 8, Intelligence Reports, Theater Intelligence, FEC, RG 338", None),
    ];
    for (text, from) in cases {
        let w = work(text);
        assert_eq!(w.kind, Some(CitedKind::Report), "{text}");
        assert_eq!(w.from.as_deref(), from, "{text}");
    }
    // The title's kind still comes first (article note 92: a press release in a file of
    // reports would stay a press release).
    let w = work("\u{201c}Press Release No. 34,\u{201d} January 12, 1950, box 22, Intelligence Reports, RG 59");
    assert_eq!(w.kind, Some(CitedKind::Other));
}

#[test]
fn correspondents_lose_titles_and_dates_but_offices_keep_theirs() {
    let w = note("Assistant Secretary of State Dean Rusk's memo to G. Bernard Noble, Chief of the Division of Historical Policy Research, July 12, 1950, Foreign Relations of the United States, 1945, Vol. VI: the Far East (Washington, D.C.: Government Printing Office, 1969), p. 1039 (hereafter cited as FRUS).");
    assert_eq!(
        (w[0].from.as_deref(), w[0].to.as_deref()),
        (Some("Rusk"), Some("Noble"))
    );
    // An office title alone stays whole.
    let w = work(
        "FRUS, The Acting Secretary of State to the Embassy in the Soviet Union, 26 Aug 1947, pp.7",
    );
    assert_eq!(w.from.as_deref(), Some("Acting Secretary of State"));
    // A month after the name is the date's, not the name's.
    assert_eq!(
        work("The Report by Ilatovskiy in Nov 1945").from.as_deref(),
        Some("Ilatovskiy")
    );
    assert_eq!(
        work("The Report by Romanenko in December 1945, p.1")
            .from
            .as_deref(),
        Some("Romanenko")
    );
    // `General` opens an office's name here, not a person's.
    let w = work("Secret Operation Report by General Staff Department of Public Security Bureau in Home Office of North Korea, SA 2009, Item 9/69, RG 242");
    assert_eq!(
        w.from.as_deref(),
        Some("General Staff Department of Public Security Bureau in Home Office of North Korea")
    );
    // Two authors, each with an appositive: both are the report's.
    let w = work("AVPRF, Report on North Korean matter by D. Zhukov, the Director of the second Far East bureau, and by E. Zabrodin, the Deputy Director of the second Far East bureau on 29 June 1945, F.0430, OP.2, P.18, D.5, pp.1-7");
    assert_eq!(w.from.as_deref(), Some("Zhukov and Zabrodin"));
    // A meeting has participants, not a sender (article note 96), unlike a diary or speech.
    let w = work("“Stalin’s Meeting with Kim Il Sung, Moscow,” March 5, 1949 in Weathersby, “To Attack, or Not to Attack?” p. 6");
    assert_eq!(
        (w.from, w.kind),
        (None, Some(CitedKind::RecordOfConversation))
    );
    assert_eq!(
        work("Shtykovs diary on 30 July 1948").from.as_deref(),
        Some("Shtykov")
    );
    // A body heading the document it made is its sender, past the collection's name.
    assert_eq!(
        work("The Intelligence Bureau of the Central Committee of the Soviet Communist Party, Intelligence Report No.16, September 1946, pp.7-15").from.as_deref(),
        Some("Intelligence Bureau of the Central Committee of the Soviet Communist Party")
    );
    assert_eq!(
        work("Institute of Foreign Affairs and National Security, The International Department of the Soviet Communist Party Central Committee, The report on Kim's visit in Moscow between 30 March and 25 April 1950(Korean version)").from.as_deref(),
        Some("International Department of the Soviet Communist Party Central Committee")
    );
    // A committee's paper not named as a document kind says no more than its title.
    assert_eq!(
        work("The Ad Hoc Committee on Programs for Military Assistance, Additional military assistance to Korea, 23 June 1950, PM-1110, Washington, D.C.: The US Joint Chiefs of Staff").from,
        None
    );
    // A document `of` a titled person or an office is theirs; one `of` things is no one's.
    assert_eq!(
        work("Statement of President Truman, 27 June 1950, DSB, Vol. XXIII, No.574, 3 July 1950, p.5")
            .from
            .as_deref(),
        Some("Truman")
    );
    assert_eq!(
        work("FRUS, Draft Report of Special Interdepartmental Committee on Korea, 25 Feb 1947, Vol. IV., p.612")
            .from
            .as_deref(),
        Some("Special Interdepartmental Committee")
    );
    assert_eq!(
        work(
            "“Spot Reports of Captured Soviet Weapons and Equipments during the Korean War,” box 2, MIS (D/A) Intelligence Division, Target Branch, FEC, RG 338"
        )
        .from,
        None
    );
}

#[test]
fn a_collections_documents_listed_by_date_are_each_a_work() {
    // Literal article note 106 (after its prose): four documents of the collection.
    let w = note("For the amount of barter trade and Soviet loans, see February 4 and 9, March 9 and 14, 1950, Soviet Documents.");
    let dates: Vec<String> = w
        .iter()
        .map(|w| w.date.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(
        dates,
        ["1950-02-04", "1950-02-09", "1950-03-09", "1950-03-14"]
    );
    assert!(w.iter().all(|w| w.archive.as_deref() == Some("IFANS")));
    // Two documents of one file, each with its own title (article note 20).
    let w = note("\"Minutes of the Meeting of the Joint Conference,\" January 19, 1946 and \"Press Release Regarding the US-Soviet Joint Conference,\" February 6, 1946, Minutes of Joint Commission Meeting, RG 43, N.A., Washington, D.C.");
    assert_eq!(w.len(), 2);
    assert_eq!(
        w[1].title.as_deref(),
        Some("Press Release Regarding the US-Soviet Joint Conference")
    );
    assert_eq!(
        (
            w[1].date.map(|d| d.to_string()),
            w[1].record_group.as_deref()
        ),
        (Some("1946-02-06".to_string()), Some("43"))
    );
}

#[test]
fn a_letter_after_a_collections_document_is_of_that_collection() {
    let w = note("Institute of Foreign Affairs and National Security, The Telegram from Stalin to Shtykov, 30 Oct 1949; The telegram to Shtykov by the Central Committee of the Soviet Communist Party, 20 Nov 1949.");
    assert_eq!(w.len(), 2);
    assert_eq!(w[1].archive.as_deref(), Some("IFANS"));
    assert_eq!(w[1].to.as_deref(), Some("Shtykov"));
    // A report with no date or correspondents stays where it was (`KMAG G-3 Operations Report`).
    let w = note("KMAG G-2 Periodic Report No. 198; also KMAG G-3 Operations Report, No. 17.");
    assert_eq!(w[1].archive, None);
}

#[test]
fn an_authors_short_form_with_a_quoted_title_reaches_the_article() {
    let notes = [
        "Kathryn Weathersby, \"The Soviet Role in the Early Phase of the Korean War: New Documentary Evidence,\" Journal of American-East Asian Relations, Vol. 2, No. 4 (Winter 1993), pp. 425-58.",
        "Weathersby, \"The Soviet Role in the Early Phase of the Korean War,\" p. 439.",
        "Bruce Cumings, The Origins of the Korean War, Vol. 2 (Princeton: Princeton University Press, 1990), pp. 568-621.",
        "Ibid., 617.",
    ];
    let mut works: Vec<Vec<super::Work>> = notes.iter().map(|n| note(n)).collect();
    // Pages after the quote are pages, not a journal.
    assert_eq!(works[1][0].container, None);
    super::resolve::resolve(&mut works, &[]);
    let short = &works[1][0];
    assert_eq!(short.ibid_of.map(|r| (r.note, r.work)), Some((0, 0)));
    assert_eq!(
        short.container.as_deref(),
        Some("Journal of American-East Asian Relations")
    );
    assert_eq!(short.pages.as_deref(), Some("439"));
    // A bare number after Ibid. is its own page, not the original's range.
    assert_eq!(works[3][0].pages.as_deref(), Some("617"));
}

#[test]
fn a_short_title_that_adds_what_it_answers_reaches_the_authors_piece() {
    // Article notes 1 to 3: "Response to Ulam" names Weathersby's "Response" with what it
    // answers; Cumings's letter beside the second "Weathersby's Response" is not hers.
    let notes = [
        "For her translation, see Kathryn Weathersby, \"The Soviet Role in the Early Phase of the Korean War: New Documentary Evidence,\" Journal of American-East Asian Relations, Vol. 2, No. 4 (Winter 1993), pp. 425-58.",
        "For the differences in the interpretation of the Soviet documents on the Korean War, see Adam B. Ulam, \"Letter to the Editor of the CWIHP Bulletin\"; Weathersby, \"Kathryn Weathersby's Response,\" in CWIHP Bulletin, No. 4 (Fall 1994), p. 21; also Bruce Cumings, \"Letter to the Editor of the CWIHP Bulletin\" and \"Weathersby's Response,\" in CWIHP Bulletin, Nos. 6-7 (Winter 1995/1996), pp. 120-2.",
        "Weathersby, \"Weathersby's Response to Ulam,\" p. 21; also Weathersby, \"The Soviet Role in the Early Phase of the Korean War,\" p. 439.",
    ];
    let works = resolved(&notes);
    let short = &works[2][0];
    assert_eq!(short.ibid_of.map(|r| (r.note, r.work)), Some((1, 1)));
    assert_eq!(short.archive.as_deref(), Some("CWIHP"));
    assert_eq!(short.container.as_deref(), Some("CWIHP Bulletin"));
    assert_eq!(short.pages.as_deref(), Some("21"));
    // A title that only shares the author's name is no shortening of it.
    let unrelated = resolved(&[notes[0], notes[1], "Weathersby, \"Stalin and Ulam,\" p. 4."]);
    assert_eq!(unrelated[2][0].ibid_of, None);
}

#[test]
fn publications_give_issue_years_pseudonyms_and_the_books_chapters_are_in() {
    let w = work("Kathryn Weathersby, \"The Soviet Role in the Early Phase of the Korean War: New Documentary Evidence,\" Journal of American-East Asian Relations, Vol. 2, No. 4 (Winter 1993), pp. 425-58");
    assert_eq!(w.year, Some(1993));
    let w = work("Jung Sik Lee, The Soviet Secret Documents, Shin Dong-A, Nov.1995, pp.396-397");
    assert_eq!(w.year, Some(1995));
    // A range in the title is no issue's year.
    assert_eq!(
        work("Walter Millis (ed.), The Forrestal Diaries 1944-1949, pp.373-374").year,
        None
    );
    let w = work("“X” [George F. Kennan], “The Sources of Soviet Conduct,” Foreign Affairs, Vol. 25, No. 4 (July 1947), p. 575");
    assert_eq!(w.authors, ["George F. Kennan"]);
    assert_eq!(w.title.as_deref(), Some("The Sources of Soviet Conduct"));
    assert_eq!(w.container.as_deref(), Some("Foreign Affairs"));
    assert_eq!((w.year, w.date, w.kind), (Some(1947), None, None));
    let w = work("Hakjoo Kim, \"Trends in Korean War Studies: A Review of the Literature,\" in Korea and the Cold War: Division, Destruction, and Disarmament, Kim Chull Baum and James I. Matray, eds. (Claremont: Regina Books, 1993), pp. 7-34");
    assert_eq!(
        w.container.as_deref(),
        Some("Korea and the Cold War: Division, Destruction, and Disarmament")
    );
    let w = work("John Gittings, The Great Asian Conspiracy, in the ed., Edward Friedman & Mark Selden, ed., Americas Asia: Dissenting Essays of Asian-American Relations, New York: Vintage Books, 1971, pp.108-145");
    assert_eq!(w.title.as_deref(), Some("The Great Asian Conspiracy"));
    assert_eq!(
        w.container.as_deref(),
        Some("Americas Asia: Dissenting Essays of Asian-American Relations")
    );
    let w = work("Okonoki Masao, \"The Domestic Roots of the Korean War,\" in The Origins of the Cold War in Asia (Tokyo: Tokyo University Press, 1977), p. 299");
    assert_eq!(
        w.container.as_deref(),
        Some("The Origins of the Cold War in Asia")
    );
    // A journal's volume or issue date glued to its name is not the name (article notes 7
    // and 65), and the issue's date gives the year.
    let w = work("Hedley Bull, “Hobbes and the International Anarchy,” Social Research Vol. 48, No. 4, pp. 717-38");
    assert_eq!(w.container.as_deref(), Some("Social Research"));
    let w = work("Wilbur W. Hitchcock, \"North Korea Jumps the Gun,\" Current History (March 1951), pp. 136-44");
    assert_eq!(
        (w.container.as_deref(), w.year),
        (Some("Current History"), Some(1951))
    );
    // A book's part is no journal (article note 68).
    let w = work("US Senate, Committees on Armed Services and Foreign Relations, Military Situation in the Far East, pt. 1 (Washington, D.C., 1951), p. 254");
    assert_eq!(w.container, None);
}

#[test]
fn authors_joined_by_an_ampersand_bodies_and_translators() {
    // Literal thesis notes I:2, I:20, I:34, introduction:1, IV:102 and IV:3.
    let w = work("Erik P. Hoffmann & Fredrick J. Flero, Jr., The Conduct of Soviet Foreign Policy, New York: Aldine, 1980");
    assert_eq!(w.authors, ["Erik P. Hoffmann", "Fredrick J. Flero"]);
    assert_eq!(
        w.title.as_deref(),
        Some("The Conduct of Soviet Foreign Policy")
    );
    let w = work("George M. McCune & Arthur L. Grey Jr, Korea Today, Cambridge: Harvard University Press, 1950, p.192");
    assert_eq!(w.authors, ["George M. McCune", "Arthur L. Grey Jr"]);
    let w = work("Robert M. Slusser (Yonosuke Nagai & Akira Iriye eds.), Soviet Far Eastern Policy 1945-1950: Stalin's Goals in Korea, The Origins of the Cold War in Asia, Tokyo: University of Tokyo Press, 1977, pp.123-146");
    assert_eq!(w.authors, ["Robert M. Slusser"]);
    // The editors named with the author are the book's: the chapter, then their book.
    assert_eq!(
        w.title.as_deref(),
        Some("Soviet Far Eastern Policy 1945-1950: Stalin's Goals in Korea")
    );
    assert_eq!(
        w.container.as_deref(),
        Some("The Origins of the Cold War in Asia")
    );
    // Editors of the book cited whole are its authors' role, not another's book.
    let w = work("Haruki Wada, Bruce Cumings (eds.), The Modern History on before and after the division, Seoul: Ilwolseogak, 1982, p.244");
    assert_eq!(
        (w.title.as_deref(), w.container),
        (
            Some("The Modern History on before and after the division"),
            None
        )
    );
    let w = work(
        "The Defense Ministry of South Korea, The Korean War, Seoul: Ministry of Defense, 1954",
    );
    assert_eq!(w.authors, ["The Defense Ministry of South Korea"]);
    assert_eq!(w.title.as_deref(), Some("The Korean War"));
    let w = work("Adrei Gromiko, Park Hyungkyu(trans.), Gromikos Memoir, Seoul: Literature & Ideology Press, 1990, pp. 125-126");
    assert_eq!(w.title.as_deref(), Some("Gromikos Memoir"));
    let w = work("The Soviet Academy of Asian Study, the Board of National Unification(trans.), The Relations between North Korea and the USSR, 1945-1980, Seoul: The Board of National Unification Press, 1987, pp.87-88");
    assert_eq!(w.authors, ["The Soviet Academy of Asian Study"]);
    assert_eq!(
        w.title.as_deref(),
        Some("The Relations between North Korea and the USSR, 1945-1980")
    );
    // An imprint dated by month and year; a translator written `(Translate)`.
    let w = work("Institute on Unification Research, The Research on myth of Kim Il Sung, Seoul: Institute on Unification Research, Nov 2006, p.278");
    assert_eq!(
        (w.title.as_deref(), w.place.as_deref(), w.date),
        (
            Some("The Research on myth of Kim Il Sung"),
            Some("Seoul"),
            None
        )
    );
    let w = work("C.L. Hogue, Bokryong Shin & wonduk Kim (Translate), The report of division in Korea, Seoul: Pulbit, 1992, pp. 242-256");
    assert_eq!(w.title.as_deref(), Some("The report of division in Korea"));
    // A state's abbreviation after its city is one place; a question ends the title and
    // the series follows (thesis note IV:107).
    let w = work("Donggil Kim & William Stueck, Did Stalin Lure the United States into the Korean War? North Korea International Documentation Project, Washington, D.C: Woodrow Wilson International Centre for Scholars, June 2008");
    assert_eq!(
        (
            w.title.as_deref(),
            w.container.as_deref(),
            w.place.as_deref(),
            w.year
        ),
        (
            Some("Did Stalin Lure the United States into the Korean War?"),
            Some("North Korea International Documentation Project"),
            Some("Washington, D.C"),
            Some(2008)
        )
    );
    let w = work("Charles M. Dobbs, The Unwanted Symbol: American Foreign Policy, the Cold War, and Korea, 1945-1950, Kent, OH: Kent State University Press, 1981, pp.180-182");
    assert_eq!(w.place.as_deref(), Some("Kent, OH"));
    // A journal's issue by season (thesis note V:5).
    let w = work("Michael Sheng, Beijing's Decision to enter the Korean War, Korea and World Affairs, Summer 1995, p.294");
    assert_eq!(
        (w.title.as_deref(), w.container.as_deref(), w.year),
        (
            Some("Beijing's Decision to enter the Korean War"),
            Some("Korea and World Affairs"),
            Some(1995)
        )
    );
    // A body's document is no body's book, nor is an archive's collection.
    let w = work("Assistant Secretary of State Dean Rusk's memo to G. Bernard Noble, Chief of the Division of Historical Policy Research, July 12, 1950, Foreign Relations of the United States, 1945, Vol. VI: the Far East (Washington, D.C.: Government Printing Office, 1969), p. 1039");
    assert_eq!((w.from.as_deref(), w.authors.len()), (Some("Rusk"), 0));
    let w = work("Ministry of Foreign Affairs in South Korea, A secret Telegram from Stalin to Mao, 14 May 1950, in The Summary of documentations about the Korean War (Jan 1949 - August 1953), 1996, pp.24-27");
    assert_eq!(w.archive.as_deref(), Some("IFANS"));
    assert_eq!(w.from.as_deref(), Some("Stalin"));
}

#[test]
fn a_books_title_leaves_out_its_editor_translator_and_edition() {
    // Literal article notes 7, 30, 70 and 74, and thesis note III:12.
    let cases = [
        ("Thomas Hobbes, Leviathan, C. B. Macpherson, ed. (Harmondsworth: Penguin, 1968), pt. I, Ch. 13, p. 186", "Leviathan"),
        ("Gromyko, Memoirs, Harold Shukman, trans. (London: Hutchinson, 1989), p. 101", "Memoirs"),
        ("R. R. Palmer and Joel Colton, A History of the Modern World, 7th ed. (New York: McGraw-Hill, 1992), p. 727", "A History of the Modern World"),
        ("Hans J. Morgenthau, Politics Among Nations, 6th ed., Kenneth W. Thompson, rev. (New York: Knopf, 1985), pp. 34-89", "Politics Among Nations"),
        // Thesis note III:12: the translator between the original title and the translation's;
        // the title is the original's, as where the translator follows it.
        ("V. Sobakin, Marksizm-Leninism o Problemakh Voiny i Mira, trans. by Andrei Zur, Marxism-Leninism on War and Peace, Moscow: Progress Publishers, 1983, pp.62-65.", "Marksizm-Leninism o Problemakh Voiny i Mira"),
        // A title's own last word is kept.
        ("Robert R. Simmons, The Strained Alliance (New York: Free Press, 1975), pp. 105-10", "The Strained Alliance"),
    ];
    for (text, title) in cases {
        assert_eq!(work(text).title.as_deref(), Some(title), "{text}");
    }
}

#[test]
fn a_plain_ibid_after_a_short_form_keeps_the_short_forms_pages() {
    // Literal thesis notes I:67, II:15 and II:16: `Ibid.` points at the full citation and is
    // at the page the note before it gives, not the full citation's.
    let works = resolved(&[
        "Doklad ob itogakh raboty Upravleniya Sovetskoy Granzhdanskoy Administratsii v Severnoi Koree za tri goda(avgust 1945 noyabr 1948), Tom 1, Phkenvyan, Oktyabrya, 1948, pp.6-7.",
        "Doklad, Tom 1, 1948, p.4.",
        "Ibid.",
    ]);
    let ibid = &works[2][0];
    assert_eq!(ibid.ibid_of.map(|r| r.note), Some(0));
    assert_eq!(ibid.pages.as_deref(), Some("4"));
    assert_eq!(ibid.volume.as_deref(), Some("1"));
}

#[test]
fn a_short_form_by_two_names_reaches_the_work_by_both_before_an_earlier_one_by_one() {
    // Literal thesis notes I:45, I:47 and I:63; then introduction:10, III:41 and IV:104, whose
    // sentence names M. Park: between two books by one surname the earlier stays.
    let works = resolved(&[
        "Jung Sik Lee, The History of a communistic drive for the spread of communism in Korea II, Seoul: Dolbegye, 1986, p.424.",
        "Jung Sik Lee & Robert A. Scalapino, Communism in Korea II, Berkeley: University of California Press, 1972, pp.919-929",
        "Scalapino & Lee, Communism in Korea, pp.380-381.",
        "Myong Rim Park, The Origin of the Korean War 2, Seoul: Nanam Press, 1996",
        "Tae Gyun Park, The Korean War, Seoul: Chackguahamke, 2012, pp.38-51.",
        "Park, The Korean War, p.200.",
    ]);
    let ibid = |note: usize| works[note][0].ibid_of.map(|r| r.note);
    assert_eq!(ibid(2), Some(1));
    assert_eq!(ibid(5), Some(3));
}

#[test]
fn a_short_form_worded_otherwise_reaches_the_authors_one_article_in_its_journal() {
    // Literal thesis notes I:5 and II:19, then IV:87 and IV:122: a second article by an author
    // in the journal, cited with its own volume and year, is no short form.
    let works = resolved(&[
        "In Gon Yeo, The Soviet Policy towards Korea between 1945 and 1948, Asia Culture, Vol.8, 1992, pp.131-52.",
        "Yeo, The Soviet Policy toward the Korean Peninsula 1945-1948, Asia Culture, p.135.",
        "Kyu Song Yang, In which way did Stalin support the Korean War? The 21 Century, Vol.81, 2004, pp.136-140.",
        "Kyu Song Yang, Mao, Stalin and the Korean War, The 21 Century, Vol.81, 2004, pp.136-141.",
    ]);
    let short = &works[1][0];
    assert_eq!(short.ibid_of.map(|r| (r.note, r.work)), Some((0, 0)));
    assert_eq!(short.authors, ["In Gon Yeo"]);
    assert_eq!(
        short.title.as_deref(),
        Some("The Soviet Policy towards Korea between 1945 and 1948")
    );
    assert_eq!(
        (short.volume.as_deref(), short.year),
        (Some("8"), Some(1992))
    );
    assert_eq!(short.pages.as_deref(), Some("135"));
    assert_eq!(works[3][0].ibid_of, None);
    assert_eq!(
        works[3][0].title.as_deref(),
        Some("Mao, Stalin and the Korean War")
    );
}

#[test]
fn a_title_repeated_alone_reaches_its_book_and_a_comma_imprint_is_read() {
    let notes = [
        "Bruce Cumings, The Origins of the Korean War, Vol. 2 (Princeton: Princeton University Press, 1990), pp. 568-621.",
        "The Origins of the Korean War, Vol. 2, pp. 356-57.",
        "Adam Ulam, The Communists: the Story of Power and Lost Revolution, 1948-1991 (New York, Charles Scribner's Sons, 1992), p. 79.",
    ];
    let works = resolved(&notes);
    let short = &works[1][0];
    assert_eq!(short.ibid_of.map(|r| (r.note, r.work)), Some((0, 0)));
    assert_eq!(short.authors, ["Bruce Cumings"]);
    assert_eq!(short.pages.as_deref(), Some("356-57"));
    let ulam = &works[2][0];
    assert_eq!(
        ulam.title.as_deref(),
        Some("The Communists: the Story of Power and Lost Revolution, 1948-1991")
    );
    assert_eq!(
        (
            ulam.place.as_deref(),
            ulam.publisher.as_deref(),
            ulam.container.as_deref()
        ),
        (Some("New York"), Some("Charles Scribner's Sons"), None)
    );
    // A place with a comma is no publisher.
    assert_eq!(
        work(
            "US Senate, Military Situation in the Far East, pt. 1 (Washington, D.C., 1951), p. 254"
        )
        .publisher,
        None
    );
}

#[test]
fn a_question_in_a_title_ends_no_sentence() {
    // A subtitle after the question, the journal in a part of its own.
    let w = note("Larisa Efimova, Did the Soviet Union Instruct Southeast Asian Communists to revolt? New Russian Evidence on the Calcutta Youth Conference of February 1948, Journal of Southeast Asian Studies, Vol.40, No.3, 2009, pp. 455-463.");
    assert_eq!(w.len(), 1);
    assert_eq!(
        w[0].title.as_deref(),
        Some("Did the Soviet Union Instruct Southeast Asian Communists to revolt? New Russian Evidence on the Calcutta Youth Conference of February 1948")
    );
    assert_eq!(
        w[0].container.as_deref(),
        Some("Journal of Southeast Asian Studies")
    );
    assert_eq!(
        (w[0].year, w[0].pages.as_deref()),
        (Some(2009), Some("455-463"))
    );
    // The journal right after the question.
    let w = note("Kyu Song Yang, In which way did Stalin support the Korean War? The 21 Century, Vol.81, 2004, pp.136-140.");
    assert_eq!(w.len(), 1);
    assert_eq!(
        w[0].title.as_deref(),
        Some("In which way did Stalin support the Korean War?")
    );
    assert_eq!(w[0].container.as_deref(), Some("The 21 Century"));
    // A quoted chapter's book with a question in its title.
    let w = note("For the discussion, see Robert O. Keohane, “Hobbes’s Dilemma and Institutional Change in World Politics,” in Whose World Order? Uneven Globalization and the End of the Cold War, Hans-Hensik Holm and Georg Sorensen, eds. (Boulder: Westview Press, 1995), pp. 165-86.");
    assert_eq!(w.len(), 1);
    assert_eq!(
        w[0].container.as_deref(),
        Some("Whose World Order? Uneven Globalization and the End of the Cold War")
    );
    assert_eq!(w[0].publisher.as_deref(), Some("Westview Press"));
    // A question that is prose still ends its sentence, and a citation opening with "See"
    // is its own.
    let w = note("Was this a civil war, as Cumings argues? See Weathersby, \"To Attack, or Not to Attack?\" p. 8.");
    let last = w.last().expect("the citation");
    assert!(last.text.starts_with("Weathersby"), "{}", last.text);
    assert_eq!(last.pages.as_deref(), Some("8"));
}

#[test]
fn a_box_after_see_is_a_citation_and_no_part_of_the_title() {
    // Article note 101: "see" before a lower-case box.
    let works = note("For the original draft of Truman’s statement, see box 243, Korean War File, Presidential Secretary’s File (PSF), Harry S. Truman Library.");
    assert_eq!(works.len(), 1);
    let w = &works[0];
    assert_eq!(w.archive.as_deref(), Some("HSTL"));
    assert_eq!(w.box_number.as_deref(), Some("243"));
    assert_eq!(
        w.title.as_deref(),
        Some("Korean War File, Presidential Secretary’s File (PSF)")
    );
    // A box files it: a document, shown with the note's sources (like FRUS's pages).
    assert!(w.is_document());
    assert!(work("FRUS, 1945, Vol. VI, pp.634-637").is_document());
    // "to see if …" is still prose.
    assert!(note("It remains to see if the box was opened.").is_empty());
}

#[test]
fn a_plural_series_takes_the_archive_of_its_singular() {
    // Article notes 34 and 64: `Intelligence Summaries` after `Intelligence Summary …, RG 338`.
    let notes = [
        "See Intelligence Summary Nos. 2522-2566, 2528, and 2531, Far Eastern Command (FEC), RG 338.",
        "FEC Intelligence Summaries Nos. 2611, 2618, and 2715.",
    ];
    let works = resolved(&notes);
    assert_eq!(works[1][0].archive.as_deref(), Some("NARA"));
    assert_eq!(works[1][0].record_group.as_deref(), Some("338"));
}

#[test]
fn an_imprint_dated_to_the_day_and_a_volume_issue_pair() {
    // Thesis note VI:1: a newspaper's imprint with its day.
    let w = work("Hak Joon Kim, The Chinese documents about the Korean War, Dong-a Ilbo, Seoul: Dong-a Ilbo press, 22 Nov 1999");
    assert_eq!(w.place.as_deref(), Some("Seoul"));
    assert_eq!(w.publisher.as_deref(), Some("Dong-a Ilbo press"));
    assert_eq!(w.year, Some(1999));
    // The newspaper after the title is where the piece is printed.
    assert_eq!(
        (w.title.as_deref(), w.container.as_deref()),
        (
            Some("The Chinese documents about the Korean War"),
            Some("Dong-a Ilbo")
        )
    );
    // Thesis note IV:67: `22: 551` is the bulletin's volume and issue, not a place.
    let w = work("U.S. Department of State, U.S. Department of State bulletin, 22: 551, 23 Jan 1950, pp.111-116");
    assert_eq!((w.place, w.publisher), (None, None));
}

#[test]
fn a_journal_cited_by_volume_without_a_title_is_the_container() {
    // Thesis note IV:67 (the issue printing Acheson's Press Club speech): the department writes
    // in its own bulletin, and `22: 551` is the volume and the issue, the pages given apart.
    let w = work("U.S. Department of State, U.S. Department of State bulletin, 22: 551, 23 Jan 1950, pp.111-116");
    assert_eq!(w.authors, ["U.S. Department of State"]);
    assert_eq!(
        w.container.as_deref(),
        Some("U.S. Department of State bulletin")
    );
    assert_eq!(w.title, None);
    assert_eq!(
        (w.volume.as_deref(), w.issue.as_deref()),
        (Some("22"), Some("551"))
    );
    assert_eq!((w.pages.as_deref(), w.year), (Some("111-116"), Some(1950)));
    // A journal's issue is no document: no kind, and no date, the day being the issue's (as
    // in thesis V:23's `Department of State Bulletin, Vol.23, No.575, 10 July 1950`).
    assert_eq!((w.kind, w.date, w.archive), (None, None, None));
    let w = &note("Dean Acheson, Department of State Bulletin, Vol. 22, p. 111.")[0];
    assert_eq!(w.container.as_deref(), Some("Department of State Bulletin"));
    assert_eq!(
        (w.title.as_deref(), w.volume.as_deref()),
        (None, Some("22"))
    );
    // A book's volume, with its imprint, stays the book's (thesis note VI:53).
    let w = work("Kenneth W. Condit, The History of the Joint Chiefs of Staff 1947-1950, Vol. II., Washington D.C.: M. Glazier, 1949, pp.213-214");
    assert_eq!(
        w.title.as_deref(),
        Some("The History of the Joint Chiefs of Staff 1947-1950")
    );
    assert_eq!(w.container, None);
    // `22: 551` is read only as two numbers: a place and publisher are not.
    let w = work("Wada Haruki, Korea, Seoul: Minumsa, 1992, p. 5");
    assert_eq!((w.place.as_deref(), w.volume), (Some("Seoul"), None));
}

#[test]
fn an_imprint_past_a_publishers_second_part_a_volume_or_with_no_publisher() {
    // (citation, title, place, publisher, year); none of them is in a journal.
    let cases = [
        // Thesis note I:14: the publisher's name runs on past its comma, and a place with a
        // year is an imprint with no publisher (not a journal called `Moskva`).
        ("P. Kraynov, Strany Vostochnoy Azii(Mir, Kitay, Yaponiya, Koreya), Moskva: Voennoe Izdatelstvo, Ministerstvo Vooruzhennykh Sil Soyuza CCR, 1947", "Strany Vostochnoy Azii(Mir, Kitay, Yaponiya, Koreya)", Some("Moskva"), Some("Voennoe Izdatelstvo, Ministerstvo Vooruzhennykh Sil Soyuza CCR"), 1947),
        ("I.L. Kravtsov, Agressiya Amerikanskogo Imperializma v Koree(1945-1951), Moskva, 1951", "Agressiya Amerikanskogo Imperializma v Koree(1945-1951)", Some("Moskva"), None, 1951),
        // Thesis note I:8: an institute of the Academy publishes.
        ("E.M. Zhukov, Krizis kolonialnoy sistemy, Moskva: Tikhookeanskiy Institut, Akademiya Nauk SSSR, 1949", "Krizis kolonialnoy sistemy", Some("Moskva"), Some("Tikhookeanskiy Institut, Akademiya Nauk SSSR"), 1949),
        // Thesis note I:21: a state after its city, `Inc` after the publisher, the edition no
        // part of the title.
        ("Harry Schwartz, Russia's Soviet Economy, 2nd ed., Englewood Cliffs, N.J.: Prentice-Hall, Inc, 1954.", "Russia's Soviet Economy", Some("Englewood Cliffs, N.J."), Some("Prentice-Hall, Inc"), 1954),
        // Thesis note I:86: a company with its year, no place.
        ("Harry S. Truman, 1945: Year of Decision, Vol.1, New Word City, Inc., 2017, pp.440-441.", "1945: Year of Decision", None, Some("New Word City, Inc."), 2017),
        // Thesis note VI:33: the volume between the publisher and the year.
        ("Dmitril Volkogonov, Triumf Tragegiia, Moscow: Novosti, vol.2, 1989, p.108.", "Triumf Tragegiia", Some("Moscow"), Some("Novosti"), 1989),
    ];
    for (text, title, place, publisher, year) in cases {
        let w = work(text);
        assert_eq!(
            (
                w.title.as_deref(),
                w.place.as_deref(),
                w.publisher.as_deref(),
                w.container.as_deref(),
                w.year
            ),
            (Some(title), place, publisher, None, Some(year)),
            "{text}"
        );
    }
}

#[test]
fn a_journals_volume_number_is_no_part_of_its_name() {
    // Thesis note IV:50; `The 21 Century, Vol.81` (IV:87) keeps its number.
    let w = work("Donggil Kim, Stalin's Korean U-Turn: The USSRs Evolving Security Strategy and the Origins of the Korean War, Seoul Journal of Korean Studies 24, No.1, June 2011, pp.89-114.");
    assert_eq!(
        w.container.as_deref(),
        Some("Seoul Journal of Korean Studies")
    );
    assert_eq!(w.year, Some(2011));
    let w = note("Kyu Song Yang, In which way did Stalin support the Korean War? The 21 Century, Vol.81, 2004, pp.136-140.");
    assert_eq!(w[0].container.as_deref(), Some("The 21 Century"));
}

#[test]
fn a_series_named_first_holds_the_volume_titled_after_it() {
    // Thesis note IV:101: the volume's title, FRUS its series (not a book titled "FRUS").
    let w = work("FRUS, The Far East and Australasia, Vol.7, Washington, D.C.: US Government Printing Office, 1949.");
    assert_eq!(w.archive.as_deref(), Some("FRUS"));
    assert_eq!(w.title.as_deref(), Some("The Far East and Australasia"));
    assert_eq!(w.container.as_deref(), Some("FRUS"));
    assert_eq!((w.volume.as_deref(), w.frus_year), (Some("7"), Some(1949)));
}

#[test]
fn a_title_going_on_with_its_year_is_no_author() {
    // Thesis note III:9: "Foreign Policy of the Soviet Union, 1946" (god: year), no author.
    let w = work("Vneshnyaya Politika Sovetskogo Soyuza, 1946 god, Moskva: Gosudarstvennoe Izdatelstvo Politicheskoy Literatury, p.808.");
    assert!(w.authors.is_empty(), "{:?}", w.authors);
    assert_eq!(
        w.title.as_deref(),
        Some("Vneshnyaya Politika Sovetskogo Soyuza, 1946 god")
    );
    assert_eq!(w.place.as_deref(), Some("Moskva"));
}

#[test]
fn pages_written_bare_after_an_imprint_are_the_books_not_the_quoting_works() {
    // Article notes 25 and 45: the book's page, then where it is quoted.
    let w = work("Ministry of Defense of the Republic of Korea, Hanguk Chonjang-sa (History of the Korean War), Vol. II (Seoul: Ministry of Defense, 1969), 221, quoted in “Comment: Robert R. Simmons,” China Quarterly, Vol. 54 (April-June 1973), p. 355, (n. 5)");
    assert_eq!(w.pages.as_deref(), Some("221"));
    let w = work("Donald S. MacDonald, U.S.-Korean Relations from Liberation to Self-Reliance (Boulder: Westview Press, 1992), 23-4, 80, quoted in Cumings’s letter to the editor of the CWIHP Bulletin, Nos. 6-7, p. 121, (note 1)");
    assert_eq!(w.pages.as_deref(), Some("23-4,80"));
    // A year after a bracketed period is no page (thesis note VI:9).
    let w = work("Ministry of Foreign Affairs in South Korea, A secret Telegram from Stalin to Mao, 14 May 1950, in The Summary of documentations about the Korean War (Jan 1949 - August 1953), 1996, pp.24-27");
    assert_eq!(w.pages.as_deref(), Some("24-27"));
}

#[test]
fn a_newspaper_is_where_a_piece_is_printed_not_its_author() {
    // Thesis notes I:83, IV:72, I:42, I:50.
    let w = work("Pravda, 17 Sep 1945.");
    assert!(w.authors.is_empty());
    assert_eq!(w.container.as_deref(), Some("Pravda"));
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1945-09-17"));
    let w = work("Munhwa Ilbo, Interview with Kathryn Weathersby, 17 Dec 2012");
    assert!(w.authors.is_empty());
    assert_eq!(
        (w.title.as_deref(), w.container.as_deref(), w.kind),
        (
            Some("Interview with Kathryn Weathersby"),
            Some("Munhwa Ilbo"),
            Some(CitedKind::Interview)
        )
    );
    let w = work("Cipherd telegram, Stalin and Antonov to Vasilevsky and the military councils of the Maritime Military District and the 25th army, 20 September 1945, in Mainichi Shimbun, 26 February 1993.");
    assert!(w.authors.is_empty());
    assert_eq!(w.container.as_deref(), Some("Mainichi Shimbun"));
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1945-09-20"));
    // An interview printed in a paper is its interviewer's.
    let w = work("Kook Hoo Kim, The Interview with Ivan Ivanovich Kovalenko, Jung-ang Daily Mail, 8 May 1992.");
    assert_eq!(w.authors, ["Kook Hoo Kim"]);
    assert_eq!(w.container.as_deref(), Some("Jung-ang Daily Mail"));
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1992-05-08"));
    // A book review in a journal is the journal's article, no report (thesis note VI:16),
    // though the CIA's review of the situation is one (VI:91).
    let w = work("John Merrill, Review of Khrushchev Remembers, Vol. 1, Strobe Talbott, trans. and ed.; The Last Testament, Vol. 2, idem, Journal of Korean Studies, Vol.3, 1981, p.187.");
    assert_eq!(
        (w.authors.as_slice(), w.kind),
        (&["John Merrill".to_string()][..], None)
    );
    assert_eq!(w.container.as_deref(), Some("Journal of Korean Studies"));
    let w = work("CIA, Review of the World Situation, CIA 7-50, 19 July 1950");
    assert_eq!(w.kind, Some(CitedKind::Report));
    // Thesis note IV:95.
    let w = work("Chinese Peoples Daily News, 17 November 1949, p.1");
    assert_eq!(
        (w.container.as_deref(), w.date.map(|d| d.to_string())),
        (
            Some("Chinese Peoples Daily News"),
            Some("1949-11-17".into())
        )
    );
    // A paper's book, with its imprint, is the paper's (thesis note V:44).
    let w = work("Seoul Newspaper, The 30 years of the US army stationed in South Korea, Seoul: Hangrim Publishing Ltd., 1979, p. 146");
    assert_eq!(w.authors, ["Seoul Newspaper"]);
    // A newspaper's team is an author.
    let w = work("Joongang Ilbo Special News Team, The Democratic Peoples Republic of Korea, Seoul: Joongang Ilbo, 1994, p.97");
    assert_eq!(w.authors, ["Joongang Ilbo Special News Team"]);
}

#[test]
fn a_work_read_neither_as_document_nor_publication_keeps_its_year() {
    // Thesis notes I:27 and I:67 (the `Doklad` that `Doklad, Tom 1` repeats).
    assert_eq!(work("Korea Bureau of Public Information, The Beginning and End of the Soviet Military Government, 1950, p.12").year, Some(1950));
    assert_eq!(work("Doklad ob itogakh raboty Upravleniya Sovetskoy Granzhdanskoy Administratsii v Severnoi Koree za tri goda(avgust 1945 noyabr 1948), Tom 1, Phkenvyan, Oktyabrya, 1948, pp.6-7").year, Some(1948));
}

#[test]
fn a_publishers_word_is_a_whole_word() {
    let t = Table::get();
    assert!(t.names_a_publisher("Prentice-Hall, Inc"));
    assert!(t.names_a_publisher("W.W. Norton & Co."));
    assert!(!t.names_a_publisher("Incheon Landing Operation"));
}

#[test]
fn an_intelligence_summary_of_usafik_is_a_dated_report() {
    // Thesis notes VI:27 and VI:28: no book by "HQ", and the next report no short form of it.
    let works = resolved(&[
        "HQ, USAFIK, ISNK, No.1, 1 Dec 1945, Office of the Assistant Chief of Staff, p.5; The US Department of State, North Korea: A Case Study in the Techniques of Takeover, Washington D.C.: USGPO, 1961, p.12.",
        "HQ, USAFIK, G-2 Periodic Report, No.1028, 4. Jan 1949, pp.5-8.",
    ]);
    let w = &works[0][0];
    assert!(w.authors.is_empty());
    assert_eq!(
        (w.kind, w.date.map(|d| d.to_string()), w.number.as_deref()),
        (
            Some(CitedKind::Report),
            Some("1945-12-01".into()),
            Some("No.1")
        )
    );
    assert_eq!(works[1][0].ibid_of, None);
}

#[test]
fn a_familys_second_author_and_the_short_form_naming_both() {
    // Thesis notes V:88 and V:90.
    let works = resolved(&[
        "Evgeniy Bajanov, Natalia Bajanova, The Korean Conflict 1950-1953: The Most Mysterious War of the 20th Century, Moscow: Russian Academy of Foreign Affairs, unpublished, pp.89-92.",
        "Bajanov & Bajanova, The Korean Conflict, p.69.",
    ]);
    assert_eq!(works[0][0].authors, ["Evgeniy Bajanov", "Natalia Bajanova"]);
    assert_eq!(
        works[0][0].title.as_deref(),
        Some("The Korean Conflict 1950-1953: The Most Mysterious War of the 20th Century")
    );
    assert_eq!(works[1][0].ibid_of.map(|r| r.note), Some(0));
}

#[test]
fn a_conference_paper_is_in_its_conference() {
    // Thesis note VI:12.
    let w = note("Hak Jun Kim, The Russian Foreign Ministry Documents of the Origin of the Korean War, at the conference on The Korean War: An Assessment of the Historical Record, Georgetown University, Washington D.C., 24-25 July 1995; Kathryn Weathersby, To Attack, or Not to Attack?: Stalin, Kim Il Sung and the Prelude to War, Cold War International History Project, Washington, D.C: Woodrow Wilson International Centre for Scholars, 2005.");
    assert_eq!(
        (w[0].title.as_deref(), w[0].container.as_deref(), w[0].year),
        (
            Some("The Russian Foreign Ministry Documents of the Origin of the Korean War"),
            Some("conference on The Korean War: An Assessment of the Historical Record"),
            Some(1995)
        )
    );
}

#[test]
fn a_series_is_no_author_and_a_body_reports_to_a_person() {
    // Thesis note introduction:34.
    let w = work("US Daily Intelligence Summary, The Report by North Korean forces to Kim Il Sung, May 1951, No. 3170, FEC, RG 338");
    assert!(w.authors.is_empty());
    assert_eq!(w.number.as_deref(), Some("No. 3170"));
    assert_eq!(w.from.as_deref(), Some("North Korean forces"));
    assert_eq!(w.to.as_deref(), Some("Kim"));
    assert_eq!(w.record_group.as_deref(), Some("338"));
}

#[test]
fn an_ibid_of_another_day_keeps_the_kind_and_takes_its_own_year() {
    // Thesis notes III:44-47.
    let notes = ["Shtykov's diary on 30 July 1947.", "Ibid., 4 April 1946."];
    let works = resolved(&notes);
    let w = &works[1][0];
    assert_eq!(w.kind, Some(CitedKind::Diary));
    assert_eq!(w.from.as_deref(), Some("Shtykov"));
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1946-04-04"));
    assert_eq!(w.year, Some(1946));
}

#[test]
fn a_soviet_journal_dated_by_a_russian_month() {
    // Thesis note II:13.
    let w = work("E. Pigulevskaya, Koreyskiy Narod za Svobody I Nezavisimost i Edinoe Demokraticheskoe Gosudarstvo, Voprosy Economiki, Iyul 1950, p.2");
    assert_eq!(w.container.as_deref(), Some("Voprosy Economiki"));
    assert_eq!(w.year, Some(1950));
}

#[test]
fn in_after_a_title_word_is_no_container() {
    // Thesis note V:11: a report printed in a book whose title holds "in".
    let w = work("Anatoly Torkunov, Report on Kim Il Sung's visit to the Soviet Union between 30 March and 25 April 1950, The War in Korea 1950-1953: Its origin, bloodshed and conclusion, Tokyo: ICF Publishers, 2000, pp.51-52");
    assert_eq!(w.authors, ["Anatoly Torkunov"]);
    assert_eq!(w.kind, Some(CitedKind::Report));
    assert_eq!(
        w.container.as_deref(),
        Some("The War in Korea 1950-1953: Its origin, bloodshed and conclusion")
    );
    assert_eq!(w.publisher.as_deref(), Some("ICF Publishers"));
    // Thesis note conclusion:4: an office "in Soviet Army" is no publication.
    let w = work("Institute of Foreign Affairs and National Security, Secret telegram from Mao to Stalin, 7 Nov 1950, the 2nd general bureau of General Staff Department in Soviet Army, N26 637");
    assert!(w.authors.is_empty() && w.container.is_none());
    // A document read in a publication still is (article note 97).
    let w = work("April 1950 (undated) in Weathersby, “The Soviet Role in the Early Phase of the Korean War,” p. 430");
    assert_eq!(
        w.container.as_deref(),
        Some("The Soviet Role in the Early Phase of the Korean War")
    );
}

#[test]
fn korean_coauthors_without_initials_and_books_named_like_documents() {
    // Thesis note I:75.
    let w = work("Robert A. Scalapino, Jung Sik Lee, The History of Korea Communist movement 2: Liberation part (1945-53), Seoul: Dolbaegae, 1986, p.401");
    assert_eq!(w.authors, ["Robert A. Scalapino", "Jung Sik Lee"]);
    // Thesis note II:42: three authors, and a book titled "The conversation …" is a book.
    let w = work("Kyuha Jo, Kyungmun Lee, Sungjae Gang, The conversation of North and South Korea, Koryo-one Culture Series 29, Seoul: Koryo-one, 1987, p.269");
    assert_eq!(w.authors, ["Kyuha Jo", "Kyungmun Lee", "Sungjae Gang"]);
    assert_eq!(w.kind, None);
    // A translator is no author (thesis note III:74), nor a title's words (`Korea Today`).
    let w = work("A. Inkeles, Lee Kyu Jong(trans.), Public Opinion in Soviet Russia, Seoul: University Literature Company, 1985, p.62");
    assert_eq!(w.authors, ["A. Inkeles"]);
    let w = work("McCune & Grey. Jr, Korea Today, p. 201");
    assert_eq!(w.title.as_deref(), Some("Korea Today"));
}

#[test]
fn a_title_before_a_comma_and_its_date_has_no_comma() {
    // Thesis note I:77.
    let w = work("The Report by Shikin on the south Pyongan Peoples Committee, on 25 Dec 1945");
    assert_eq!(
        w.title.as_deref(),
        Some("The Report by Shikin on the south Pyongan Peoples Committee")
    );
}

#[test]
fn a_message_passed_on_names_its_messenger() {
    // Thesis note V:14.
    let w = work("APRF, Telegram to Stalin by Zhou Enlai through Roshchin, the Soviet ambassador in China, 2 July 1950, F.45, OP.1, D.331, pp.75-77");
    assert_eq!(
        (w.from.as_deref(), w.to.as_deref(), w.via.as_deref()),
        (Some("Zhou"), Some("Stalin"), Some("Roshchin"))
    );
    // "through" outside a letter names no messenger (thesis note III:71).
    let w = work("TSAMO, Fond 25A, Opis 532092, Delo1, The Decision by the 25th Army military council on the coal supply through North Korea's railway, 23 June 1946");
    assert_eq!(w.via, None);
}

#[test]
fn someones_dated_document_printed_in_a_book_is_that_document() {
    // Thesis note II:5.
    let w = work("Military Compilation Institute of Ministry of Defense in ROK, Shikin's report on 25 Dec 1945, Seoul: Military Compilation Institute Press, p.8");
    assert_eq!(w.kind, Some(CitedKind::Report));
    assert_eq!(w.from.as_deref(), Some("Shikin"));
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1945-12-25"));
    assert_eq!(
        w.authors,
        ["Military Compilation Institute of Ministry of Defense in ROK"]
    );
    // Its title, like a document's, does not repeat its date.
    assert_eq!(w.title.as_deref(), Some("Shikin's report"));
    // Nor does a meeting's printed record (thesis note IV:81).
    let w = work("Zhi Hua Shen & Dan Hui Li, The meeting between Stalin and Zhou Enlai on 15 Sep 1952, The Relations between China and the Soviet Union, Vol. 9. Shanghai: International Cold War Research Centre at Hwadong Educational University, 2005, p.2184");
    assert_eq!(
        (w.title.as_deref(), w.date.map(|d| d.to_string())),
        (
            Some("The meeting between Stalin and Zhou Enlai"),
            Some("1952-09-15".into())
        )
    );
    // A ministry publishes, even without a year (thesis note III:7).
    let w = work("The War History Compilation Committee in the Ministry of Defense in Korea, Shtykov's diary on 26 Sep 1946, Seoul: Ministry of Defense");
    assert_eq!(
        (w.kind, w.from.as_deref(), w.title.as_deref()),
        (
            Some(CitedKind::Diary),
            Some("Shtykov"),
            Some("Shtykov's diary")
        )
    );
    assert_eq!(w.publisher.as_deref(), Some("Ministry of Defense"));
    // A title with a subtitle and a range of days is the article's own (article note 1).
    let w = work("Alexander Mansourov, Stalin, Mao, Kim and China's Decision to Enter the Korean War, September 16-October 15, 1950: New Evidence from the Russian Archives,\" CWIHP Bulletin, Nos. 6-7, pp. 94-119");
    assert_eq!((w.from, w.kind), (None, None));
}

#[test]
fn a_file_cited_elsewhere_with_its_record_group_is_that_archives() {
    // Article notes 17 and 47.
    let notes = [
        "175,000 people lived on the southern part of the Ongjin peninsula. See Muccio to Acheson, July 1, 1949, 895.00, RG 59.",
        "Memorandum of Conversation by Muccio, August 13, 1949, 895.00, quoted in Cumings, The Origins of the Korean War, Vol. 2, p. 393.",
    ];
    let works = resolved(&notes);
    let w = &works[1][0];
    assert_eq!(w.archive.as_deref(), Some("NARA"));
    assert_eq!(w.record_group.as_deref(), Some("59"));
    assert_eq!(w.file.as_deref(), Some("895.00"));
}

#[test]
fn reports_in_a_file_named_with_its_record_group_are_of_it() {
    // Article notes 34 and 46: the G-3 reports are in the "P" File, which the note files
    // under RG 319 for the G-2 reports.
    let notes = [
        "For the reports of the Ongjin incident of August 4, 1949, see KMAG G-2 Periodic Report Nos. 159-161, “P” File, RG 319; also KMAG G-3 Operations Report Nos. 6-7, “P” File.",
        "KMAG G-3 Operations Report No. 6.",
    ];
    let works = resolved(&notes);
    for w in [&works[0][1], &works[1][0]] {
        assert_eq!(w.archive.as_deref(), Some("NARA"), "{}", w.text);
        assert_eq!(w.record_group.as_deref(), Some("319"), "{}", w.text);
    }
    assert_eq!(
        works[0][1].title.as_deref(),
        Some("KMAG G-3 Operations Report Nos. 6-7")
    );
}

#[test]
fn a_misspelt_correspondent_is_filed_under_the_texts_other_spelling() {
    // Thesis note III:75 (`Marmorshteryn`; III:83 spells him `Marmorshteyn`).
    let w = work("TsAmo, Fond 379, Opic 578927, Delo 3, Report from Kovyzhenko to Marmorshteryn, 28 Feb 1947, p.21");
    assert_eq!(w.to.as_deref(), Some("Marmorshteyn"));
}

#[test]
fn initials_or_given_names_joined_before_one_surname_are_each_an_author() {
    // Thesis note IV:19.
    let w = work("J & G Kolko, The Limits of Power: The World and United States Foreign Policy, 1945-1954, New York: Harper & Row, 1972");
    assert_eq!(w.authors, ["J Kolko", "G Kolko"]);
    // Thesis note introduction:20.
    let w = work("Joyce & Gabriel Kolko, The Limits of Power: The World and United States Foreign Policy, 1945-1954, New York: Harper & Row, 1972.");
    assert_eq!(w.authors, ["Joyce Kolko", "Gabriel Kolko"]);
    // Two surnames stay two people.
    let w = work("Hao & Zhai, China's Decision to Enter the Korean War: History revisited, The China Quarterly, p.115");
    assert_eq!(w.authors, ["Hao", "Zhai"]);
}

#[test]
fn a_full_stop_before_an_imprints_place_ends_no_citation() {
    // Thesis note IV:81.
    let works = note("Zhi Hua Shen & Dan Hui Li, The meeting between Stalin and Zhou Enlai on 15 Sep 1952, The Relations between China and the Soviet Union, Vol. 9. Shanghai: International Cold War Research Centre at Hwadong Educational University, 2005, p.2184.");
    assert_eq!(works.len(), 1);
    let w = &works[0];
    assert_eq!(w.place.as_deref(), Some("Shanghai"));
    assert_eq!(w.year, Some(2005));
    assert_eq!(w.pages.as_deref(), Some("2184"));
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1952-09-15"));
}

#[test]
fn a_bodys_committee_is_of_the_author() {
    // Article note 68: the MacArthur hearings.
    let w = &note("For MarArthur's view, see US Senate, Committees on Armed Services and Foreign Relations, Military Situation in the Far East, pt. 1 (Washington, D.C., 1951), p. 254.")[0];
    assert_eq!(
        w.authors,
        ["US Senate, Committees on Armed Services and Foreign Relations"]
    );
    assert_eq!(
        w.title.as_deref(),
        Some("Military Situation in the Far East")
    );
    assert_eq!((w.year, w.pages.as_deref()), (Some(1951), Some("254")));
    // A person's book is not a committee's.
    let w = &note("Dean Acheson, Department of State Bulletin, Vol. 22, p. 111.")[0];
    assert_eq!(w.authors, ["Dean Acheson"]);
}

#[test]
fn a_bodys_short_form_reaches_its_book() {
    // Thesis notes I:29 and II:14.
    let notes = [
        "Joongang Ilbo Special News Team, The Democratic Peoples Republic of Korea, Seoul: Joongang Ilbo, 1994, p.97.",
        "Joongang Ilbo Special News Team, The Democratic Peoples Republic of Korea, pp.163-170.",
    ];
    let mut works: Vec<Vec<super::Work>> = notes.iter().map(|n| note(n)).collect();
    assert_eq!(works[1][0].authors, ["Joongang Ilbo Special News Team"]);
    super::resolve::resolve(&mut works, &[]);
    let short = &works[1][0];
    assert_eq!(short.ibid_of.map(|r| (r.note, r.work)), Some((0, 0)));
    assert_eq!(short.year, Some(1994));
    assert_eq!(short.pages.as_deref(), Some("163-170"));
    // Two bodies joined by `&` (thesis V:64 and V:69).
    let works = resolved(&[
        "Chinese Central Literature Research Centre & Chinese Peoples Liberation Army Military Science Institute, The writing by Mao Zedong since the foundation of PRC, Vol.1, Beijing: Central Literature Press, 2010, p.159.",
        "Chinese Central Literature Research Centre & Chinese Peoples Liberation Army Military Science Institute, The writing by Mao since the foundation of PRC, p.180.",
    ]);
    let short = &works[1][0];
    assert_eq!(short.ibid_of.map(|r| r.note), Some(0));
    assert_eq!(
        (short.year, short.pages.as_deref()),
        (Some(2010), Some("180"))
    );
}

#[test]
fn a_soviet_reports_volumes_and_a_document_printed_in_one() {
    // thesis I:67, III:70 and III:73: `Tom` is Russian for volume, `Phkenvyan` Pyongyang, and
    // `Oktyabrya` the month of printing.
    let notes = [
        "Doklad ob itogakh raboty Upravleniya Sovetskoy Granzhdanskoy Administratsii v Severnoi Koree za tri goda(avgust 1945  noyabr 1948), Tom 1, Phkenvyan, Oktyabrya, 1948, pp.6-7.",
        "Doklad, Tom 2, 1948, pp.11-12.",
        "Doklad, Tom 1, 1948, pp.292-310, The Report by Shikin to Bulganin about the establishment of Korean national executive training school, 13 Mar 1946.",
    ];
    let works = resolved(&notes);
    let title = "Doklad ob itogakh raboty Upravleniya Sovetskoy Granzhdanskoy Administratsii v Severnoi Koree za tri goda(avgust 1945  noyabr 1948)";
    let full = &works[0][0];
    assert_eq!(full.title.as_deref(), Some(title));
    assert_eq!(
        (full.volume.as_deref(), full.place.as_deref(), full.year),
        (Some("1"), Some("Phkenvyan"), Some(1948))
    );
    assert_eq!(full.pages.as_deref(), Some("6-7"));
    // Another volume of the same report: its fields, its own volume, no author `Doklad`.
    let second = &works[1][0];
    assert_eq!(second.ibid_of.map(|r| r.note), Some(0));
    assert_eq!(second.title.as_deref(), Some(title));
    assert_eq!(second.volume.as_deref(), Some("2"));
    assert!(second.authors.is_empty());
    // A dated report printed in the first volume: the report, with the volume its container.
    let report = &works[2][0];
    assert_eq!(report.ibid_of.map(|r| r.note), Some(0));
    assert_eq!(
        (report.from.as_deref(), report.to.as_deref(), report.kind),
        (Some("Shikin"), Some("Bulganin"), Some(CitedKind::Report))
    );
    assert_eq!(
        report.date.map(|d| d.to_string()).as_deref(),
        Some("1946-03-13")
    );
    assert_eq!(report.container.as_deref(), Some(title));
    assert_eq!(
        (report.volume.as_deref(), report.pages.as_deref()),
        (Some("1"), Some("292-310"))
    );
}

#[test]
fn a_volume_part_is_a_word_for_volume_and_a_number() {
    use super::work::is_volume_part;
    for part in [
        "Vol. 2", "vol.2", "Vol.VI", "Vol 16", "Volume 3", "Tom 1", "Tom II",
    ] {
        assert!(is_volume_part(part), "{part}");
    }
    for part in ["Volkogonov", "Tom Connally", "Tomsk", "Vol.", "Tom"] {
        assert!(!is_volume_part(part), "{part}");
    }
}

#[test]
fn a_document_named_between_its_collection_and_the_imprint_is_the_document() {
    // thesis VI:18: the Korean collection's summary, the report it prints, then the imprint.
    let w = work("Ministry of Foreign Affairs in South Korea, The Summary of documentations about the Korean War (Jan 1949 - August 1953), The Report on Kim's visit to Moscow between 30 March 1950 and 25 April 1950 by the International Bureau of the Central Committee of the Soviet Communist Party, Moscow: Ministry of Foreign Affairs, 1996.");
    assert_eq!(w.archive.as_deref(), Some("IFANS"));
    assert_eq!(w.kind, Some(CitedKind::Report));
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1950-03-30"));
    // Filed under the name VI:11 gives the same department, so the two are one document.
    assert_eq!(
        w.from.as_deref(),
        Some("International Department of the Soviet Communist Party Central Committee")
    );
    assert_eq!(
        w.title.as_deref(),
        Some("The Report on Kim's visit to Moscow")
    );
    assert_eq!(
        w.container.as_deref(),
        Some("The Summary of documentations about the Korean War")
    );
    assert_eq!(
        (w.place.as_deref(), w.publisher.as_deref(), w.year),
        (
            Some("Moscow"),
            Some("Ministry of Foreign Affairs"),
            Some(1996)
        )
    );
}

#[test]
fn a_title_running_past_its_dates_into_a_subtitle_ends_at_the_bulletin() {
    // thesis V:115: the dates open a part that goes on with its subtitle, and `Issue. 6-7`
    // locates the bulletin's issue.
    let w = work("Alexandre Y. Mansourov, Stalin, Mao, Kim and China's Decision to Enter the Korean War, September 16 October 15 1950: New Evidence from the Russian Archives, Cold War International History Project Bulletin, Issue. 6-7, Washington, D.C.: Woodrow Wilson Centre, 1995/1996, p.105.");
    assert_eq!(
        w.title.as_deref(),
        Some("Stalin, Mao, Kim and China's Decision to Enter the Korean War, September 16 October 15 1950: New Evidence from the Russian Archives")
    );
    assert_eq!(
        w.container.as_deref(),
        Some("Cold War International History Project Bulletin")
    );
    assert_eq!(
        (w.place.as_deref(), w.publisher.as_deref()),
        (Some("Washington, D.C."), Some("Woodrow Wilson Centre"))
    );
    assert_eq!((w.date, w.pages.as_deref()), (None, Some("105")));
}

#[test]
fn an_original_reference_after_a_dated_version_is_that_document() {
    // Thesis note introduction:3: the Korean version, then where the Russian original is kept.
    let w = note("Institute of Foreign Affairs and National Security, Letter from Stalin to Gottwald, 27 Aug 1950. (Korean version); RGASPI, Font.558, Opis.11, Delo.62, Listy 71-72.");
    assert_eq!(w.len(), 2);
    assert_eq!(w[0].archive.as_deref(), Some("IFANS"));
    let original = &w[1];
    assert_eq!(original.archive.as_deref(), Some("RGASPI"));
    assert_eq!(
        (
            original.fond.as_deref(),
            original.delo.as_deref(),
            original.pages.as_deref()
        ),
        (Some("558"), Some("62"), Some("71-72"))
    );
    assert_eq!(
        original.date.map(|d| d.to_string()).as_deref(),
        Some("1950-08-27")
    );
    assert_eq!(
        (original.from.as_deref(), original.to.as_deref()),
        (Some("Stalin"), Some("Gottwald"))
    );
    assert_eq!(original.kind, Some(super::CitedKind::Letter));
    // A reference after an undated work, or one dated to the month, gives nothing.
    let w = note("Shtykov's diary, 1947; TSAMO, Fond 23, Opis 11318, Delo 196, p.95.");
    assert!(w
        .last()
        .is_some_and(|r| r.date.is_none() && r.from.is_none()));
}

#[test]
fn a_books_volume_follows_its_title_unless_a_journal_or_series_is_named() {
    // Thesis note IV:13: one title with a comma in it, the book's second volume.
    let w = work("Kim Il Sung, For Unification, Independence and Democratisation of Korea, Vol.2, Pyongyang: National Peoples Press, 1949, pp.289-305.");
    assert_eq!(
        w.title.as_deref(),
        Some("For Unification, Independence and Democratisation of Korea")
    );
    assert_eq!(
        (w.container.as_deref(), w.volume.as_deref()),
        (None, Some("2"))
    );
    // A journal's (or series') volume with an imprint (V:85, III:32), and a dated document in
    // a book's volume (IV:81), keep their containers.
    let w = work("Kwang Seo Ki, Stalin's role in the Korean War, Military History, Vol.63, Seoul: Josun University Press, June 2007, p.39");
    assert_eq!(w.container.as_deref(), Some("Military History"));
    let w = work("Homin Sim, The politics and ideology in North Korea 2, Communist region research paper, Vol. 7, Asia Cultural Institute, Seoul: Korea University Press, pp. 35-97.");
    assert_eq!(
        w.container.as_deref(),
        Some("Communist region research paper")
    );
    let w = work("Zhi Hua Shen & Dan Hui Li, The meeting between Stalin and Zhou Enlai on 15 Sep 1952, The Relations between China and the Soviet Union, Vol. 9. Shanghai: International Cold War Research Centre at Hwadong Educational University, 2005, p.2184.");
    assert_eq!(
        w.container.as_deref(),
        Some("The Relations between China and the Soviet Union")
    );
}

#[test]
fn a_korean_version_and_its_russian_reference_are_one_source_without_correspondents() {
    // Shaped as thesis introduction notes 3 and 16, for a record that names no sender.
    let works = resolved(&[
        "Institute of Foreign Affairs and National Security, Record of the meeting in Moscow, 5 Mar 1949. (Korean version); APRF, F.45, OP.1, D.346, pp.14-23",
    ]);
    assert_eq!(works[0].len(), 2, "{:?}", works[0]);
    assert_eq!(works[0][1].date, works[0][0].date);
    let sources = super::link_sources(&[&works]);
    let of = |work| {
        sources.of_work(super::SourceMember {
            doc: 0,
            note: 0,
            work,
        })
    };
    assert!(of(0).is_some());
    assert_eq!(of(0), of(1));
}

#[test]
fn a_book_cited_whole_in_either_text_is_one_publication() {
    // Shaped as article notes 81 and 87 and thesis introduction notes 10 and 14, V:45, V:48.
    let article = resolved(&[
        "See Adam B. Ulam, The Communists, p. 79; also Sergei N. Goncharov, et al., Uncertain Partners: Stalin, Mao, and the Korean War (Stanford: Stanford University Press, 1993), pp. 187-92.",
        "Ibid., p. 121.",
        "Chen Jian, China’s Road to the Korean War: The Making of the Sino-American Confrontation (New York: Columbia University Press, 1994), pp. 196-200.",
    ]);
    let thesis = resolved(&[
        "Myong Rim Park, The Origin of the Korean War 2, Seoul: Nanam Press, 1996; Young Ho Kim, The Origin of the Korean War and its Process of Development, Seoul: Durea, 1998.",
        "Adam Ulam, The Communists, New York: Charles Scribners Sons, 1992; Sergei N. Goncharov, John W. Lewis, and Xue Litai, Uncertain Partners: Stalin, Mao, and the Korean War, Stanford: Stanford University Press, 1993.",
        "Jian Chen, Chinas Road to the Korean War, New York: Columbia University Press, 1994, p.67.",
        "Myong Rim Park, The Origin of the Korean War 1, Seoul: Nanam Press, 1997.",
    ]);
    let sources = super::link_sources(&[&article, &thesis]);
    let of = |doc, note, work| sources.publication_of(super::SourceMember { doc, note, work });
    // Goncharov's book: the article's full citation, its Ibid., the thesis's.
    assert!(of(0, 0, 1).is_some());
    assert_eq!(of(0, 0, 1), of(0, 1, 0), "an Ibid. cites the book");
    assert_eq!(
        of(0, 0, 1),
        of(1, 1, 1),
        "across the texts, other co-authors listed"
    );
    // Ulam's The Communists, in both texts.
    assert_eq!(of(0, 0, 0), of(1, 1, 0));
    assert_ne!(of(0, 0, 0), of(0, 0, 1));
    // The article's `Chen Jian` is the thesis's `Jian Chen`, and `China’s` its `Chinas`.
    assert!(of(0, 2, 0).is_some());
    assert_eq!(of(0, 2, 0), of(1, 2, 0));
    // Another volume of a title, another author's like title: cited once each, no link.
    assert_eq!(of(1, 0, 0), None);
    assert_eq!(of(1, 0, 1), None);
    assert_eq!(of(1, 3, 0), None);
    // A body by its whole name: two bodies' `History of the Korean War` are two books; one
    // body with `The` or without is one (thesis I:33, VI:8; VI:7, VI:27).
    let bodies = resolved(&[
        "Institute of Social Science History Research, The History of the Korean War, p.577.",
        "The War History Compilation Committee in the Ministry of Defense in Korea, The History of the Korean War, Seoul: Ministry of Defense, 1967, p.705.",
        "US Department of State, North Korea: A Case Study in the Techniques of Takeover, Washington D.C.: USGPO, 1961.",
        "The US Department of State, North Korea: A Case Study in the Techniques of Takeover, Washington D.C.: USGPO, 1961, p.12.",
    ]);
    let sources = super::link_sources(&[&bodies]);
    let of = |note| {
        sources.publication_of(super::SourceMember {
            doc: 0,
            note,
            work: 0,
        })
    };
    assert_eq!((of(0), of(1)), (None, None));
    assert!(of(2).is_some());
    assert_eq!(of(2), of(3));
    // A short title is one work only by the same name and title (article notes 50 and 65).
    let short = resolved(&[
        "Robert R. Simmons, The Strained Alliance (New York: Free Press, 1975), p. 102.",
        "Wilbur W. Hitchcock, \"North Korea Jumps the Gun,\" Current History (March 1951), pp. 136-44; Robert R. Simmons, The Strained Alliance (New York: Free Press, 1975), pp. 103-4.",
        "Robert R. Simmons, The Strained Years (New York: Free Press, 1980), p. 7.",
    ]);
    let sources = super::link_sources(&[&short]);
    let of = |note, work| sources.publication_of(super::SourceMember { doc: 0, note, work });
    assert!(of(0, 0).is_some());
    assert_eq!(of(0, 0), of(1, 1));
    assert_eq!(of(2, 0), None);
    // One article under two titles, by its journal, volume and first page (thesis IV:87 and
    // IV:122); another article of that volume is another work.
    let retitled = resolved(&[
        "Kyu Song Yang, In which way did Stalin support the Korean War? The 21 Century, Vol.81, 2004, pp.136-140.",
        "Kyu Song Yang, Mao, Stalin and the Korean War, The 21 Century, Vol.81, 2004, pp.136-141.",
        "Kyu Song Yang, The Soviet Union and the Korean War, The 21 Century, Vol.81, 2004, pp.142-150.",
        "Kyu Song Yang, The Soviet Union and the Korean War, The 21 Century, Vol.81, 2004, p.136.",
    ]);
    let sources = super::link_sources(&[&retitled]);
    let of = |note, work| sources.publication_of(super::SourceMember { doc: 0, note, work });
    assert!(of(0, 0).is_some());
    assert_eq!(of(0, 0), of(1, 0));
    assert_ne!(of(0, 0), of(2, 0));
    assert_ne!(
        of(0, 0),
        of(3, 0),
        "a page read says not where the article begins"
    );
    // A person's book with one imprint, its title cut short or a word misspelt (article 6 and
    // thesis IV:21; thesis II:6 and II:25); not another volume of the year, nor a body's
    // other book (thesis V:39, V:40).
    let imprinted = resolved(&[
        "William Stueck, The Korean War: An International History (Princeton: Princeton University Press, 1995), p. 13.",
        "William Stueck, The Korean War, Princeton: Princeton University Press, 1995.",
        "William Taubman, Stalin's American Policy: From Entente to Dtente to Cold War, New York: W.W. Norton, 1982, pp.107-108.",
        "William Taubman, Stalin's American Policy: From Antete to Dtente to Cold War, New York: W.W. Norton, 1982, p.114.",
        "P. Kraynov, Doklad ob itogakh, Tom 1, Moskva: Ogiz, 1948, p.30.",
        "P. Kraynov, Doklad ob itogakh, Tom 2, Moskva: Ogiz, 1948, p.31.",
        "Ministry of Unification Archive, Kim's collected writings on 28 May 1961, Vol.15, Pyongyang: North Korean Communist Party Press, 1981, p.125.",
        "Ministry of Unification Archive, Kim's military strategy on 11 May 1968, Vol.15, Pyongyang: North Korean Communist Party Press, 1981, p.125.",
    ]);
    let sources = super::link_sources(&[&imprinted]);
    let of = |note| {
        sources.publication_of(super::SourceMember {
            doc: 0,
            note,
            work: 0,
        })
    };
    assert!(of(0).is_some() && of(2).is_some());
    assert_eq!((of(0), of(2)), (of(1), of(3)));
    // (A work no other note cites is in no publication.)
    assert_eq!((of(4), of(5)), (None, None), "Tom 1 and Tom 2");
    assert_eq!((of(6), of(7)), (None, None), "a body's two books");
}

#[test]
fn a_telegram_to_an_ambassador_is_the_one_to_the_leader_the_texts_show_him_passing_it_to() {
    // Thesis V:15, V:63 (one file's page read as to Roshchin and as to Mao), then telegrams of
    // another day to each of the two, one of them in the Korean collection (V:18, V:120), and
    // one to a correspondent never shown on that channel.
    let works = resolved(&[
        "APRF, Telegram from Stalin to Roshchin, the Soviet ambassador in China, 5 July 1950, F.45, OP.1, D.334, p.79.",
        "APRF, Telegram from Stalin to Mao, 5 July 1950, F.45, OP.1, D.334, p.79.",
        "APRF, Telegram from Stalin to Roshchin about supporting North Korea by sending Chinese troops, 1 October 1950, F.45, OP.1, D.334, pp.97-98.",
        "Institute of Foreign Affairs and National Security, Telegram from Stalin to Mao, 1 Oct 1950. (Korean version)",
        "Institute of Foreign Affairs and National Security, Telegram from Stalin to Kim, 1 Oct 1950. (Korean version)",
    ]);
    let sources = super::link_sources(&[&works]);
    let of = |note| {
        sources.of_work(super::SourceMember {
            doc: 0,
            note,
            work: 0,
        })
    };
    assert_eq!(of(0), of(1), "one file's page");
    assert_eq!(of(2), of(3), "Roshchin was the channel to Mao");
    assert_ne!(of(2), of(4), "and not to Kim");
    assert_ne!(of(0), of(2), "another day is another telegram");
    let source = &sources.sources[of(3).expect("linked")];
    assert_eq!(source.conflicts.len(), 1, "{:?}", source.conflicts);
    assert_eq!(source.conflicts[0].field, "correspondents");
}

#[test]
fn a_surname_alone_takes_the_one_full_name_given_before() {
    let works = resolved(&[
        "For her translation, see Kathryn Weathersby, \"The Soviet Role in the Early Phase of the \
         Korean War: New Documentary Evidence,\" Journal of American-East Asian Relations, Vol. 2, \
         No. 4 (Winter 1993), pp. 425-58; also Weathersby, \"To Attack, or Not to Attack? Stalin, \
         Kim Il Sung, and the Prelude to War,\" Cold War International History Project Bulletin, \
         No. 5 (Spring 1995), pp. 1-9.",
        "Young Ho Kim, The Origins of the Korean War, Seoul: Doosan Donga, 1998; Kook Hoo Kim, \
         The Interview with Ivan Ivanovich Kovalenko, Jung-ang Daily Mail, 8 May 1992.",
        "Kim, Lebedev's memoir.",
        "Kim, Interview with Kovalenko.",
    ]);
    assert_eq!(works[0][1].authors, ["Kathryn Weathersby"]);
    // Two Kims before: the surname stays as written.
    assert_eq!(works[2][0].authors, ["Kim"]);
    // A short title of an interview printed in a paper repeats the interview, whole.
    let short = &works[3][0];
    assert_eq!(short.ibid_of.map(|r| (r.note, r.work)), Some((1, 1)));
    assert_eq!(short.authors, ["Kook Hoo Kim"]);
    assert_eq!(
        short.title.as_deref(),
        Some("The Interview with Ivan Ivanovich Kovalenko")
    );
    assert_eq!(short.container.as_deref(), Some("Jung-ang Daily Mail"));
    assert_eq!(
        short.date.map(|d| d.to_string()).as_deref(),
        Some("1992-05-08")
    );
}

#[test]
fn a_document_in_a_publication_named_short_is_printed_in_the_full_one() {
    let works = resolved(&[
        "See Kathryn Weathersby, \"To Attack, or Not to Attack? Stalin, Kim Il Sung, and the \
         Prelude to War,\" Cold War International History Project Bulletin, No. 5 (Spring 1995), \
         pp. 1-9.",
        "Bruce Cumings, The Origins of the Korean War, Vol. 2 (Princeton: Princeton University \
         Press, 1990), p. 421.",
        "Shtykov to Vyshinsky, September 3, 1949 in Weathersby, \"To Attack, or Not to Attack?\" p. 6.",
        "Memorandum of Conversation by Muccio, August 13, 1949, 895.00, quoted in Cumings, The \
         Origins of the Korean War, Vol. 2, p. 393.",
    ]);
    let telegram = &works[2][0];
    assert_eq!(
        telegram.container.as_deref(),
        Some("To Attack, or Not to Attack? Stalin, Kim Il Sung, and the Prelude to War")
    );
    assert_eq!(telegram.authors, ["Kathryn Weathersby"]);
    // The document keeps its own fields.
    assert_eq!(telegram.from.as_deref(), Some("Shtykov"));
    assert_eq!(telegram.pages.as_deref(), Some("6"));
    assert_eq!(telegram.ibid_of, None);
    let memo = &works[3][0];
    assert_eq!(memo.authors, ["Bruce Cumings"]);
    assert_eq!(
        memo.publisher.as_deref(),
        Some("Princeton University Press")
    );
    // The book's volume is no part of the archive's reference.
    assert_eq!(memo.volume, None);
}

#[test]
fn a_short_form_with_a_letter_astray_reaches_its_book() {
    let works = resolved(&[
        "Erik Van Ree, Socialism in One Zone: Stalin's Policy in Korea 1945-47, Oxford: Bery \
         Publishers, 1989.",
        "P. Kraynov, Vorba Koreyskogo Naroda za Hezavisimost, Moskva: Ogiz, 1948, p.30.",
        "Walter Millis (ed.), The Forrestal Diaries 1944-1949, New York: the Viking Press, p.370.",
        "Lee, Socialism, p.236.",
        "Kraynov, Vorba Koreyskogo Naroda za Nezavisimost, p.33.",
        "Millis (ed.), The Forrestal Diaries 1944-1949, pp.373-374.",
        // Neither the author nor the title is within a letter.
        "Lew, Socialism, p.1; Ree, Capitalism, p.2.",
    ]);
    let origin = |n: usize, k: usize| works[n][k].ibid_of.map(|r| r.note);
    assert_eq!(origin(3, 0), Some(0));
    assert_eq!(works[3][0].authors, ["Erik Van Ree"]);
    assert_eq!(works[3][0].pages.as_deref(), Some("236"));
    assert_eq!(origin(4, 0), Some(1));
    assert_eq!(works[4][0].publisher.as_deref(), Some("Ogiz"));
    assert_eq!(origin(5, 0), Some(2));
    assert_eq!(origin(6, 0), None);
    assert_eq!(origin(6, 1), None);
}

#[test]
fn a_paper_in_an_archives_series_named_by_surname_is_a_short_form() {
    let works = resolved(&[
        "Kathryn Weathersby, Soviet Aims in Korea and the Origins of the Korean War, 1945-1950: \
         New Evidence from Russian Archives, CWIHP Working Paper, No.8, Washington D.C.: Woodrow \
         Wilson Center, 1993.",
        "Weathersby, Soviet Aims in Korea and the Origins of the Korean War, Cold War \
         International History Project Working Paper, p.9.",
        "K. Weathersby, Should we fear this? Stalin and the danger of war with America, Working \
         Paper NO.39, Cold War International History Project, July 2002.",
        // Given whole again, it repeats nothing.
        "K. Weathersby, Should we fear this? Stalin and the danger of war with America, Working \
         Paper NO.39, Cold War International History Project, July 2002.",
    ]);
    let short = &works[1][0];
    assert_eq!(short.ibid_of.map(|r| r.note), Some(0));
    assert_eq!(short.year, Some(1993));
    assert_eq!(short.pages.as_deref(), Some("9"));
    assert_eq!(short.archive.as_deref(), Some("CWIHP"));
    assert_eq!(works[3][0].ibid_of, None);
}

#[test]
fn pages_are_labelled_as_written_with_a_space_after_each_comma() {
    assert_eq!(super::pages_label("39"), "p. 39");
    assert_eq!(super::pages_label("6-7"), "pp. 6-7");
    assert_eq!(super::pages_label("6,8"), "pp. 6, 8");
}

#[test]
fn a_preface_by_another_hand_cites_the_book() {
    // Article 15, then 67's short form of the book.
    let works = resolved(&[
        "Cumings's preface in I. F. Stone, The Hidden History of the Korean War, 1950-1951 \
         (Boston: Little, Brown, 1988), p. xv.",
        "See Stone, The Hidden History of the Korean War, p. xxi.",
        // A title that says `in` is no preface.
        "Kim's speech in Pyongyang, 12 Aug 1946, Soviet Documents.",
    ]);
    let book = &works[0][0];
    assert_eq!(book.authors, ["I. F. Stone"]);
    assert_eq!(
        book.title.as_deref(),
        Some("The Hidden History of the Korean War, 1950-1951")
    );
    assert_eq!(book.publisher.as_deref(), Some("Little, Brown"));
    assert_eq!(book.pages.as_deref(), Some("xv"));
    assert_eq!(works[1][0].ibid_of.map(|r| r.note), Some(0));
    assert_eq!(works[1][0].year, Some(1988));
    assert!(works[2][0].text.starts_with("Kim's speech in Pyongyang"));
}

#[test]
fn a_title_run_on_after_et_al_is_the_title() {
    // Article notes 81 and 91: `et. al.` with a full stop after `et`, and the short title after
    // it with no comma. The interview is read in the book, which the note names by its short
    // form.
    let notes = [
        "See Sergei N. Goncharov, et al., Uncertain Partners: Stalin, Mao, and the Korean War (Stanford: Stanford University Press, 1993), pp. 187-92.",
        "Interview with V. P. Tkachenko, former head of the Korean Section of the Central Committee, CPSU, March 30, 1992, quoted in Goncharov, et. al. Uncertain Partners, p. 101.",
    ];
    let works = resolved(&notes);
    let w = &works[1][0];
    assert_eq!(w.kind, Some(CitedKind::Interview));
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1992-03-30"));
    assert_eq!(w.authors, ["Sergei N. Goncharov"]);
    assert!(w.et_al);
    assert_eq!(
        w.container.as_deref(),
        Some("Uncertain Partners: Stalin, Mao, and the Korean War")
    );
    assert_eq!(w.publisher.as_deref(), Some("Stanford University Press"));
    assert_eq!(w.pages.as_deref(), Some("101"));
    // An author's `et al.` and a title after its comma are as before.
    let w = work("Goncharov, et al., Uncertain Partners, p. 100");
    assert_eq!(w.title.as_deref(), Some("Uncertain Partners"));
    assert!(w.et_al);
}

#[test]
fn a_volume_glued_to_a_journals_name_is_its_volume() {
    // Article note 7 (`Vol.` with no comma before it), thesis notes IV:60 and IV:50 (a bare
    // number after the name).
    let w = work("Hedley Bull, “Hobbes and the International Anarchy,” Social Research Vol. 48, No. 4, pp. 717-38");
    assert_eq!(w.container.as_deref(), Some("Social Research"));
    assert_eq!(w.volume.as_deref(), Some("48"));
    let w = work("Shen Zhihua, Sino-Soviet Relations and the Origin of the Korean War: Stalin's Strategic Goals in the Far East, Journal of Cold War Studies 2, no.2, 2000, pp.44-68");
    assert_eq!(w.container.as_deref(), Some("Journal of Cold War Studies"));
    assert_eq!(w.volume.as_deref(), Some("2"));
    let w = work("Donggil Kim, Stalin's Korean U-Turn: The USSRs Evolving Security Strategy and the Origins of the Korean War, Seoul Journal of Korean Studies 24, No.1, June 2011, pp.89-114");
    assert_eq!(w.volume.as_deref(), Some("24"));
}

#[test]
fn a_body_before_a_dated_title_is_its_author() {
    // Thesis notes I:27 (a title and its year, no imprint) and III:50 (an assembly is a body).
    let w = work("Korea Bureau of Public Information, The Beginning and End of the Soviet Military Government, 1950, p.12");
    assert_eq!(w.authors, ["Korea Bureau of Public Information"]);
    assert_eq!(
        w.title.as_deref(),
        Some("The Beginning and End of the Soviet Military Government")
    );
    assert_eq!((w.year, w.pages.as_deref()), (Some(1950), Some("12")));
    let w = work("The American Assembly, The United States and Far East, New York: Library of Congress, 1956, p.37");
    assert_eq!(w.authors, ["The American Assembly"]);
    assert_eq!(w.title.as_deref(), Some("The United States and Far East"));
    // A title that goes on with its year keeps it (`Vneshnyaya Politika …, 1946 god`), and a
    // name that is no body is no author.
    let w = work("Vneshnyaya Politika Sovetskogo Soyuza, 1946 god, Moskva: Gosudarstvennoe Izdatelstvo Politicheskoy Literatury, p.808");
    assert!(w.authors.is_empty());
}

#[test]
fn books_listed_up_to_idem_are_one_reviews_title() {
    // Thesis note VI:16: a review of two books translated and edited by one hand, the second
    // marked `idem`, is one work in the journal, not two.
    let works = resolved(&["John Merrill, Review of Khrushchev Remembers, Vol. 1, Strobe Talbott, trans. and ed.; The Last Testament, Vol. 2, idem, Journal of Korean Studies, Vol.3, 1981, p.187."]);
    assert_eq!(works[0].len(), 1);
    let w = &works[0][0];
    assert_eq!(w.authors, ["John Merrill"]);
    assert_eq!(
        w.title.as_deref(),
        Some("Review of Khrushchev Remembers, Vol. 1, Strobe Talbott, trans. and ed.; The Last Testament, Vol. 2")
    );
    assert_eq!(w.container.as_deref(), Some("Journal of Korean Studies"));
    assert_eq!(w.volume.as_deref(), Some("3"));
    assert_eq!((w.year, w.pages.as_deref()), (Some(1981), Some("187")));
    // Two works with no `idem` stay two.
    let works = resolved(&[
        "Kim, A Book, Seoul: Press, 1990, p.1; Lee, Another Book, Seoul: Press, 1991, p.2.",
    ]);
    assert_eq!(works[0].len(), 2);
}

#[test]
fn an_article_without_its_year_takes_its_authors_entry_in_that_journal() {
    // Thesis II:19 and V:126: the notes word the titles otherwise than the bibliography, and
    // give the journal but no year.
    let bibliography = [
        "Yeo, Jung, The Rosed Daedong River, Seoul: Donga Ilbo Ltd, 1991.",
        "Yeo, In Gon, The Soviet Policy towards Korea between 1945 and 1948, Asia Culture, Vol.8, 1992.",
        "Li, Haiwen, When did the CCP Central Committee make the decision to dispatch the Chinese Peoples Army into the Korean War? Dang de Wenxian, Issue 5, 1993.",
        "Kim, Gye Dong, The Korean War, Seoul: Myungin, 2014.",
        "Kim, Hak Joon, The Korean War, Asia Culture, Vol.3, 1990.",
        "Kim, Young Ho, The Origins of the Korean War, Asia Culture, Vol.4, 1991.",
    ];
    let mut works: Vec<Vec<super::Work>> = [
        "Yeo, The Soviet Policy toward the Korean Peninsula 1945-1948, Asia Culture, p.135.",
        "Haiwen Li, When did the CCP Central Committee decide to dispatch the Chinese troops to Korea? Dang de Wenxian, p.85.",
        "Kim, The war in Korea, Asia Culture, p.5.",
    ]
    .iter()
    .map(|n| note(n))
    .collect();
    super::resolve::resolve(&mut works, &bibliography);
    let yeo = &works[0][0];
    assert_eq!((yeo.year, yeo.volume.as_deref()), (Some(1992), Some("8")));
    // Its own title and pages stay.
    assert_eq!(
        yeo.title.as_deref(),
        Some("The Soviet Policy toward the Korean Peninsula 1945-1948")
    );
    assert_eq!(yeo.pages.as_deref(), Some("135"));
    assert_eq!(works[1][0].year, Some(1993));
    // Two entries by that name in that journal: neither is taken.
    assert_eq!(works[2][0].year, None);
}

#[test]
fn a_book_after_prose_naming_its_owner_is_his() {
    // Article note 7 (shortened): Waltz is cited in full first, then his other book by title.
    let works = note("See Kenneth N. Waltz, Man, the State, and War: A Theoretical Analysis (New York: Columbia University Press, 1959), pp. 231-4. Waltz develops the concept of the permissive cause of war. For Waltz’s further elaboration of the concept, see Theory of International Politics (New York: McGraw-Hill, 1979), pp. 102-28.");
    assert_eq!(works.len(), 2);
    assert_eq!(
        works[1].title.as_deref(),
        Some("Theory of International Politics")
    );
    assert_eq!(works[1].authors, ["Kenneth N. Waltz"]);
    // Someone the note has not cited owns nothing.
    let works =
        note("For Truman’s view, see Present at the Creation (New York: Norton, 1969), p. 405.");
    assert!(works[0].authors.is_empty());
    // Article note 23: the people the sentence before ends on after `by`, a lone given name
    // sharing the surname after it.
    let works = note("Ibid., 617. The view of the limited North Korean aim of capturing Seoul was first advanced by Joyce and Gabriel Kolko. See The Limits of Power: The World and United States Foreign Policy, 1945-1954 (New York: Harper & Row, 1972), p. 578.");
    assert_eq!(works[1].authors, ["Joyce Kolko", "Gabriel Kolko"]);
    // Not where the words after `by` are no names.
    let works = note("The plan was drawn up by the staff. See The Limits of Power (New York: Harper & Row, 1972), p. 578.");
    assert!(works[0].authors.is_empty());
}

#[test]
fn a_publication_after_prose_naming_the_text_it_prints_is_that_document() {
    // Article note 95: the conversation is the cited document, printed in Heinzig's article.
    let works = note("For the text of Mao-Yudin conversation on March 31, 1956, see Dieter Heinzig, “Stalin, Mao, Kim and Korean War Origins, 1950: A Russian Documentary Discrepancy,” CWIHP Bulletin, Nos. 8-9, p. 240.");
    let w = &works[0];
    assert_eq!(w.archive.as_deref(), Some("CWIHP"));
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1956-03-31"));
    assert_eq!(w.kind, Some(CitedKind::RecordOfConversation));
    assert_eq!(w.title.as_deref(), Some("Mao-Yudin conversation"));
    assert_eq!(w.authors, ["Dieter Heinzig"]);
    assert_eq!(w.pages.as_deref(), Some("240"));
    // Article note 113: prose ending in the table's words before a citation, a date without
    // its year (the narrative's), and the sender of a possessive; the author's translations
    // are the CWIHP's.
    let table = Table::get();
    let works = works_of_note("See July 2, 5, and 7, Soviet Documents. The translation of Stalin’s telegram of July 5 is found in Weathersby, “New Russian Documents on the Korean War,” p. 43.", table, Narrative { undated_year: Some(1950), marker: None });
    let w = &works[3];
    assert_eq!(w.archive.as_deref(), Some("CWIHP"));
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1950-07-05"));
    assert_eq!(
        (w.from.as_deref(), w.kind),
        (Some("Stalin"), Some(CitedKind::Telegram))
    );
    assert_eq!(
        w.container.as_deref(),
        Some("New Russian Documents on the Korean War")
    );
    // Prose with no dated document leaves the work as cited (article note 19).
    let works = note("For the full text of the Communiqué, see FRUS, 1945, VI, pp. 1150-51.");
    assert!(works[0].date.is_none());
    // A work with its own date keeps it (article note 92).
    let works = note("For the text of Acheson’s speech, see “Press Release No. 34,” January 12, 1950, box 22, Office Files of Marshall D. Shulmann, RG 59.");
    assert_eq!(
        works[0].date.map(|d| d.to_string()).as_deref(),
        Some("1950-01-12")
    );
}

#[test]
fn a_document_named_without_its_date_takes_the_one_the_prose_gave_it() {
    let table = Table::get();
    // Article note 101: the note named the statement with its day before; FRUS's 1950 volume
    // gives the year.
    let works = note("A case in point is Truman’s statement of June 27 which summarized US actions in collaboration with the UN to support South Korea. For the text of Truman’s statement, see FRUS, 1950, VII, 202-3.");
    let w = &works[0];
    assert_eq!(w.archive.as_deref(), Some("FRUS"));
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1950-06-27"));
    assert_eq!(w.from.as_deref(), Some("Truman"));
    // Article note 56: the sentence carrying the marker dates the decision it names.
    let paragraph = "After Stalin reviewed the recommendations of Ambassador Shtykov and Counselor Tunkin, the final decision on Kim's invasion and Ongjin occupation plans was made and sent to the North in the form of the decision of the Politbureau of the Central Committee of the Soviet Communist Party on September 24, 1949. While the decision rejected an invasion, it did encourage strong guerrilla activities.";
    let marker = paragraph
        .find(" While")
        .map(|b| paragraph[..b].chars().count());
    let cited = r#"The English translation of the Politbureau decision is from Weathersby, "To Attack, or Not to Attack?" pp. 7-8."#;
    let narrative = Narrative {
        undated_year: None,
        marker: marker.map(|m| (paragraph, m)),
    };
    let w = &works_of_note(cited, table, narrative)[0];
    assert_eq!(w.archive.as_deref(), Some("CWIHP"));
    assert_eq!(w.date.map(|d| d.to_string()).as_deref(), Some("1949-09-24"));
    assert_eq!(w.kind, Some(CitedKind::Resolution));
    assert_eq!(w.title.as_deref(), Some("Politbureau decision"));
    // Not when the sentence names something else on its day (its words are not all there)…
    let other = "The Politburo met on September 24, 1949.";
    let narrative = Narrative {
        undated_year: None,
        marker: Some((other, other.chars().count())),
    };
    assert!(works_of_note(cited, table, narrative)[0].date.is_none());
    // …nor when it gives two days.
    let two = "The decision of the Politbureau on September 24, 1949 answered the telegram of September 3, 1949.";
    let narrative = Narrative {
        undated_year: None,
        marker: Some((two, two.chars().count())),
    };
    assert!(works_of_note(cited, table, narrative)[0].date.is_none());
}

#[test]
fn the_truman_library_by_its_museums_name_is_hstl() {
    // Thesis VI:81: the library under its full name, the CIA only in a title's words.
    let works = note("The CIA Conference on the outbreak of the Korean War, Harry S. Truman Presidential Library & Museum, Missouri, US, 16 June 2010.");
    assert_eq!(works[0].archive.as_deref(), Some("HSTL"));
    assert_eq!(
        works[0].date.map(|d| d.to_string()).as_deref(),
        Some("2010-06-16")
    );
}

#[test]
fn the_president_of_the_corpus_years_is_truman() {
    // Thesis V:56 and VI:47: the office alone is filed under its holder; VI:101: a name after
    // the title is the name (`President Truman`, not the office `President`).
    let works = note("FRUS, Statement issued by the President, 27 June 1950, p.203.");
    assert_eq!(works[0].from.as_deref(), Some("Truman"));
    let works = note("FRUS, Report to the President by General Lieutenant A. C. Wedemeyer, Sep 1947, Vol. IV., pp. 796-903.");
    assert_eq!(
        (works[0].from.as_deref(), works[0].to.as_deref()),
        (Some("Wedemeyer"), Some("Truman"))
    );
    let works = note(
        "Statement of President Truman, 27 June 1950, DSB, Vol. XXIII, No.574, 3 July 1950, p.5.",
    );
    assert_eq!(works[0].from.as_deref(), Some("Truman"));
}

#[test]
fn a_work_the_table_lists_as_an_archives_publication_is_that_archives() {
    // Article note 4 names Weathersby's CWIHP Working Paper No. 8 by its title alone.
    let works = note("Weathersby, \"Soviet Aims in Korea,\" p. 32.");
    assert_eq!(works[0].archive.as_deref(), Some("CWIHP"));
    assert_eq!(works[0].title.as_deref(), Some("Soviet Aims in Korea"));
    // Only a title opening with the listed words (`Soviet Aims in Korean Politics` is not it).
    let works = note("Smith, \"Soviet Aims in Korean Politics,\" p. 32.");
    assert_eq!(works[0].archive, None);
}

#[test]
fn a_container_cited_by_the_short_name_it_was_given_is_named_in_full() {
    let works = resolved(&[
        "Weathersby, \"To Attack, or Not to Attack? Stalin, Kim Il Sung, and the Prelude to \
         War,\" Cold War International History Project Bulletin, No. 5 (Spring 1995), pp. 1-9 \
         (hereafter cited as CWIHP Bulletin); also Weathersby, \"New Russian Documents on the \
         Korean War,\" CWIHP Bulletin, Nos. 6-7 (Winter 1995-1996), pp. 30-84.",
        // A letter astray in the short name still names the Bulletin.
        "Dieter Heinzig, “Stalin, Mao, Kim and Korean War Origins, 1950: A Russian Documentary \
         Discrepancy,” CWHIP Bulletin, Nos. 8-9, p. 240.",
        // A container the note named in full before giving it no short name stays as written.
        "Foot, \"Making Known the Unknown War,\" Diplomatic History, Vol. 15 (1991), p. 411.",
    ]);
    let full = Some("Cold War International History Project Bulletin");
    assert_eq!(works[0][0].container.as_deref(), full);
    assert_eq!(works[0][1].container.as_deref(), full);
    assert_eq!(works[1][0].container.as_deref(), full);
    assert_eq!(works[2][0].container.as_deref(), Some("Diplomatic History"));
    let table = Table::get();
    let given = |text| super::work::short_name_given(text, table);
    assert_eq!(given(&works[0][0].text), Some("CWIHP Bulletin"));
    assert_eq!(given("Ibid., p. 5"), None);
    // Words running on after `hereafter` are a sentence, not a name.
    assert_eq!(
        given("Ibid. The collection is hereafter the source of every date quoted in this chapter and the next"),
        None
    );
}

#[test]
fn a_series_of_reports_closing_a_title_is_its_container() {
    // (title, container, issue)
    let cases = [
        ("Weathersby, Soviet aim in Korea and the Origins of the Korean War, Working Paper NO.8, \
          Cold War International History Project, Nov 1993.",
         "Soviet aim in Korea and the Origins of the Korean War",
         Some("Cold War International History Project Working Paper"), Some("8")),
        ("K. Weathersby, Should we fear this? Stalin and the danger of war with America, Working \
          Paper NO.39, Cold War International History Project, July 2002.",
         "Should we fear this? Stalin and the danger of war with America",
         Some("Cold War International History Project Working Paper"), Some("39")),
        // A series named in full, no number.
        ("Leon Comber, The Origins of the Cold War in Southeast Asia: The Case of the Communist \
          Party of Malaya 1948-1960 A Special Branch Perspective, ISEAS Working Papers on Politics \
          and Security Issues, Singapore: Institute of Southeast Asian Studies, Feb 2009, pp. 2-10.",
         "The Origins of the Cold War in Southeast Asia: The Case of the Communist Party of Malaya \
          1948-1960 A Special Branch Perspective",
         Some("ISEAS Working Papers on Politics and Security Issues"), None),
        // The series already read as the container, its number after it: unchanged.
        ("Jian Chen, The Sino-Soviet Alliance and China's Entry into the Korean War, Cold War \
          International History Project Working Paper, No.1, Washington, D.C.: Woodrow Wilson \
          Centre, 1992, p.35.",
         "The Sino-Soviet Alliance and China's Entry into the Korean War",
         Some("Cold War International History Project Working Paper"), Some("1")),
        // No series: a title's last part stays.
        ("Bruce Cumings, The Origins of the Korean War, Vol. 2, The Roaring of the Cataract, \
          Princeton: Princeton University Press, 1990",
         "The Origins of the Korean War", None, None),
    ];
    for (text, title, container, issue) in cases {
        let w = work(text);
        assert_eq!(w.title.as_deref(), Some(title), "{text}");
        assert_eq!(w.container.as_deref(), container, "{text}");
        assert_eq!(w.issue.as_deref(), issue, "{text}");
    }
}

#[test]
fn a_journals_issue_is_read_after_its_name() {
    let cases = [
        ("Kathryn Weathersby, \"The Soviet Role in the Early Phase of the Korean War: New \
          Documentary Evidence,\" Journal of American-East Asian Relations, Vol. 2, No. 4 (Winter \
          1993), pp. 425-58", Some("2"), Some("4")),
        ("Donggil Kim, Stalin's Korean U-Turn: The USSRs Evolving Security Strategy and the \
          Origins of the Korean War, Seoul Journal of Korean Studies 24, No.1, June 2011, pp.89-114",
         Some("24"), Some("1")),
        ("Weathersby, \"New Russian Documents on the Korean War,\" CWIHP Bulletin, Nos. 6-7 \
          (Winter 1995-1996), pp. 30-84", None, Some("6-7")),
        ("B. Bayanov, Koreya, Moskovskiy propagandist, No. 7, Iyul 1950", None, Some("7")),
        // (`Vo.`: the article's slip for `Vol.`)
        ("Rosemary Foot, \"Making Known the Unknown War: Policy Analysis of the Korean Conflict \
          in the Last Decade,\" Diplomatic History, Vo. 15, No. 3 (Summer 1991), pp. 411-31",
         Some("15"), Some("3")),
        ("Alexandre Y. Mansourov, Stalin, Mao, Kim and China's Decision to Enter the Korean War, \
          September 16 October 15 1950: New Evidence from the Russian Archives, Cold War \
          International History Project Bulletin, Issue. 6-7, Washington, D.C.: Woodrow Wilson \
          Centre, 1995/1996, p.105.", None, Some("6-7")),
        // A report's number is the document's, no issue.
        ("KMAG G-2 Periodic Report No. 159", None, None),
        // A letter printed in the journal is in its issue (article note 2).
        ("Bruce Cumings, \"Letter to the Editor of the CWIHP Bulletin\" and \"Weathersby's \
          Response,\" in CWIHP Bulletin, Nos. 6-7 (Winter 1995/1996), pp. 120-2", None, Some("6-7")),
    ];
    for (text, volume, issue) in cases {
        let w = work(text);
        if w.archive.is_none() {
            assert_eq!(w.volume.as_deref(), volume, "{text}");
        }
        assert_eq!(w.issue.as_deref(), issue, "{text}");
    }
    // A short form takes its original's issue.
    let works = resolved(&[
        "Rosemary Foot, \"Making Known the Unknown War: Policy Analysis of the Korean Conflict in \
         the Last Decade,\" Diplomatic History, Vol. 15, No. 3 (Summer 1991), pp. 411-31.",
        "Ibid., p. 420.",
    ]);
    assert_eq!(works[1][0].issue.as_deref(), Some("3"));
}

#[test]
fn an_author_ibid_of_a_document_read_in_an_article_cited_whole_before_is_that_article() {
    let works = resolved(&[
        "Alexander Mansourov, Stalin, Mao, Kim and China's Decision to Enter the Korean War, \
         September 16-October 15, 1950: New Evidence from the Russian Archives,\" CWIHP \
         Bulletin, Nos. 6-7, pp. 94-119.",
        "Stalin to Kim Il Sung, October 8, 1950 in Alexander Mansourov, \"Stalin, Mao, Kim and \
         China's Decision to Enter the Korean War, September 16-October 15, 1950: New Evidence \
         from the Russian Archives,\" CWIHP Bulletin, Nos. 6-7 (Winter 1995-1996), p. 116.",
        "See July 2, 5, and 7, Soviet Documents. For further elaboration on the issue of Soviet \
         air cover, see Mansourov, ibid., p. 103.",
        "Kim Il Sung and Park Hon-Yong to Stalin, September 29, 1950 in Mansourov, ibid., p. 112.",
    ]);
    let article = works[2].last().expect("the article");
    assert_eq!(article.ibid_of.map(|r| r.note), Some(1));
    assert_eq!(article.container.as_deref(), Some("CWIHP Bulletin"));
    assert_eq!(article.issue.as_deref(), Some("6-7"));
    assert_eq!(article.pages.as_deref(), Some("103"));
    assert_eq!(article.year, Some(1995));
    assert_eq!(article.kind, None);
    // Another document read in the article is that document, printed in the article.
    let telegram = &works[3][0];
    assert_eq!(telegram.kind, Some(CitedKind::Telegram));
    assert_eq!(
        telegram.container.as_deref(),
        Some(
            "Stalin, Mao, Kim and China's Decision to Enter the Korean War, September 16-October \
             15, 1950: New Evidence from the Russian Archives"
        )
    );
}

#[test]
fn captured_records_are_filed_by_shipping_advice_and_item() {
    // Thesis note introduction:27.
    let w = work("The Statistical Report by Lee Sun Woo, the Head of Land Reform Committee in Boun Province in South Korea, about Land Reform in South Korea, SA 2010, Item 4/87, RG 242");
    assert_eq!(
        (w.archive.as_deref(), w.record_group.as_deref()),
        (Some("NARA"), Some("242"))
    );
    assert_eq!(w.file.as_deref(), Some("SA 2010, Item 4/87"));
}

#[test]
fn a_letter_printed_in_an_issue_of_an_archives_journal_is_in_that_issue() {
    // Article notes 63 and 64 (its short form, quoted).
    let works = resolved(&[
        "\"Bruce Cumings's Letter to the Editor,\" CWIHP Bulletin, Nos. 6-7, p. 120.",
        "For Cumings's view, see \"Cumings's letter to the editor,\" p. 120.",
    ]);
    for w in [&works[0][0], &works[1][0]] {
        assert_eq!(w.archive.as_deref(), Some("CWIHP"), "{w:?}");
        assert_eq!(w.container.as_deref(), Some("CWIHP Bulletin"), "{w:?}");
        assert_eq!(w.issue.as_deref(), Some("6-7"), "{w:?}");
        assert_eq!(w.number, None, "{w:?}");
        assert_eq!(
            (w.from.as_deref(), w.to.as_deref(), w.kind),
            (Some("Cumings"), Some("Editor"), Some(CitedKind::Letter)),
        );
        assert_eq!(w.reference(), "CWIHP, Nos. 6-7, p. 120");
    }
    assert_eq!(works[1][0].ibid_of.map(|r| r.note), Some(0));
    // A report's number after a title that names no archive stays its number (thesis VI:98).
    let w = work("CIA, Weekly Intelligence Highlights, No. 106, 27 June 1950, p.2");
    assert_eq!((w.number.as_deref(), w.issue), (Some("No. 106"), None));
}

#[test]
fn an_issue_cited_without_its_year_has_the_year_another_citation_gives_it() {
    // Thesis notes V:109 and VI:51: the same issue of one journal.
    let works = resolved(&[
        "Michael M. Sheng, The Psychology of the Korean War: The Role of Ideology and Perception \
         in China's Entry into the War, Journal of Conflict Studies, Vol.22, No.1, 2002, \
         pp.57-71.",
        "James Matray, Dean Acheson's Press Club Speech Reexamined, Journal of Conflict Studies, \
         vol. 22, no. 1 pp. 28-50.",
        // Another volume's issue of the same number is another issue.
        "A. Author, Some Title, Journal of Conflict Studies, Vol.23, No.1, pp.1-2.",
    ]);
    assert_eq!(works[1][0].year, Some(2002));
    assert_eq!(works[2][0].year, None);
}

#[test]
fn a_books_series_and_number_close_its_title() {
    // (citation, title, series, number in it): thesis notes I:2, II:42, III:27, III:69.
    let cases = [
        ("Richard K. Herrmann, Perceptions and Behaviour in Soviet Foreign Policy, Series in Russian and East European Studies No.7, Pittsburgh: University of Pittsburgh Press, 1985", "Perceptions and Behaviour in Soviet Foreign Policy", "Series in Russian and East European Studies", "7"),
        ("Kyuha Jo, Kyungmun Lee, Sungjae Gang, The conversation of North and South Korea, Koryo-one Culture Series 29, Seoul: Koryo-one, 1987, p.269", "The conversation of North and South Korea", "Koryo-one Culture Series", "29"),
        ("Nam Won Seo, The economic Situation and management of production in North Korea, Series of Research on Communist worlds 5 by Institute for Asian Studies, Seoul: Institute for Asian Studies, 1966, pp.47-57", "The economic Situation and management of production in North Korea", "Series of Research on Communist worlds", "5"),
        ("Glenn D. Peige, The Korean Peoples democratic republic, Hoover Institute Series 11, Standford: Standford University Press, 1966, p.31", "The Korean Peoples democratic republic", "Hoover Institute Series", "11"),
    ];
    for (text, title, series, number) in cases {
        let w = work(text);
        assert_eq!(w.title.as_deref(), Some(title), "{text}");
        assert_eq!(w.series.as_deref(), Some(series), "{text}");
        assert_eq!(w.series_number.as_deref(), Some(number), "{text}");
        assert_eq!(w.container, None, "{text}");
    }
    // A series word in a title, with no number, names no book's series.
    let w = work("Walter LaFeber, America, Russia, and the Cold War Series, New York: Wiley, 1967");
    assert_eq!(w.series, None);
    // A short form has its book's series.
    let works = resolved(&[
        "Glenn D. Peige, The Korean Peoples democratic republic, Hoover Institute Series 11, Standford: Standford University Press, 1966, p.31.",
        "Peige, The Korean Peoples democratic republic, p.40.",
    ]);
    assert_eq!(
        works[1][0].series.as_deref(),
        Some("Hoover Institute Series")
    );
}

#[test]
fn a_meeting_named_after_a_papers_title_is_its_container() {
    // Thesis note II:22: the conference the paper was given at, not the title's second part.
    let w = &note("Wada Haruki, The Nation building and the Soviet Military government in North Korea, International Academic Conference marking at 50th anniversary of the establishment of ROK government, Seoul: Korean Politics & Diplomacy History Institute, 1998, p.91; Hak Soon Pak, Kim Il Sung's autonomy issue on national building in North Korea, Korea Politics Bulletin, Vol.28, No.2, 1994, p.385.")[0];
    assert_eq!(
        w.title.as_deref(),
        Some("The Nation building and the Soviet Military government in North Korea")
    );
    assert_eq!(
        w.container.as_deref(),
        Some("International Academic Conference marking at 50th anniversary of the establishment of ROK government")
    );
    assert_eq!(
        w.publisher.as_deref(),
        Some("Korean Politics & Diplomacy History Institute")
    );
    // A meeting named in a title's only part stays the title's (thesis note IV:89's Calcutta
    // Youth Conference).
    let w = work("Larisa Efimova, Did the Soviet Union Instruct Southeast Asian Communists to revolt? New Russian Evidence on the Calcutta Youth Conference of February 1948, Journal of Southeast Asian Studies, Vol.40, No.3, 2009, pp. 455-463");
    assert_eq!(
        w.container.as_deref(),
        Some("Journal of Southeast Asian Studies")
    );
}

#[test]
fn editors_marked_apart_are_the_authors_and_out_of_the_title() {
    // Thesis note I:44: an institute and its academy, one body, editing the book.
    let w = work("Institit Vostokovedeniia, Akademiya Nauk SSSR, ed., Osvobozhdenie Kore- vosponimaniya I statI, Moskva: Izdatelstvo Nauka, 1976");
    assert_eq!(w.authors, ["Institit Vostokovedeniia, Akademiya Nauk SSSR"]);
    assert_eq!(
        w.title.as_deref(),
        Some("Osvobozhdenie Kore- vosponimaniya I statI")
    );
    assert_eq!(w.publisher.as_deref(), Some("Izdatelstvo Nauka"));
    // Two people editing are two authors; the mark is no word of the title.
    let w = work("Edward Friedman & Mark Selden, eds., Americas Asia: Dissenting Essays of Asian-American Relations, New York: Vintage Books, 1971");
    assert_eq!(w.authors, ["Edward Friedman", "Mark Selden"]);
    assert_eq!(
        w.title.as_deref(),
        Some("Americas Asia: Dissenting Essays of Asian-American Relations")
    );
    let w = work("Edward Friedman, ed., Americas Asia, New York: Vintage Books, 1971, pp.108-145");
    assert_eq!(
        (w.authors.len(), w.title.as_deref()),
        (1, Some("Americas Asia"))
    );
}
