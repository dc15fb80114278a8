//! The real binary: JSON shapes, lookups, and clear errors (exit 2, the path named) on bad input.

use std::path::Path;
use std::process::{Command, Output};

fn kwx(args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kwx"));
    // What a run keeps of a test directory's documents stays inside it (gone with it).
    if let Some(dir) = args.windows(2).find(|w| w[0] == "--corpus").map(|w| w[1]) {
        command.env("KWX_CACHE_DIR", Path::new(dir).join(".cache"));
    }
    command.args(args).output().expect("run kwx")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(args: &[&str]) -> serde_json::Value {
    let o = kwx(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

/// A corpus directory made from the embedded files, with `edit` applied to it.
fn corpus_dir(name: &str, edit: impl FnOnce(&Path)) -> tempdir::Dir {
    let dir = tempdir::Dir::new(name);
    for f in [
        "corpus.toml",
        "000_1124eec32e2a075a.txt",
        "003_d678dab491f7d799.txt",
    ] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    edit(dir.path());
    dir
}

mod tempdir {
    use std::path::{Path, PathBuf};

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new(name: &str) -> Dir {
            let path = std::env::temp_dir().join(format!("kwx-test-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).unwrap();
            Dir(path)
        }

        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[test]
fn toc_json_has_the_documented_shape() {
    let v = json(&["toc", "--json"]);
    let docs = v.as_array().unwrap();
    assert_eq!(docs.len(), 2);
    let thesis = &docs[1];
    assert_eq!(thesis["id"], "thesis");
    assert_eq!(thesis["year"], 2019);
    let part = &thesis["parts"][5];
    assert_eq!(part["key"], "IV");
    for field in ["title", "subsections", "paragraphs", "notes"] {
        assert!(part.get(field).is_some(), "missing {field}");
    }
    assert_eq!(part["notes"], 125);
    assert_eq!(docs[0]["parts"][0]["key"], "introduction");
}

#[test]
fn notes_json_anchors_and_ibid() {
    let v = json(&["notes", "--doc", "article", "--json"]);
    let notes = v.as_array().unwrap();
    assert_eq!(notes.len(), 116);
    let n10 = &notes[9];
    assert_eq!(n10["n"], 10);
    assert_eq!(n10["text"], "Ibid.");
    assert_eq!(n10["ibid_of"]["n"], 9);
    assert!(n10["ref"]["before"]
        .as_str()
        .unwrap()
        .ends_with("Mao was not consulted beforehand."));
    let v = json(&["notes", "--doc", "thesis", "--part", "iv", "--json"]);
    assert_eq!(v.as_array().unwrap().len(), 125);
    assert!(v[0]["ref"]["paragraph"].is_u64() && v[0]["ref"]["offset"].is_u64());
}

#[test]
fn note_lookup_gives_a_short_forms_full_citation_and_the_works_as_lines() {
    let out = String::from_utf8_lossy(&kwx(&["note", "article:84"]).stdout).into_owned();
    // `The Origins of the Korean War, Vol. 2, pp. 356-57` repeats note 11's book.
    assert!(out.contains("  = article:11: Bruce Cumings"), "{out}");
    assert!(
        out.contains("  work: Bruce Cumings, The Origins of the Korean War, vol. 2, Princeton: Princeton University Press, 1990, pp. 356-57\n"),
        "{out}"
    );
    let v = json(&["note", "article:84", "--json"]);
    assert_eq!(v["ibid_of"]["id"], "article:11");
    // A document read in a publication: the document, then where it is read.
    let out = String::from_utf8_lossy(&kwx(&["note", "article:28"]).stdout).into_owned();
    assert!(
        out.contains("  source: CWIHP, 1950-06-26, Shtykov to Zakharov, telegram, p. 39\n  work: Kathryn Weathersby, New Russian Documents on the Korean War\n"),
        "{out}"
    );
    // Every reference field a document has: a FRUS year and volume, a NARA box and file. (The
    // statement's day and sender are the ones the note's prose gave it before.)
    let out = String::from_utf8_lossy(&kwx(&["note", "article:101"]).stdout).into_owned();
    assert!(
        out.contains("  source: FRUS, 1950, vol. VII, 1950-06-27, by Truman, other, pp. 202-3\n"),
        "{out}"
    );
    let out = String::from_utf8_lossy(&kwx(&["note", "article:68"]).stdout).into_owned();
    assert!(
        out.contains(
            "  source: NARA, RG 218, CCS 381 USSR (3-2-46), sec. 5, JWPC 476/1, 1947-06-16, report"
        ),
        "{out}"
    );
    // A book whose authors only the sentence before names (the Kolkos): the book with them,
    // not its pages alone; a Soviet report's volume with it.
    let out = String::from_utf8_lossy(&kwx(&["note", "article:23"]).stdout).into_owned();
    assert!(
        out.contains("  work: Joyce Kolko and Gabriel Kolko, The Limits of Power: The World and United States Foreign Policy, 1945-1954, New York: Harper & Row, 1972, p. 578\n"),
        "{out}"
    );
    assert!(!out.contains("source: p. 578"), "{out}");
    let out = String::from_utf8_lossy(&kwx(&["note", "thesis:II:16"]).stdout).into_owned();
    assert!(out.contains(", vol. 1, Phkenvyan, 1948, "), "{out}");
    // A newspaper's issue: its day, then the paper.
    let out = String::from_utf8_lossy(&kwx(&["note", "thesis:I:83"]).stdout).into_owned();
    assert!(
        out.contains(
            "  source: 1945-09-17
  work: Pravda
"
        ),
        "{out}"
    );
}

#[test]
fn note_lookup_shows_the_citing_sentence() {
    let o = kwx(&["note", "article:14"]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Ibid., p. 617."), "{out}");
    assert!(out.contains("cited in:"), "{out}");
    let v = json(&["note", "thesis:I:93", "--json"]);
    assert_eq!(v["text"], "FRUS, 1945, vol.VI, pp.1145-47.");
    assert!(v["sentence"].as_str().unwrap().contains("southern Korea"));
    // A note that does not exist is a usage error, as the README says of every error.
    let o = kwx(&["note", "thesis:IV:999"]);
    assert_eq!(o.status.code(), Some(2));
    // One name for a note, in text and JSON; one paragraph numbering (from 0), in both.
    assert_eq!(v["id"], "thesis:I:93");
    let text = String::from_utf8_lossy(&kwx(&["note", "thesis:I:93"]).stdout).into_owned();
    assert!(text.starts_with("thesis:I:93\n"), "{text}");
    let paragraph = v["ref"]["paragraph"].as_u64().unwrap();
    assert!(text.contains(&format!("paragraph {paragraph}\n")), "{text}");
    let notes = String::from_utf8_lossy(&kwx(&["notes", "--doc", "article"]).stdout).into_owned();
    assert!(
        notes.lines().any(|l| l.starts_with("article:58  ")),
        "{notes}"
    );
    let o = kwx(&["note", "thesis:12"]);
    assert_eq!(o.status.code(), Some(2), "thesis numbers notes per part");
    assert!(stderr(&o).contains("thesis:PART:12"));
    let o = kwx(&["note", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn glossary_gives_the_thesis_list_and_looks_up_one_abbreviation() {
    let all = json(&["--json", "glossary"]);
    let entries = all.as_array().expect("a list");
    assert_eq!(entries.len(), 26, "the thesis lists 26 abbreviations");
    assert!(entries.iter().all(|e| e["doc"] == "thesis"));
    // A two-line entry is one, its second line joined.
    let voks = entries.iter().find(|e| e["term"] == "VOKS").expect("VOKS");
    assert_eq!(
        voks["expansion"],
        "Vsesoyuznoe Obschestvo Kulturnoy Svyazi s zagranitsey (The All-Union Society for \
         Cultural Relations with Foreign Countries)"
    );

    // Any case; what no document lists comes from kwx's own table, marked as such.
    let one = kwx(&["glossary", "usgask"]);
    assert!(one.status.success(), "{}", stderr(&one));
    let text = String::from_utf8_lossy(&one.stdout);
    assert!(
        text.starts_with("thesis: list of abbreviations\n"),
        "{text}"
    );
    assert!(text.contains("USGASK  Upravlenie Grazhdanskoy Administratsiy v Severnoy Koree"));
    let kmag = json(&["--json", "glossary", "KMAG"]);
    assert_eq!(kmag[0]["doc"], serde_json::Value::Null);
    assert_eq!(kmag[0]["expansion"], "Korean Military Advisory Group");

    // The article has no list: said, not an error. An unknown term or document is one.
    let article = kwx(&["glossary", "--doc", "article"]);
    assert!(article.status.success());
    assert_eq!(
        String::from_utf8_lossy(&article.stdout),
        "article lists no abbreviations.\n"
    );
    let unknown = kwx(&["glossary", "XYZZY"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("\"XYZZY\" is neither in any document's list"));
    assert_eq!(kwx(&["glossary", "--doc", "nope"]).status.code(), Some(2));
    let empty = kwx(&["glossary", " "]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(stderr(&empty).contains("an empty TERM"));
}

#[test]
fn a_documents_own_list_of_abbreviations_is_read_by_search() {
    // A thesis dropped in with an abbreviation kwx's table lacks, a gloss in brackets, and a
    // two-letter one that is an English word.
    let dir = corpus_dir("glossary-search", |d| {
        let path = d.join("003_d678dab491f7d799.txt");
        let text = std::fs::read_to_string(&path).unwrap().replacen(
            "GNP                Gross National Product",
            "GNP                Gross National Product\n\
             FERA              The Far Eastern Red Army (Dalnevostochnaya Armiya)\n\
             US                  Union Station",
            1,
        );
        std::fs::write(&path, text).unwrap();
    });
    let corpus = dir.path().to_str().unwrap();
    let texts = |query: &str| -> Vec<String> {
        let found = json(&[
            "--corpus", corpus, "--json", "search", "--in", "all", "--limit", "0", query,
        ]);
        (found.as_array().unwrap().iter())
            .map(|e| e["text"].as_str().unwrap().to_string())
            .collect()
    };
    // The acronym finds the paragraphs writing the name out (`The` aside), after its entry.
    let fera = texts("FERA");
    assert!(fera[0].starts_with("FERA — "), "{fera:?}");
    let written = fera
        .iter()
        .filter(|t| t.contains("Far Eastern Red Army"))
        .count();
    assert!(written >= 3, "{fera:?}");
    // The gloss is a name of it too.
    let gloss = texts("Dalnevostochnaya Armiya");
    assert!(
        gloss
            .iter()
            .filter(|t| t.contains("Far Eastern Red Army"))
            .count()
            >= 3
    );
    // `US` is not read as `Union Station`: the text's every `us` would be.
    let station = texts("Union Station");
    let has_both = |t: &String| t.contains("Union") && t.to_lowercase().contains("station");
    assert!(station.iter().all(has_both), "{station:?}");
    // Without the entry (the embedded corpus) the acronym finds none of them.
    let embedded = json(&["--json", "search", "--in", "all", "--limit", "0", "FERA"]);
    let spelt_out = (embedded.as_array().unwrap().iter())
        .filter(|e| e["text"].as_str().unwrap().contains("Far Eastern Red Army"))
        .count();
    assert_eq!(spelt_out, 0);
}

#[test]
fn check_passes_on_the_embedded_corpus() {
    let o = kwx(&["check"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn missing_and_empty_corpus_dirs_are_usage_errors() {
    let o = kwx(&["--corpus", "/nonexistent/kwx", "toc"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/nonexistent/kwx: no such file or directory"),
        "{}",
        stderr(&o)
    );
    let empty = tempdir::Dir::new("empty");
    let o = kwx(&["--corpus", empty.path().to_str().unwrap(), "toc"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no corpus.toml"), "{}", stderr(&o));
}

#[test]
fn a_bad_manifest_field_names_file_and_line() {
    let dir = corpus_dir("manifest", |d| {
        let m = std::fs::read_to_string(d.join("corpus.toml"))
            .unwrap()
            .replace("kind = \"thesis\"", "kind = \"novel\"");
        std::fs::write(d.join("corpus.toml"), m).unwrap();
    });
    let o = kwx(&["--corpus", dir.path().to_str().unwrap(), "toc"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("corpus.toml:23:8:") && e.contains("unknown variant `novel`"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1, "one clear line: {e}");
}

#[test]
fn binary_non_utf8_and_empty_sources_are_refused() {
    for (name, bytes, expect) in [
        ("binary", &b"\x7fELF\x00\x01"[..], "binary file"),
        ("latin1", &b"Charg\xe9 d'affaires"[..], "invalid UTF-8"),
        ("empty", &b""[..], "empty"),
    ] {
        let dir = corpus_dir(name, |d| {
            std::fs::write(d.join("003_d678dab491f7d799.txt"), bytes).unwrap()
        });
        let o = kwx(&["--corpus", dir.path().to_str().unwrap(), "notes"]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let e = stderr(&o);
        assert!(
            e.contains("003_d678dab491f7d799.txt") && e.contains(expect),
            "{name}: {e}"
        );
    }
}

#[test]
fn a_copied_corpus_loads_like_the_embedded_one() {
    let dir = corpus_dir("copy", |_| {});
    let from_dir = kwx(&["--corpus", dir.path().to_str().unwrap(), "notes", "--json"]);
    let embedded = kwx(&["notes", "--json"]);
    assert_eq!(from_dir.stdout, embedded.stdout);
}

#[test]
fn keymap_check_reports_every_error_with_its_position() {
    let dir = tempdir::Dir::new("keymap-check");
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[reader]\nj = \"down\"\nk = \"scroll_upp\"\n\"ctrl-pgdonw\" = \"page_down\"\n[raeder]\n",
    )
    .unwrap();
    let o = kwx(&["keymap", "check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].contains("bad.toml:3:5: unknown action `scroll_upp`"),
        "{err}"
    );
    assert!(
        lines[1].contains("bad.toml:4:1: unknown key `pgdonw` (did you mean `pagedown`?)"),
        "{err}"
    );
    assert!(
        lines[2].contains("bad.toml:5:2: unknown context `raeder` (did you mean `reader`?)"),
        "{err}"
    );

    std::fs::write(&bad, "[reader]\nj = down\n").unwrap();
    let o = kwx(&["keymap", "check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.toml:2:5:"), "{}", stderr(&o));

    std::fs::write(&bad, [0xff, 0xfe, b'x']).unwrap();
    let o = kwx(&["keymap", "check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not UTF-8"), "{}", stderr(&o));

    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps/vim.toml");
    let o = kwx(&["keymap", "check", good.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn keymap_print_lists_effective_bindings() {
    let v = json(&["keymap", "print", "emacs", "--json"]);
    let rows = v.as_array().unwrap();
    assert!(rows.iter().any(|r| r["context"] == "global"
        && r["keys"] == "ctrl-x ctrl-c"
        && r["action"] == "quit"));
    let o = kwx(&["keymap", "print", "vi"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such preset"), "{}", stderr(&o));
}

#[test]
fn the_explorer_refuses_a_pipe_with_a_clear_message() {
    let o = kwx(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("needs a terminal"), "{}", stderr(&o));
}

#[test]
fn search_json_ranks_and_marks_matched_chars() {
    let v = json(&["search", "Vyshinsky", "Shtykov", "--limit", "3", "--json"]);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let first = &rows[0];
    assert_eq!(first["doc"], "article");
    assert!(first["score"].as_i64().unwrap() >= rows[1]["score"].as_i64().unwrap());
    let text: Vec<char> = first["text"].as_str().unwrap().chars().collect();
    let matched: String = first["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| text[i.as_u64().unwrap() as usize])
        .collect();
    assert_eq!(matched.to_lowercase(), "shtykovvyshinsky");
    let v = json(&["search", "FRUS", "--doc", "thesis", "--json"]);
    assert!(v.as_array().unwrap().iter().all(|r| r["doc"] == "thesis"));
    let o = kwx(&["search", "FRUS", "--doc", "book"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(v.as_array().unwrap().iter().all(|r| r["kind"] == "note"));
}

#[test]
fn search_lists_near_misses_with_the_word_each_lacks() {
    let v = json(&["search", "Tunkin report 14 September 1949", "--json"]);
    let rows = v.as_array().unwrap();
    // Tunkin's telegram of that day in both texts, and the thesis's `ibid` of it.
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["article:33", "article:53", "thesis:IV:26", "thesis:IV:27"],
        "{rows:?}"
    );
    assert!(rows.iter().all(|r| r["lacks"] == "report"), "{rows:?}");
    let o = kwx(&["search", "Tunkin", "report", "14", "September", "1949"]);
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "nothing matches every word");
    assert!(
        lines[1].starts_with("closest, each lacking one word"),
        "{out}"
    );
    assert!(lines[2].starts_with("article:33") && lines[2].contains("[-report] Tunkin"));
    // The notes citing a match's document follow, marked with the match.
    assert_eq!(
        json(&["search", "JWPC 476/1", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let v = json(&["search", "JWPC 476/1", "--same-documents", "--json"]);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].get("same_document_as").is_none(), "{rows:?}");
    assert_eq!(rows[1]["id"], "thesis:VI:55");
    assert_eq!(rows[1]["same_document_as"], "article:68");
    let o = kwx(&["search", "JWPC", "476/1", "--same-documents"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.lines().nth(1).is_some_and(
            |l| l.starts_with("thesis:VI:55") && l.contains("[= article:68] JWPC 467/1")
        ),
        "{out}"
    );
    // Rows of a whole match carry no `lacks`.
    let v = json(&["search", "Tunkin", "--json"]);
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r.get("lacks").is_none()));
}

#[test]
fn search_says_how_many_matched_when_it_cuts() {
    let o = kwx(&["search", "Shtykov"]);
    let out = String::from_utf8_lossy(&o.stdout);
    let last = out.lines().last().unwrap();
    let total: usize = last
        .strip_prefix("20 of ")
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{last}"));
    assert!(last.contains("--limit"), "{last}");
    assert_eq!(out.lines().count(), 21);
    let all = kwx(&["search", "Shtykov", "--limit", "0"]);
    assert_eq!(String::from_utf8_lossy(&all.stdout).lines().count(), total);
}

#[test]
fn body_search_from_the_cli() {
    let v = json(&["search", "Ongjin", "peninsula", "--in", "body", "--json"]);
    let rows = v.as_array().unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        assert_eq!(r["kind"], "paragraph");
        assert!(r["n"].is_null());
        let text: Vec<char> = r["text"].as_str().unwrap().chars().collect();
        let offset = r["offset"].as_u64().unwrap() as usize;
        let at: String = text[offset..].iter().take(6).collect();
        assert!(
            ["Ongjin", "ongjin"].contains(&at.as_str()) || at.to_lowercase().starts_with("penins"),
            "{at}"
        );
        assert!(r["paragraph"].as_u64().is_some());
    }
    // in: in the query does the same; in:all mixes both kinds.
    let v = json(&["search", "in:all", "Ongjin", "--limit", "0", "--json"]);
    let kinds: std::collections::HashSet<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
}

/// A note's row names it as `kwx note` takes it: the thesis numbers its notes in each chapter,
/// so `thesis n22` was chapter IV's on 21 June 1950 and chapter V's on the 25th.
#[test]
fn timeline_rows_name_notes_as_kwx_note_takes_them() {
    let o = kwx(&["timeline", "--from", "1950-06-21", "--to", "1950-06-22"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains(" thesis:IV:22 ") && l.contains("Emergency Telegram")),
        "{text}"
    );
    assert!(text.lines().any(|l| l.contains(" article:102 ")), "{text}");
    assert!(!text.contains(" n22 "), "{text}");
}

#[test]
fn timeline_json_has_the_documented_shape_and_range() {
    let v = json(&["timeline", "--json"]);
    let rows = v.as_array().unwrap();
    assert!(rows.len() > 500, "{}", rows.len());
    for r in rows {
        let date = r["date"].as_str().unwrap();
        let year: i32 = date[..4].parse().unwrap();
        assert!((1945..=1953).contains(&year), "{r}");
        assert!(["day", "month", "year", "range"].contains(&r["precision"].as_str().unwrap()));
        assert!(["body", "note"].contains(&r["origin"].as_str().unwrap()));
        assert!(r["text"].as_str().unwrap().len() > 4);
    }
    let june = json(&[
        "timeline", "--from", "1950-06", "--to", "1950-06", "--doc", "article", "--json",
    ]);
    let rows = june.as_array().unwrap();
    assert!(rows
        .iter()
        .any(|r| r["date"] == "1950-06-25" && r["origin"] == "body"));
    assert!(rows
        .iter()
        .any(|r| r["date"] == "1950-06-24" && r["end"] == "1950-06-25"));
    assert!(rows.iter().all(|r| r["doc"] == "article"));
    let o = kwx(&["timeline", "--from", "1950-13"]);
    assert_eq!(o.status.code(), Some(2));
    // A day bounds it too: the eve of the war and its first day.
    let days = json(&[
        "timeline",
        "--from",
        "1950-06-24",
        "--to",
        "1950-06-25",
        "--json",
    ]);
    let rows = days.as_array().unwrap();
    assert!(rows.iter().any(|r| r["date"] == "1950-06-24"));
    assert!(rows.iter().any(|r| r["date"] == "1950-06-25"));
    assert!(rows
        .iter()
        .all(|r| ["1950-06-24", "1950-06-25"].contains(&r["date"].as_str().unwrap())));
    let o = kwx(&["timeline", "--to", "1950-02-30"]);
    assert_eq!(o.status.code(), Some(2));
    // An empty range is a usage error that says so; June to the end of 1950 is no empty one.
    let o = kwx(&["timeline", "--from", "1950-06-25", "--to", "1950-06-24"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--from 1950-06-25 is after --to 1950-06-24")
    );
    let o = kwx(&["timeline", "--from", "1950-06", "--to", "1950"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!o.stdout.is_empty());
    // One bound past the other end of the corpus's range (1945–1953) leaves it empty: the
    // answer stays the empty one, and standard error says what to add.
    let o = kwx(&["timeline", "--from", "1960"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "no event in that range"
    );
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("--from 1960 is after the corpus's range (1945–1953); give --to as well"));
    let o = kwx(&["timeline", "--both", "--to", "1940"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("give --from as well"));
    let o = kwx(&["timeline", "--from", "1960", "--to", "1965"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("1961"));
    assert!(o.stderr.is_empty());
    // A range no text dates says so (JSON stays an empty list).
    for (args, says) in [
        (
            &["timeline", "--from", "1990"][..],
            "no event in that range",
        ),
        (
            &["timeline", "--both", "--from", "1990"][..],
            "no day both texts date in that range",
        ),
    ] {
        let o = kwx(args);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), says);
        let o = kwx(&[args, &["--json"]].concat());
        assert_eq!(o.stdout, b"[]\n", "as any empty list prints");
    }
}

#[test]
fn the_override_file_is_checked_as_the_explorer_loads_it() {
    let config = tempdir::Dir::new("override");
    let file = config.path().join("kwx").join("keymap.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let check = |text: &str| {
        std::fs::write(&file, text).unwrap();
        Command::new(env!("CARGO_BIN_EXE_kwx"))
            .args(["keymap", "check"])
            .arg(&file)
            .env("XDG_CONFIG_HOME", config.path())
            .output()
            .unwrap()
    };
    // `g` over the preset's `g g`: refused by the explorer, so by check too.
    let o = check("[reader]\ng = \"top\"\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`g` (top) hides `g g`"),
        "{}",
        stderr(&o)
    );
    // No way out but a signal.
    let o = check("[global]\nq = \"none\"\nctrl-c = \"none\"\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no key is left for `quit`"),
        "{}",
        stderr(&o)
    );
    let o = check("[global]\nq = \"none\"\n");
    assert!(o.status.success(), "{}", stderr(&o));
}

/// `toc` on a directory comes from the cache on a second run, byte for byte what a fresh parse
/// gives, and a text or manifest edited since is read again.
#[test]
fn a_directory_toc_from_the_cache_equals_a_fresh_parse_and_follows_edits() {
    let dir = corpus_dir("cache", |_| {});
    let path = dir.path().to_str().unwrap();
    let toc = |extra: &[&str]| {
        let o = kwx(&[&["--corpus", path, "toc", "--json"], extra].concat());
        assert!(o.status.success(), "{}", stderr(&o));
        o.stdout
    };
    let cold = toc(&[]);
    let products = products_in(&dir.path().join(".cache"));
    assert_eq!(
        products,
        ["possessives", "possessives", "toc", "toc"],
        "per document, its contents and the repairs its parse found"
    );
    assert_eq!(toc(&[]), cold, "warm");
    assert_eq!(toc(&["--no-cache"]), cold, "fresh");
    assert_eq!(
        cold,
        kwx(&["toc", "--json"]).stdout,
        "as the embedded corpus"
    );

    // A heading renamed in the text.
    let article = dir.path().join("000_1124eec32e2a075a.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(
        &article,
        text.replace("\nConclusions\n", "\nConclusions Drawn\n"),
    )
    .unwrap();
    let edited = String::from_utf8(toc(&[])).unwrap();
    assert!(edited.contains("\"Conclusions Drawn\""), "{edited}");
    assert_eq!(edited.as_bytes(), toc(&["--no-cache"]));

    // A title changed in the manifest, the texts untouched.
    let manifest = dir.path().join("corpus.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replacen("title = \"", "title = \"Retitled: ", 1),
    )
    .unwrap();
    let retitled = String::from_utf8(toc(&[])).unwrap();
    assert!(retitled.contains("Retitled: "), "{retitled}");

    // A damaged entry is a miss, not an error.
    for entry in std::fs::read_dir(dir.path().join(".cache")).unwrap() {
        std::fs::write(entry.unwrap().path(), b"\xff\x00 not an entry").unwrap();
    }
    assert_eq!(toc(&[]), toc(&["--no-cache"]));
}

/// The timeline of a directory, a note with the notes citing its source in the other text
/// (linked through the other's cached citations), the sources tree and a search equal a fresh
/// parse and the embedded corpus's.
#[test]
fn a_directory_timeline_notes_and_sources_from_the_cache_equal_a_fresh_parse() {
    let dir = corpus_dir("cache-timeline", |_| {});
    let path = dir.path().to_str().unwrap();
    let run = |args: &[&str]| {
        let o = kwx(&[&["--corpus", path], args].concat());
        assert!(o.status.success(), "{}", stderr(&o));
        o.stdout
    };
    for args in [
        &["timeline", "--json"][..],
        &[
            "timeline", "--doc", "thesis", "--from", "1949-03", "--to", "1950",
        ],
        &["note", "thesis:IV:24", "--json"],
        &["note", "article:51"],
        &["note", "article:87", "--json"],
        &["sources", "--json"],
        &["sources", "--archive", "TsAMO", "--fond", "379"],
        &["read", "thesis:IV", "--json"],
        &["cite", "thesis:IV:24", "article:87", "--format", "csl-json"],
        &["notes", "--doc", "article", "--json"],
        &["notes", "--doc", "thesis", "--archive", "APRF"],
        // (An `Ibid.` is found by its original's words, read from the cache's citations.)
        &["search", "Tunkin", "--same-documents", "--json"],
        &["search", "Ibid", "1950", "--limit", "0"],
        &["glossary", "--json"],
        &["glossary", "usgask"],
        &["sources", "civil administration"],
    ] {
        let cold = run(args);
        assert_eq!(run(args), cold, "warm {args:?}");
        assert_eq!(run(&[args, &["--no-cache"]].concat()), cold, "{args:?}");
        assert_eq!(kwx(args).stdout, cold, "embedded {args:?}");
    }
}

/// A warm run reads every entry a cold run wrote and rewrites none. An entry that does not
/// decode is a miss, made and written again on every run: equal outputs alone do not show it
/// (the citations' entries were so for a session, a field left out of their encoding).
#[test]
fn a_warm_run_reads_the_entries_a_cold_run_wrote() {
    let dir = corpus_dir("cache-reread", |_| {});
    let cache = tempdir::Dir::new("cache-reread-entries");
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_kwx"))
            .env("KWX_CACHE_DIR", cache.path())
            .args([&["--corpus", dir.path().to_str().unwrap()], args].concat())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    };
    let entries = || {
        let mut stamps: Vec<(String, std::time::SystemTime)> = std::fs::read_dir(cache.path())
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let modified = e.metadata().unwrap().modified().unwrap();
                (e.file_name().to_string_lossy().into_owned(), modified)
            })
            .collect();
        stamps.sort();
        stamps
    };
    let lookups: [&[&str]; 4] = [
        &["note", "thesis:IV:24"],
        &["timeline", "--json"],
        &["toc"],
        &["glossary"],
    ];
    for args in lookups {
        run(args);
    }
    let written = entries();
    for product in ["citations", "possessives", "toc", "glossary"] {
        assert!(
            written.iter().any(|(name, _)| name.starts_with(product)),
            "{product}: {written:?}"
        );
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
    for args in lookups {
        run(args);
    }
    assert_eq!(entries(), written);
}

/// A run that stores something new forgets the entries of texts that are gone, so the cache
/// holds no more than the texts still on disk.
#[test]
fn entries_of_deleted_texts_are_forgotten() {
    let cache = tempdir::Dir::new("shared-cache");
    let toc = |dir: &tempdir::Dir| {
        let o = Command::new(env!("CARGO_BIN_EXE_kwx"))
            .env("KWX_CACHE_DIR", cache.path())
            .args(["--corpus", dir.path().to_str().unwrap(), "toc"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    };
    let entries = || products_in(cache.path()).len();
    let first = corpus_dir("forget-a", |_| {});
    toc(&first);
    assert_eq!(entries(), 4);
    drop(first);
    let second = corpus_dir("forget-b", |_| {});
    toc(&second);
    assert_eq!(entries(), 4, "only the second directory's texts");
}

/// The product of each entry in a cache directory (`toc`, `possessives`), sorted.
fn products_in(cache: &std::path::Path) -> Vec<String> {
    let mut products: Vec<String> = std::fs::read_dir(cache)
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.rsplit_once('-')
                .map_or(name.clone(), |(p, _)| p.to_string())
        })
        .collect();
    products.sort();
    products
}

/// A query no note answers says how many paragraphs of the text do, and how to see them.
#[test]
fn search_with_no_note_counts_the_paragraphs_that_match() {
    let o = kwx(&["search", "NSC", "68"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        out,
        "no note matches every word; 5 paragraphs of the text do (add in:body)\n"
    );
    let o = kwx(&["search", "NSC", "68", "in:body"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 5);
    let o = kwx(&["search", "zzzqx"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "nothing matches every word\n"
    );
}
