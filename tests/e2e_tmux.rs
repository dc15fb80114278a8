//! The real binary in a real terminal: tmux at 80x24, keys in, screen out. `.ci/run` installs
//! tmux; without it these tests say so and pass.

mod common;

use std::time::Duration;

use common::{script, Tmux};

#[test]
fn read_chapter_iv_follow_a_note_find_jump_back_and_quit() {
    let Some(t) = Tmux::start("tour", &script()) else {
        return;
    };
    t.wait_for("READ");
    // Contents, down to chapter IV of the thesis, open it.
    t.keys(&["c"]);
    t.wait_for("CONTENTS");
    let target = t
        .screen()
        .lines()
        .position(|l| l.contains("IV. Stalin's Strategic"))
        .expect("chapter IV is listed");
    let cursor = t
        .screen()
        .lines()
        .position(|l| l.contains("Introduction") && l.contains("10"))
        .expect("the cursor starts on the article's introduction");
    for _ in cursor..target {
        t.keys(&["j"]);
    }
    t.keys(&["Enter"]);
    t.wait_for("IV. STALIN'S STRATEGIC CHOICE");
    // Waited for, not asserted: tmux may be captured between the frame's top rows and its
    // status line.
    t.wait_for("thesis · IV.");
    // The first note reference of the chapter, in its popup.
    t.keys(&["r", "Enter"]);
    let screen = t.wait_for(" thesis:IV:1 ");
    assert!(screen.contains("Cited in:"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for("READ");
    // Find in the document.
    t.keys(&["/", "Shtykov"]);
    t.wait_for("find: Shtykov");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Match ");
    assert!(screen.contains("Shtykov"), "{screen}");
    // Back to where the find started: the top of chapter IV.
    t.keys(&["C-o"]);
    t.wait_for("IV. STALIN'S STRATEGIC CHOICE");
    t.keys(&["q"]);
    t.expect_exit(0);
}

#[test]
fn sigterm_and_resize_leave_a_usable_terminal() {
    let Some(t) = Tmux::start("signal", &script()) else {
        return;
    };
    t.wait_for("READ");
    t.resize(50, 12);
    t.wait_for("READ");
    t.resize(30, 8);
    t.wait_for("40x10 needed");
    t.signal("TERM");
    t.expect_exit(143);
}

#[test]
fn search_notes_open_a_result_and_come_back() {
    let Some(t) = Tmux::start("search", &script()) else {
        return;
    };
    t.wait_for("READ");
    t.keys(&["s"]);
    t.wait_for("Search notes:");
    t.keys(&["-l", "Vyshinsky Shtykov"]);
    t.wait_for("Shtykov to Vyshinsky");
    // Tab to the results list, where y copies the citation (OSC 52) and says so.
    t.keys(&["Tab"]);
    t.wait_for("RESULTS");
    t.keys(&["y"]);
    t.wait_for("Copied article:51");
    t.keys(&["/"]);
    t.wait_for("SEARCH");
    // The second result, opened in the reader with its marker selected.
    // (Keys reach kwx in order: Enter opens what Down selected.)
    t.keys(&["Down"]);
    t.keys(&["Enter"]);
    let screen = t.wait_for(" READ ");
    assert!(screen.contains("article:66 ·"), "{screen}");
    assert!(screen.contains("[66]"), "{screen}");
    // Back to the search, query and selection intact.
    t.keys(&["C-o"]);
    let screen = t.wait_for("Search notes:");
    assert!(screen.contains("Vyshinsky Shtykov"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for("READ");
    t.keys(&["q"]);
    t.expect_exit(0);
}

#[test]
fn timeline_scroll_to_1950_filter_on_a_name_and_open_an_event() {
    let Some(t) = Tmux::start("timeline", &script()) else {
        return;
    };
    t.wait_for("READ");
    t.keys(&["t"]);
    t.wait_for("Timeline 1945–1953");
    // Year by year; the histogram's marker names the selected date.
    for _ in 0..10 {
        if t.screen().contains("^ 1950") {
            break;
        }
        t.keys(&["]"]);
        std::thread::sleep(Duration::from_millis(100));
    }
    t.wait_for("^ 1950");
    t.keys(&["/"]);
    t.keys(&["-l", "Shtykov"]);
    t.keys(&["Enter"]);
    let screen = t.wait_for("word: shtykov");
    assert!(
        screen.contains("^ 1950"),
        "the selection stays in 1950: {screen}"
    );
    t.keys(&["Enter"]);
    let screen = t.wait_for("READ");
    assert!(
        screen.contains("Shtykov"),
        "the passage is on screen: {screen}"
    );
    t.keys(&["C-o"]);
    t.wait_for("Timeline 1945–1953");
    // Esc and q sent together would read as alt-q.
    t.keys(&["Escape"]);
    t.wait_for("READ");
    t.keys(&["q"]);
    t.expect_exit(0);
}

#[test]
fn a_flood_of_keys_loses_none() {
    let Some(t) = Tmux::start("flood", &script()) else {
        return;
    };
    t.wait_for("READ");
    // 3,000 keys in one write: more than one read of the terminal. crossterm's default
    // (edge-triggered) reader left the rest in the kernel until the next key arrived, so the
    // keys after a flood were answered late; kwx uses its level-triggered /dev/tty reader.
    t.keys(&["-l", &"j".repeat(3000)]);
    t.wait_for("100%");
    t.keys(&["c"]);
    t.wait_for("CONTENTS");
    t.keys(&["Escape"]);
    t.wait_for(" READ ");
    t.keys(&["q"]);
    t.expect_exit(0);
}

#[test]
fn a_dropped_ssh_connection_sighup_restores_and_exits() {
    let Some(t) = Tmux::start("hangup", &script()) else {
        return;
    };
    t.wait_for("READ");
    t.keys(&["c"]);
    t.wait_for("CONTENTS");
    t.signal("HUP");
    t.expect_exit(129);
}

#[test]
fn body_search_opens_the_reader_at_the_match_and_comes_back() {
    let Some(t) = Tmux::start("body", &script()) else {
        return;
    };
    t.wait_for("READ");
    t.keys(&["s"]);
    t.wait_for("Search notes:");
    t.keys(&["-l", "in:body Ongjin peninsula"]);
    // (Search opens on the notes; the paragraphs are listed once the text is indexed.)
    let screen = t.wait_for("article §");
    assert!(screen.contains("Search body:"), "{screen}");
    assert!(
        screen.contains(" of ") && screen.contains(" paragraphs"),
        "a count of paragraphs: {screen}"
    );
    t.keys(&["Enter"]);
    let screen = t.wait_for("“Ongjin” · ctrl-o back");
    assert!(screen.contains(" READ "), "{screen}");
    assert!(
        screen.contains("Ongjin"),
        "the match is on screen: {screen}"
    );
    // n goes on to the next match of the same words, as find does.
    t.keys(&["n"]);
    t.wait_for("for \"Ongjin\"");
    t.keys(&["C-o", "C-o"]);
    let screen = t.wait_for("Search body:");
    assert!(screen.contains("in:body Ongjin peninsula"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for(" READ ");
    t.keys(&["q"]);
    t.expect_exit(0);
}

#[test]
fn term_dumb_is_refused_and_vt100_gets_ascii_in_one_colour() {
    let dumb = std::process::Command::new(common::kwx())
        .env("TERM", "dumb")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    // Without a terminal kwx says so first; with TERM=dumb in tmux it names TERM.
    assert_eq!(dumb.status.code(), Some(2));
    let Some(t) = Tmux::start("dumb", &format!("TERM=dumb {}", script())) else {
        return;
    };
    let screen = t.wait_for("DONE");
    assert!(
        screen.contains("TERM=dumb cannot show the explorer"),
        "{screen}"
    );
    assert!(screen.contains("EXIT=2"), "{screen}");
    drop(t);
    let Some(t) = Tmux::start("vt100", &format!("TERM=vt100 {}", script())) else {
        return;
    };
    let screen = t.wait_for(" READ ");
    t.keys(&["t"]);
    let screen_timeline = t.wait_for("Timeline");
    for s in [&screen, &screen_timeline] {
        let odd: Vec<char> = s.chars().filter(|c| !c.is_ascii()).take(5).collect();
        assert!(odd.is_empty(), "non-ASCII on a vt100: {odd:?}\n{s}");
    }
    t.keys(&["Escape"]);
    t.wait_for(" READ ");
    t.keys(&["q"]);
    t.expect_exit(0);
}

#[test]
fn kwx_open_starts_at_a_note_and_colon_goes_to_a_percentage() {
    let script = format!(
        "{} open thesis:IV:27 ; echo \"EXIT=$?\"; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo DONE; sleep 30",
        common::kwx()
    );
    let Some(t) = Tmux::start("open", &script) else {
        return;
    };
    let screen = t.wait_for(" READ ");
    assert!(screen.contains("[27]"), "the marker is on screen: {screen}");
    assert!(screen.contains("thesis:IV:27"), "{screen}");
    // A pending key is shown until the sequence ends.
    t.keys(&["g"]);
    t.wait_for(" g … ");
    t.keys(&["g"]);
    t.wait_for("· 0%");
    t.keys(&[":"]);
    t.wait_for("go to:");
    t.keys(&["-l", "50%"]);
    t.keys(&["Enter"]);
    t.wait_for("· 50%");
    t.keys(&["q"]);
    t.expect_exit(0);
    // A place that does not exist is refused before the screen is taken.
    let o = std::process::Command::new(common::kwx())
        .args(["open", "thesis:IV:999"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("No note “thesis:IV:999” in thesis"));
}

#[test]
fn the_list_of_abbreviations_is_read_from_the_contents() {
    let Some(t) = Tmux::start("abbreviations", &script()) else {
        return;
    };
    t.wait_for("READ");
    // The last entry of the contents, after the bibliography.
    t.keys(&["c"]);
    let screen = t.wait_for("CONTENTS");
    assert!(screen.contains("· Abbreviations"), "{screen}");
    t.keys(&["G", "Enter"]);
    let screen = t.wait_for("ABBREVIATIONS");
    assert!(screen.contains("CCP — Chinese Communist Party"), "{screen}");
    // Its end: the archives close the list.
    t.keys(&["G"]);
    let screen = t.wait_for("TSAMO — The Russian Central Archive of Department of Defense");
    assert!(
        screen.contains("USGASK — Upravlenie Grazhdanskoy"),
        "{screen}"
    );
    t.keys(&["q"]);
    t.expect_exit(0);
}

#[test]
fn the_wheel_scrolls_the_reader() {
    let Some(t) = Tmux::start("wheel", &script()) else {
        return;
    };
    t.wait_for("· 0%");
    // SGR mouse reports of the wheel turning down, as a terminal sends them.
    for _ in 0..10 {
        t.keys(&["-l", "\x1b[<65;40;10M"]);
    }
    let screen = t.wait_for(" READ ");
    let start = std::time::Instant::now();
    let mut screen = screen;
    while screen.contains("· 0%") && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
        screen = t.screen();
    }
    assert!(
        !screen.contains("· 0%"),
        "the wheel scrolled nothing: {screen}"
    );
    t.keys(&["q"]);
    t.expect_exit(0);
}

#[test]
fn sources_archive_fond_document_note_and_back() {
    let Some(t) = Tmux::start("sources", &script()) else {
        return;
    };
    t.wait_for("READ");
    t.keys(&["a"]);
    t.wait_for("Sources ·");
    // APRF is the first archive: unfold it, then fond 45, then its first document.
    t.keys(&["Enter"]);
    t.wait_for("fond 45");
    t.keys(&["Down", "Down"]);
    t.keys(&["Enter"]);
    t.wait_for("1949-03-05");
    // The first document, the record of 5 March 1949: its reference below the tree, its notes
    // from both texts when unfolded (the article's reads it in CWIHP's translation).
    t.keys(&["Down"]);
    t.wait_for("APRF, F.45, Op.1, D.346");
    t.keys(&["Enter"]);
    t.wait_for("article:96 (in CWIHP)");
    // Its notes: article:96, then the thesis's IV:11 and IV:14 (by the day alone) and IV:78.
    t.keys(&["Down", "Down", "Enter"]);
    let screen = t.wait_for("READ");
    assert!(
        screen.contains("thesis:IV:11"),
        "the reader is at the note: {screen}"
    );
    t.keys(&["C-o"]);
    let screen = t.wait_for("SOURCES");
    assert!(
        screen.contains("thesis:IV:11 (in IFANS)"),
        "back in the tree: {screen}"
    );
    t.keys(&["q", "q"]);
}

#[test]
fn timeline_opens_25_june_1950_in_both_texts() {
    let Some(t) = Tmux::start("both", &script()) else {
        return;
    };
    t.wait_for("READ");
    t.keys(&["t"]);
    t.wait_for("Timeline 1945–1953");
    t.keys(&["/"]);
    t.keys(&["-l", "25 june 1950"]);
    t.keys(&["Enter"]);
    t.wait_for("date: 1950-06-25");
    t.keys(&["="]);
    let mut screen = t.wait_for("in both texts");
    for _ in 0..5 {
        if screen.contains("1950-06-25 in both texts") {
            break;
        }
        t.keys(&["]"]);
        std::thread::sleep(Duration::from_millis(150));
        screen = t.screen();
    }
    assert!(screen.contains("1950-06-25 in both texts"), "{screen}");
    assert!(screen.contains("article (Youngho Kim)"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for("date: 1950-06-25");
    t.keys(&["q", "q"]);
}

/// A library of `n` copies of the two texts, as `scripts/bench-corpus` writes it.
/// `n` copies of the corpus in a directory of the test's own (tests run side by side).
fn library(n: usize, test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kwx-library-{test}-{n}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut manifest = String::from("[timeline]\nfrom = 1945\nto = 1953\n");
    for i in 1..=n {
        for (id, format, source) in [
            ("article", "article", "000_1124eec32e2a075a.txt"),
            ("thesis", "thesis", "003_d678dab491f7d799.txt"),
        ] {
            let file = format!("{id}-{i:03}.txt");
            std::fs::copy(src.join(source), dir.join(&file)).unwrap();
            manifest += &format!(
                "\n[[document]]\nid = \"{id}-{i:03}\"\nfile = \"{file}\"\nformat = \"{format}\"\nkind = \"{format}\"\ntitle = \"{id} {i}\"\nauthor = \"A\"\n"
            );
        }
    }
    std::fs::write(dir.join("corpus.toml"), manifest).unwrap();
    dir
}

// Three copies (six documents, past the four the explorer reads before its first frame): the
// tests run the debug build, beside others; the 100x figures are measured on the release
// build (README, "At scale").
#[test]
fn a_library_is_shown_first_then_read_whole() {
    let dir = library(3, "read-whole");
    let script = script().replacen("kwx", &format!("kwx --corpus {}", dir.display()), 1);
    let Some(t) = Tmux::start("library", &script) else {
        return;
    };
    // The first document is shown, then the rest is read (slowly in a loaded debug build).
    t.wait_for("READ");
    let start = std::time::Instant::now();
    while !t.screen().contains("All 6 documents read") {
        assert!(start.elapsed() < Duration::from_secs(60), "{}", t.screen());
        std::thread::sleep(Duration::from_millis(100));
    }
    t.keys(&["s"]);
    t.wait_for("Search notes:");
    t.keys(&["-l", "Shtykov"]);
    t.wait_for("Shtykov");
    t.keys(&["Escape"]);
    // (An escape and a key in one read are alt and the key: wait for the reader first.)
    t.wait_for(" READ ");
    t.keys(&["t"]);
    t.wait_for("Timeline 1945–1953");
    let before = t.screen();
    t.keys(&["j", "j", "j"]);
    let mut moved = false;
    for _ in 0..100 {
        if t.screen() != before {
            moved = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(moved, "the timeline answers j: {before}");
    t.keys(&["q", "q"]);
    let _ = std::fs::remove_dir_all(&dir);
}

// The explorer at 100 times the corpus (200 documents): while the library's indexes are built
// in the background, a pane asked for shows the build's progress and every key is answered.
// The debug build takes about half a minute to build them here; the release build a few
// seconds (README, "At scale").
#[test]
fn at_100x_keys_are_answered_while_the_indexes_build() {
    let dir = library(100, "keys-answered");
    let script = script().replacen("kwx", &format!("kwx --corpus {}", dir.display()), 1);
    let Some(t) = Tmux::start("library100", &script) else {
        return;
    };
    t.wait_for("READ");
    t.wait_longer_for("All 200 documents read", Duration::from_secs(60));
    t.keys(&["s"]);
    let waiting = t.wait_for("Opening search");
    assert!(waiting.contains("of 200 documents"), "{waiting}");
    // Letters typed meanwhile are search's query, not the reader's commands.
    t.keys(&["-l", "Shtykov"]);
    let waiting = t.wait_for("Query: Shtykov");
    // The reader under the box still scrolls with the arrows (its top lines move; the box's
    // count moves by itself, so the whole screen would change anyway).
    let top = |screen: &str| screen.lines().take(4).collect::<Vec<_>>().join("\n");
    t.keys(&["Down", "Down", "Down"]);
    let start = std::time::Instant::now();
    let scrolled = loop {
        let screen = t.screen();
        if top(&screen) != top(&waiting) {
            break screen;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "{screen}");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(scrolled.contains("Opening search"), "{scrolled}");
    // Search opens by itself once its index is built, with what was typed.
    t.wait_longer_for("Search notes:  Shtykov", Duration::from_secs(180));
    // (The worker ranks a library's notes: the list is the query's once it has answered.)
    let start = std::time::Instant::now();
    loop {
        let screen = t.screen();
        if screen.lines().filter(|l| l.contains("Shtykov")).count() > 3 {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "{screen}");
        std::thread::sleep(Duration::from_millis(100));
    }
    t.keys(&["Escape"]);
    t.wait_for(" READ ");
    // The timeline opens by itself once its events are dated, and scrolls.
    t.keys(&["t"]);
    let timeline = t.wait_longer_for("Timeline 1945–1953", Duration::from_secs(180));
    t.keys(&["j", "j", "j"]);
    t.wait_for_change(&timeline);
    t.keys(&["q", "q"]);
    let _ = std::fs::remove_dir_all(&dir);
}

// What one run of the explorer keeps of a library (each text's citations and events) is what
// the next run's Sources pane and timeline are made from: the two runs show the same panes,
// the second without reading a note.
#[test]
fn a_library_reopened_shows_the_same_panes_from_the_cache() {
    let dir = library(3, "reopened");
    let cache = dir.join(".cache");
    let panes = |name: &str| -> Option<(String, String)> {
        let script = format!(
            "KWX_CACHE_DIR={} {}",
            cache.display(),
            script().replacen("kwx", &format!("kwx --corpus {}", dir.display()), 1)
        );
        let t = Tmux::start(name, &script)?;
        t.wait_for("READ");
        t.wait_longer_for("All 6 documents read", Duration::from_secs(60));
        t.keys(&["a"]);
        t.wait_longer_for("Sources · ", Duration::from_secs(60));
        t.wait_for("notes in 6 texts");
        // The pane, not the status line's passing messages.
        let pane = |screen: String| screen.lines().take(20).collect::<Vec<_>>().join("\n");
        let sources = pane(t.screen());
        t.keys(&["Escape"]);
        t.wait_for(" READ ");
        t.keys(&["t"]);
        t.wait_longer_for("Timeline 1945–1953", Duration::from_secs(60));
        t.keys(&["j", "j", "j"]);
        std::thread::sleep(Duration::from_millis(300));
        let timeline = pane(t.screen());
        t.keys(&["q", "q"]);
        Some((sources, timeline))
    };
    let Some(first) = panes("cache-cold") else {
        return;
    };
    let kept: Vec<String> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for product in ["citations-", "timeline-"] {
        let n = kept.iter().filter(|f| f.starts_with(product)).count();
        assert_eq!(n, 6, "{product}: {kept:?}");
    }
    let second = panes("cache-warm").unwrap();
    assert_eq!(first.0, second.0, "Sources");
    assert_eq!(first.1, second.1, "timeline");
    let _ = std::fs::remove_dir_all(&dir);
}
