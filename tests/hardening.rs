//! The binary against hostile corpora: files that are not what they claim (devices, FIFOs,
//! symlinks out of the directory, huge), texts laden with escape sequences, and the parser
//! inputs that once panicked. Each reproduction of issue 10 failed before its fix.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// The corpus files, as the manifest names them.
const ARTICLE: &str = "000_1124eec32e2a075a.txt";
const THESIS: &str = "003_d678dab491f7d799.txt";

fn kwx_in(dir: &Path, args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_kwx"))
        .arg("--corpus")
        .arg(dir)
        .args(args)
        // What a run keeps of the documents stays in the directory, gone with it.
        .env("KWX_CACHE_DIR", dir.join(".cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kwx");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    // A FIFO or /dev/zero once blocked or grew without end: give up loudly instead of hanging.
    match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("kwx {args:?} on {} did not finish in 20 s", dir.display());
        }
    }
}

struct Dir(PathBuf);

impl Dir {
    /// A corpus directory holding the embedded files, with `edit` applied.
    fn corpus(name: &str, edit: impl FnOnce(&Path)) -> Dir {
        let path = std::env::temp_dir().join(format!("kwx-hard-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        for f in ["corpus.toml", ARTICLE, THESIS] {
            std::fs::copy(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(f),
                path.join(f),
            )
            .unwrap();
        }
        edit(&path);
        Dir(path)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Points the article entry of the manifest at `file`.
fn article_file(dir: &Path, file: &str) {
    let manifest = std::fs::read_to_string(dir.join("corpus.toml")).unwrap();
    let manifest = manifest.replace(
        &format!("file = \"{ARTICLE}\""),
        &format!("file = \"{file}\""),
    );
    std::fs::write(dir.join("corpus.toml"), manifest).unwrap();
}

fn refused(dir: &Dir, file_named: &str, reason: &str) {
    let o = kwx_in(&dir.0, &["toc"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(file_named), "{err}");
    assert!(err.contains(reason), "{err}");
}

#[test]
fn devices_fifos_and_symlinks_out_of_the_corpus_are_refused() {
    let zero = Dir::corpus("zero", |d| {
        std::os::unix::fs::symlink("/dev/zero", d.join("zero.txt")).unwrap();
        article_file(d, "zero.txt");
    });
    refused(&zero, "zero.txt", "outside the corpus directory");
    let fifo = Dir::corpus("fifo", |d| {
        let path = d.join("fifo.txt");
        let status = Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(status.success());
        article_file(d, "fifo.txt");
    });
    refused(&fifo, "fifo.txt", "not a regular file");
    let passwd = Dir::corpus("passwd", |d| {
        std::os::unix::fs::symlink("/etc/passwd", d.join("link.txt")).unwrap();
        article_file(d, "link.txt");
    });
    refused(&passwd, "link.txt", "outside the corpus directory");
    let sub = Dir::corpus("sub", |d| {
        std::os::unix::fs::symlink("/etc", d.join("sub")).unwrap();
        article_file(d, "sub/passwd");
    });
    refused(&sub, "sub/passwd", "outside the corpus directory");
    let manifest = Dir::corpus("manifest", |d| {
        std::fs::remove_file(d.join("corpus.toml")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", d.join("corpus.toml")).unwrap();
    });
    refused(&manifest, "corpus.toml", "outside the corpus directory");
    // A symlink that stays inside the directory is fine.
    let inside = Dir::corpus("inside", |d| {
        std::fs::rename(d.join(ARTICLE), d.join("real.txt")).unwrap();
        std::os::unix::fs::symlink("real.txt", d.join(ARTICLE)).unwrap();
    });
    let o = kwx_in(&inside.0, &["toc"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_file_over_the_cap_is_refused_with_the_cap_named() {
    let big = Dir::corpus("big", |d| {
        let file = std::fs::File::create(d.join(ARTICLE)).unwrap();
        // Sparse: no disk is used for the 65 MB.
        file.set_len(65 * 1024 * 1024).unwrap();
    });
    refused(&big, ARTICLE, "larger than 64 MB");
}

/// Every byte a terminal would act on: C0 except newline and tab, DEL, and the UTF-8 of C1
/// controls (U+0080–U+009F) and bidi overrides.
fn control_bytes(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    text.char_indices()
        .filter(|(_, c)| kwx::sanitize::is_unsafe(*c) && !matches!(c, '\n' | '\t'))
        .map(|(i, c)| format!("U+{:04X} at byte {i}", c as u32))
        .take(5)
        .collect()
}

#[test]
fn escape_sequences_in_the_texts_reach_no_output_raw() {
    const EVIL: &str =
        "\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[?1049l\x1bc\u{9b}2J\x08\x7f\u{202e}";
    let dir = Dir::corpus("evil", |d| {
        let article = std::fs::read_to_string(d.join(ARTICLE)).unwrap();
        // In the body, in a heading and in an endnote.
        let article = article
            .replacen("archives", &format!("archives {EVIL}"), 1)
            .replacen("Soviet Documents", &format!("Soviet {EVIL} Documents"), 3);
        std::fs::write(d.join(ARTICLE), article).unwrap();
        let thesis = std::fs::read_to_string(d.join(THESIS)).unwrap();
        let thesis = thesis.replacen("Shtykov", &format!("Shtykov{EVIL}"), 40);
        std::fs::write(d.join(THESIS), thesis).unwrap();
    });
    let commands: &[&[&str]] = &[
        &["toc"],
        &["notes"],
        &["note", "article:1"],
        &["read", "article"],
        &["read", "thesis"],
        &["search", "Shtykov"],
        &["search", "Soviet"],
        &["timeline"],
        &["timeline", "--both"],
        &["check"],
        &["sources"],
        &["notes", "--archive", "IFANS"],
        &["note", "thesis:IV:24"],
    ];
    for args in commands {
        for json in [false, true] {
            let mut args = args.to_vec();
            if json {
                args.push("--json");
            }
            let o = kwx_in(&dir.0, &args);
            assert!(
                o.status.code().is_some_and(|c| c <= 1),
                "{args:?}: {}",
                stderr(&o)
            );
            assert!(!o.stdout.is_empty(), "{args:?} printed nothing");
            let found = control_bytes(&o.stdout);
            assert!(found.is_empty(), "{args:?} wrote {found:?}");
            if json {
                let _: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            }
        }
    }
    // Exports for reference managers carry the text too.
    for format in ["csl-json", "bibtex", "ris", "text"] {
        let o = kwx_in(
            &dir.0,
            &["cite", "article:32", "thesis:IV:24", "--format", format],
        );
        assert_eq!(o.status.code(), Some(0), "cite {format}: {}", stderr(&o));
        let found = control_bytes(&o.stdout);
        assert!(found.is_empty(), "cite {format} wrote {found:?}");
    }
    // The escapes are shown, not dropped: a reader can see that the text holds them.
    let o = kwx_in(&dir.0, &["read", "article"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("␛]0;pwned␇"));
}

#[test]
fn file_names_in_error_messages_are_shown_not_obeyed() {
    let dir = Dir::corpus("name", |d| article_file(d, "a\\u001b]0;x\\u0007.txt"));
    let o = kwx_in(&dir.0, &["toc"]);
    assert_eq!(o.status.code(), Some(2));
    let found = control_bytes(&o.stderr);
    assert!(found.is_empty(), "{found:?}: {}", stderr(&o));
    assert!(stderr(&o).contains("a␛]0;x␇.txt"), "{}", stderr(&o));
}

#[test]
fn parser_inputs_that_once_panicked_are_parsed_or_refused() {
    let cases = [
        (ARTICLE, "Title\n\nA “post-\nwar.\n"),
        (ARTICLE, "Title\n\nA\u{a0}post-\nwar.\n"),
        (ARTICLE, "Title\n\nA³post-\nwar.\n"),
        (THESIS, "Introduction\nSome text here.\nAbstract\n"),
    ];
    for (i, (which, text)) in cases.iter().enumerate() {
        let dir = Dir::corpus(&format!("panic{i}"), |d| {
            std::fs::write(d.join(which), text).unwrap();
        });
        let o = kwx_in(&dir.0, &["check", "--json"]);
        assert!(
            matches!(o.status.code(), Some(0..=2)),
            "{which} {text:?}: exit {:?}: {}",
            o.status.code(),
            stderr(&o)
        );
    }
}

/// The cache is a convenience, never a way to hang or break a lookup: FIFOs, a device and
/// garbage in place of its entries, or a cache "directory" that is a file.
#[test]
fn a_hostile_cache_is_passed_over() {
    let dir = Dir::corpus("cache", |_| {});
    let fresh = kwx_in(&dir.0, &["--no-cache", "timeline", "--json"]);
    assert!(fresh.status.success(), "{}", stderr(&fresh));
    let cold = kwx_in(&dir.0, &["timeline", "--json"]);
    assert_eq!(cold.stdout, fresh.stdout);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir.0.join(".cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    // Per document, its events and the repairs its parse found.
    assert_eq!(entries.len(), 4);
    entries.sort();
    std::fs::remove_file(&entries[0]).unwrap();
    let status = Command::new("mkfifo").arg(&entries[0]).status().unwrap();
    assert!(status.success());
    std::fs::remove_file(&entries[3]).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &entries[3]).unwrap();
    std::fs::write(&entries[1], b"\xff\x00garbage").unwrap();
    // A new text makes the run store an entry, and so look over every other one.
    let manifest = std::fs::read_to_string(dir.0.join("corpus.toml")).unwrap();
    std::fs::write(
        dir.0.join("corpus.toml"),
        manifest.replacen("title = \"", "title = \"New ", 1),
    )
    .unwrap();
    let hostile = kwx_in(&dir.0, &["timeline", "--json"]);
    assert!(hostile.status.success(), "{}", stderr(&hostile));
    assert_eq!(hostile.stdout, fresh.stdout);
    // A file where the cache directory should be.
    let file = dir.0.join("not-a-directory");
    std::fs::write(&file, "x").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_kwx"))
        .env("KWX_CACHE_DIR", &file)
        .arg("--corpus")
        .arg(&dir.0)
        .args(["timeline", "--json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(o.stdout, fresh.stdout);
}

/// An entry whose key still matches but whose events were cut short (a disk filled while it
/// was written elsewhere, a hand edit): the document's events are made again from its text.
#[test]
fn a_timeline_entry_cut_short_is_made_again() {
    let dir = Dir::corpus("cut-short", |_| {});
    let fresh = kwx_in(&dir.0, &["--no-cache", "timeline"]);
    assert!(fresh.status.success(), "{}", stderr(&fresh));
    assert!(kwx_in(&dir.0, &["timeline"]).status.success());
    let events: Vec<PathBuf> = std::fs::read_dir(dir.0.join(".cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("timeline-")
        })
        .collect();
    assert_eq!(events.len(), 2);
    for entry in &events {
        let bytes = std::fs::read(entry).unwrap();
        std::fs::write(entry, &bytes[..bytes.len() - 40]).unwrap();
    }
    let cut = kwx_in(&dir.0, &["timeline"]);
    assert!(cut.status.success(), "{}", stderr(&cut));
    assert_eq!(cut.stdout, fresh.stdout);
}
