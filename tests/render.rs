//! Whole screens drawn into ratatui's `TestBackend` at 80x24 and 160x48, after the same
//! actions a user's keys would produce.

use std::sync::Arc;

use kwx::app::{update, Action, App, Command, Focus};
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use ratatui::Terminal;

fn app(width: u16, height: u16) -> App {
    let corpus = Arc::new(kwx::corpus::load_embedded().unwrap());
    let keymap = kwx::keymap::load(None, None).unwrap();
    let mut app = App::new(corpus, keymap);
    update(&mut app, Action::Resize(width, height));
    app
}

fn run(app: &mut App, commands: &[Command]) {
    for c in commands {
        update(app, Action::Command(*c));
    }
}

/// The screen as lines of text.
fn draw(app: &App) -> (Vec<String>, ratatui::buffer::Buffer) {
    let (w, h) = app.screen;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let frame = terminal.draw(|f| kwx::ui::render(app, f)).unwrap();
    let buffer = frame.buffer.clone();
    let lines = (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect();
    (lines, buffer)
}

fn screen_text(app: &App) -> String {
    draw(app).0.join("\n")
}

/// The note popup over the reader, for note `number` of `part` in document `doc`.
fn open_popup(app: &mut App, doc: usize, part: Option<&str>, number: u32) {
    let note = app.corpus.documents[doc]
        .find_note(part, number)
        .expect("the note exists");
    app.popup = Some(kwx::app::state::NotePopup {
        doc,
        note,
        scroll: 0,
        round_from: None,
    });
}

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

#[test]
fn reader_shows_title_text_references_and_position() {
    for (w, h) in SIZES {
        let app = app(w, h);
        let (lines, _) = draw(&app);
        assert!(
            lines[0].contains("The Origins of the Korean War"),
            "{w}x{h}"
        );
        assert!(lines[1].contains("INTRODUCTION"));
        let text = lines.join("\n");
        assert!(text.contains("archives.[1]"), "{text}");
        let status = &lines[h as usize - 1];
        assert!(status.contains("READ"), "{status}");
        assert!(status.contains("article · Introduction"), "{status}");
        // Every text row stays within the measure and the screen.
        for line in &lines[1..h as usize - 1] {
            assert!(line.trim_end().chars().count() <= w as usize);
        }
    }
}

#[test]
fn contents_pane_beside_the_reader_when_wide_and_as_a_toggle_when_narrow() {
    let wide = app(160, 48);
    let text = screen_text(&wide);
    assert!(text.contains("Contents"));
    assert!(text.contains("IV. Stalin's Strategic"), "{text}");
    let mut narrow = app(80, 24);
    assert!(!screen_text(&narrow).contains("Contents"));
    run(&mut narrow, &[Command::ToggleNav]);
    assert_eq!(narrow.focus, Focus::Nav);
    let text = screen_text(&narrow);
    assert!(text.contains("Contents"));
    assert!(
        text.contains("CONTENTS"),
        "the status bar names the focused pane"
    );
}

#[test]
fn note_popup_shows_the_note_its_ibid_source_and_the_citing_sentence() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        while app
            .reader
            .selected_ref
            .and_then(
                |(b, s)| match app.layout().unwrap().blocks[b].spans[s].kind {
                    kwx::app::wrap::SpanKind::NoteRef { note, .. } => note,
                    _ => None,
                },
            )
            .map(|n| app.corpus.documents[0].notes[n].number)
            != Some(13)
        {
            run(&mut app, &[Command::NextRef]);
        }
        run(&mut app, &[Command::OpenNote]);
        let text = screen_text(&app);
        assert!(text.contains(" article:13 "), "{text}");
        assert!(text.contains("Ibid. repeats"), "{text}");
        assert!(text.contains("Cited in:"), "{text}");
        assert!(text.contains("NOTE"));
    }
}

#[test]
fn note_popup_shows_the_full_citation_a_short_form_repeats() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        open_popup(&mut app, 0, None, 84);
        let text = screen_text(&app);
        // `The Origins of the Korean War, Vol. 2, pp. 356-57` shortens Cumings's book.
        assert!(text.contains("Short form of article:11"), "{text}");
        assert!(text.contains("open full citation"), "{text}");
        run(&mut app, &[Command::FollowIbid]);
        let number = app
            .popup
            .as_ref()
            .map(|p| app.corpus.documents[0].notes[p.note].number);
        assert_eq!(number, Some(11));
    }
}

#[test]
fn note_popup_shows_the_archival_document_as_read() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        open_popup(&mut app, 1, Some("IV"), 78);
        let text = screen_text(&app);
        assert!(
            text.contains("Source: APRF, F.45, Op.1, D.346, pp. 14-23 · 1949-03-05"),
            "{text}"
        );
    }
}

#[test]
fn note_popup_lists_the_notes_citing_the_same_book_in_either_text() {
    let mut app = app(160, 48);
    // Thesis I:7's CWIHP working paper, which the article cites as `Soviet Aims in Korea`.
    open_popup(&mut app, 1, Some("I"), 7);
    let text = screen_text(&app);
    assert!(text.contains("Same work also cited in:"), "{text}");
    assert!(
        text.contains("article:4, article:81, thesis:introduction:6"),
        "{text}"
    );
}

#[test]
fn help_overlay_lists_bindings_from_the_keymap() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        run(&mut app, &[Command::Help]);
        let text = screen_text(&app);
        assert!(text.contains("Keys"));
        // The pane in front first, in its own words.
        assert!(text.contains("READER (here)"), "{text}");
        let theme = kwx::ui::theme::Theme::new(false);
        let lines: Vec<String> =
            kwx::ui::help::help_lines(&app.keymap, kwx::keymap::Context::Reader, &theme, 200)
                .iter()
                .map(ToString::to_string)
                .collect();
        let global = lines.iter().position(|l| l == "GLOBAL").unwrap();
        let timeline = lines.iter().position(|l| l == "TIMELINE").unwrap();
        assert!(global < timeline, "global bindings come second");
        assert!(lines
            .iter()
            .any(|l| l.contains("q, ctrl-c") && l.contains("quit kwx")));
        assert!(lines.iter().any(|l| l.contains("LEGEND")));
    }
    // In the timeline, its own meanings: `]` moves a year there.
    let mut app = app(160, 48);
    run(&mut app, &[Command::OpenTimeline, Command::Help]);
    let text = screen_text(&app);
    assert!(text.contains("TIMELINE (here)"), "{text}");
    assert!(text.contains("next year"), "{text}");
}

/// Every description is whole on screen, wrapped under itself where the box is narrow (at
/// 80 columns `:` needs two lines), and scrolling stops at the end: one key back up moves.
#[test]
fn help_descriptions_wrap_rather_than_being_cut() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        run(&mut app, &[Command::Help]);
        let text = screen_text(&app);
        assert!(
            text.contains("go to a note (IV:27, 58), a percentage"),
            "{text}"
        );
        assert!(text.contains("paragraph (¶120)"), "{text}");
        assert!(!text.contains("percentage (…"), "{text}");
        let bottom = |app: &App| draw(app).0[h as usize - 4].clone();
        run(&mut app, &[Command::PageDown; 100]);
        let at_end = bottom(&app);
        run(&mut app, &[Command::PageDown]);
        assert_eq!(bottom(&app), at_end, "no further than the end");
        run(&mut app, &[Command::Up]);
        assert_ne!(bottom(&app), at_end, "one key back up moves at once");
        // The ends in one key each, as in the reader.
        let top = {
            let mut fresh = crate::app(w, h);
            run(&mut fresh, &[Command::Help]);
            bottom(&fresh)
        };
        run(&mut app, &[Command::Top]);
        assert_eq!(bottom(&app), top);
        run(&mut app, &[Command::Bottom]);
        assert_eq!(bottom(&app), at_end);
    }
}

#[test]
fn find_prompt_and_highlighted_hits() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        run(&mut app, &[Command::Find]);
        update(&mut app, Action::Paste("Ongjin".into()));
        let (lines, buffer) = draw(&app);
        assert!(lines[h as usize - 1].contains("find: Ongjin"));
        // The current hit is drawn bold over a background.
        let hit = lines
            .iter()
            .enumerate()
            .find_map(|(y, l)| {
                l.find("Ongjin")
                    .filter(|_| y < h as usize - 1)
                    .map(|x| (x, y))
            })
            .expect("a visible hit");
        let x = lines[hit.1][..hit.0].chars().count() as u16;
        let cell = &buffer[(x, hit.1 as u16)];
        assert!(cell.modifier.contains(Modifier::BOLD), "{cell:?}");
    }
}

#[test]
fn monochrome_theme_keeps_references_and_hits_visible() {
    let mut app = app(80, 24);
    app.monochrome = true;
    run(&mut app, &[Command::NextRef]);
    let (lines, buffer) = draw(&app);
    let (y, line) = lines
        .iter()
        .enumerate()
        .find(|(_, l)| l.contains("[1]"))
        .unwrap();
    let x = line[..line.find("[1]").unwrap()].chars().count() as u16;
    let cell = &buffer[(x, y as u16)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    assert_eq!(cell.fg, ratatui::style::Color::Reset);
    assert_eq!(cell.bg, ratatui::style::Color::Reset);
}

#[test]
fn tiny_terminals_get_one_line_and_no_panic() {
    for (w, h) in [(1, 1), (39, 24), (80, 9), (40, 10)] {
        let app = app(w, h);
        let text = screen_text(&app);
        if w < 40 || h < 10 {
            assert!(
                text.starts_with("Terminal too small") || w < 18,
                "{w}x{h}: {text}"
            );
        } else {
            assert!(text.contains("READ"));
        }
    }
}

#[test]
fn search_pane_ranks_highlights_and_previews() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        run(&mut app, &[Command::OpenSearch, Command::TogglePreview]);
        update(&mut app, Action::Paste("Vyshinsky Shtykov".into()));
        let (lines, buffer) = draw(&app);
        assert!(lines[0].contains("Search notes:") && lines[0].contains("Vyshinsky Shtykov"));
        assert!(lines[1].contains("of 766 notes"), "{}", lines[1]);
        assert!(lines[2].contains("article:51"), "{}", lines[2]);
        assert!(lines[2].contains("Shtykov to Vyshinsky"));
        let text = lines.join("\n");
        assert!(
            text.contains(" article:51 "),
            "the preview names the note:\n{text}"
        );
        assert!(text.contains("Cited in:"));
        assert!(lines[h as usize - 1].contains("SEARCH"));
        // The matched letters of the first result are highlighted.
        let x = lines[2][..lines[2].find("Shtykov").unwrap()]
            .chars()
            .count() as u16;
        let cell = &buffer[(x, 2)];
        let plain = &buffer[(x + 8, 2)];
        assert_ne!(cell.style(), plain.style(), "{cell:?} vs {plain:?}");
    }
}

/// A query no note answers says where else to look (`NSC 68` is in the text, in no note).
#[test]
fn a_search_with_no_note_says_the_text_is_searched_with_in_body() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        run(&mut app, &[Command::OpenSearch]);
        update(&mut app, Action::Paste("NSC 68".into()));
        let text = screen_text(&app);
        assert!(text.contains("No note matches every word"), "{text}");
        assert!(text.contains("in:body searches the text"), "{text}");
        update(&mut app, Action::Paste(" in:body".into()));
        let text = screen_text(&app);
        assert!(text.contains("thesis VI ¶"), "{text}");
    }
}

/// The notes citing a match's document follow the matches, each marked with its match.
#[test]
fn a_search_lists_the_notes_citing_its_matches_documents_marked() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        run(&mut app, &[Command::OpenSearch]);
        update(&mut app, Action::Paste("JWPC 476/1".into()));
        let (lines, _) = draw(&app);
        assert!(
            lines[1].contains(" 1 of 766 notes · 1 more cites the same document"),
            "{}",
            lines[1]
        );
        assert!(lines[3].contains("thesis:VI:55"), "{}", lines[3]);
        assert!(lines[3].contains("=article:68 JWPC 467/1"), "{}", lines[3]);
        // The pane's own keys have their place in the status bar, beside the reader's chapter.
        let status = lines[h as usize - 1].trim_end();
        assert!(status.ends_with("esc back"), "{status}");
    }
}

/// A query nothing has whole lists the near misses, each marked with the word it lacks.
#[test]
fn a_search_nothing_answers_whole_lists_near_misses_marked() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        run(&mut app, &[Command::OpenSearch]);
        update(
            &mut app,
            Action::Paste("Tunkin report 14 September 1949".into()),
        );
        let (lines, _) = draw(&app);
        assert!(
            lines[1].contains("None of 766 notes has every word · 4 lack one"),
            "{}",
            lines[1]
        );
        assert!(lines[2].contains("article:33"), "{}", lines[2]);
        assert!(
            lines[2].contains("−report Tunkin to Soviet"),
            "{}",
            lines[2]
        );
    }
}

#[test]
fn timeline_pane_histogram_groups_and_badges() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        run(&mut app, &[Command::OpenTimeline]);
        let (lines, _) = draw(&app);
        assert!(lines[0].contains("Timeline 1945–1953"), "{}", lines[0]);
        assert!(lines[0].contains("by month"));
        let spark: String = lines[1..3].concat();
        assert!(spark.chars().any(|c| "▁▂▃▄▅▆▇█".contains(c)), "{spark}");
        assert!(
            lines[3].contains('^'),
            "the selected month is marked: {}",
            lines[3]
        );
        assert!(lines[4].contains("1945") && lines[4].contains("1953"));
        let text = lines.join("\n");
        assert!(text.contains(" T "), "thesis badges:\n{text}");
        assert!(lines[h as usize - 1].contains("TIMELINE"));
        // Zoomed in to days, June 25, 1950 has its own header with both documents under it.
        run(&mut app, &[Command::ZoomIn]);
        let t = app.timeline.as_mut().unwrap();
        let day = t
            .rows
            .iter()
            .position(|r| {
                matches!(r, kwx::timeline::Row::Header(d, _)
                    if *d == kwx::corpus::dates::PartialDate::day(1950, 6, 25))
            })
            .unwrap();
        t.selected = day + 1;
        // Any update brings the list to the selection.
        let (w, h) = app.screen;
        update(&mut app, Action::Resize(w, h));
        let text = screen_text(&app);
        assert!(text.contains("25 June 1950"), "{text}");
        // Both texts date 25 June 1950: each row says so with `=`.
        assert!(text.contains(" A=") && text.contains(" T="), "{text}");
    }
}

/// In a pane other than the reader, the pane's own keys come before the reader's place: at 80
/// columns every one of them is shown (`enter open` first) and the chapter gives way; at 200
/// columns both fit.
#[test]
fn a_panes_own_keys_come_before_the_readers_chapter() {
    for (w, h) in [(80, 24), (200, 50)] {
        for (pane, last) in [
            ("timeline", "q back"),
            ("search", "esc back"),
            ("results", "q back"),
            ("sources", "q back"),
        ] {
            let mut app = app(w, h);
            match pane {
                "timeline" => run(&mut app, &[Command::OpenTimeline]),
                "sources" => run(&mut app, &[Command::OpenSources]),
                _ => {
                    run(&mut app, &[Command::OpenSearch]);
                    update(&mut app, Action::Paste("Shtykov".into()));
                    if pane == "results" {
                        run(&mut app, &[Command::FocusNext]);
                    }
                }
            }
            let status = draw(&app).0[h as usize - 1].trim_end().to_string();
            assert!(status.contains(" enter open "), "{pane} {w}x{h}: {status}");
            assert!(status.ends_with(last), "{pane} {w}x{h}: {status}");
            assert!(status.contains("article · "), "{pane} {w}x{h}: {status}");
            assert_eq!(
                status.contains("Introduction"),
                w == 200,
                "{pane} {w}x{h}: {status}"
            );
        }
    }
    // Emacs's longer keys leave no room for every hint at 80 columns: the last listed goes
    // first, while opening and going back stay.
    let mut app = app(80, 24);
    app.keymap = kwx::keymap::load(Some("emacs"), None).unwrap();
    run(&mut app, &[Command::OpenTimeline]);
    let status = draw(&app).0[23].trim_end().to_string();
    assert!(status.contains(" enter open "), "{status}");
    assert!(status.ends_with("ctrl-g back"), "{status}");
    assert!(!status.contains(" doc "), "{status}");
}

#[test]
fn cut_text_is_marked_and_uses_the_width_there_is() {
    // A long chapter title in the status bar: cut with "…" at 80 columns, whole at 200.
    let mut reading = app(80, 24);
    reading.reader.doc = 1;
    update(&mut reading, Action::Resize(80, 24));
    run(
        &mut reading,
        &[Command::NextPart, Command::NextPart, Command::NextPart],
    );
    let status = draw(&reading).0[23].clone();
    assert!(status.contains('…'), "{status}");
    // The help key keeps its hint at 80 columns, where the others give way to the chapter.
    assert!(status.trim_end().ends_with("? help"), "{status}");
    assert!(!status.contains("quit"), "{status}");
    update(&mut reading, Action::Resize(200, 50));
    let status = draw(&reading).0[49].clone();
    assert!(!status.contains('…'), "{status}");
    assert!(
        status.contains("? help") && status.contains("q quit"),
        "{status}"
    );
    // The smallest terminals say what they need in the words that fit.
    let tiny = app(20, 5);
    let line = draw(&tiny).0[0].clone();
    assert!(line.contains("40x10 needed"), "{line}");
}

#[test]
fn the_timeline_word_filter_shows_and_marks_its_word() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        run(&mut app, &[Command::OpenTimeline, Command::Find]);
        update(&mut app, Action::Paste("Shtykov".into()));
        run(&mut app, &[Command::Select]);
        let (lines, buffer) = draw(&app);
        let theme = kwx::ui::theme::Theme::new(false);
        let rows: Vec<usize> = (7..h as usize - 1)
            .filter(|&y| {
                // The timeline's part of the row (the contents may stand beside it).
                let pane = lines[y].rsplit('│').next().unwrap_or("");
                ["T", "A"].iter().any(|b| {
                    [" ", "=", "n"]
                        .iter()
                        .any(|o| pane.contains(&format!(" {b}{o} ")))
                })
            })
            .collect();
        assert!(!rows.is_empty(), "{}", lines.join("\n"));
        for y in rows {
            let x = lines[y]
                .find("Shtykov")
                .unwrap_or_else(|| panic!("{w}x{h} row {y}: {}", lines[y]));
            let col = lines[y][..x].chars().count() as u16;
            assert_eq!(
                buffer[(col, y as u16)].fg,
                theme.hit.fg.unwrap(),
                "{}",
                lines[y]
            );
        }
    }
}

#[test]
fn the_timelines_date_filter_is_said_whole_in_its_header() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        run(&mut app, &[Command::OpenTimeline, Command::Find]);
        update(&mut app, Action::Paste("25 June 1950".into()));
        // The document and day filters too: the longest header the pane makes.
        run(
            &mut app,
            &[
                Command::Select,
                Command::FilterDocument,
                Command::FilterPrecision,
            ],
        );
        let (lines, _) = draw(&app);
        // At 80 columns the count of hidden events gives way to what was asked for.
        assert!(
            lines[0].trim_end().ends_with("date: 1950-06-25"),
            "{w}x{h}: {}",
            lines[0]
        );
        let text = lines.join("\n");
        assert!(text.contains("1950-06-25"), "{text}");
        assert!(!text.contains("1950-06-26"), "{text}");
    }
}

#[test]
fn both_documents_open_at_zero_percent() {
    let mut app = app(80, 24);
    assert!(draw(&app).0[23].contains("· 0%"), "{}", draw(&app).0[23]);
    app.reader.doc = 1;
    update(&mut app, Action::Resize(80, 24));
    assert!(draw(&app).0[23].contains("· 0%"));
    run(&mut app, &[Command::Bottom]);
    assert!(draw(&app).0[23].contains("· 100%"));
}

#[test]
fn sources_pane_tree_document_notes_and_conflict() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = app(w, h);
        run(&mut app, &[Command::OpenSources]);
        let text = screen_text(&app);
        assert!(text.contains("Sources ·"), "{w}x{h}\n{text}");
        assert!(text.contains("APRF") && text.contains("TsAMO") && text.contains("IFANS"));
        assert!(text.contains("SOURCES"), "{text}");
        // Unfold CWIHP, its 1949 group, and the document of 3 September 1949.
        let rows = |app: &App| app.sources.as_ref().unwrap().rows.clone();
        let at = |app: &App, label: &str| {
            let s = app.sources.as_ref().unwrap();
            (0..s.rows.len()).find(|&i| match s.rows[i] {
                kwx::app::sources::SourceRow::Archive(a) => s.tree[a].archive == label,
                kwx::app::sources::SourceRow::Group(a, g) => s.tree[a].groups[g].group == label,
                kwx::app::sources::SourceRow::Document(a, g, d) => {
                    s.tree[a].groups[g].documents[d].label.starts_with(label)
                }
                _ => false,
            })
        };
        for label in ["CWIHP", "1949", "1949-09-03"] {
            let i = at(&app, label).unwrap_or_else(|| panic!("{label} in {:?}", rows(&app)));
            app.sources.as_mut().unwrap().selected = i;
            run(&mut app, &[Command::Select]);
        }
        let text = screen_text(&app);
        assert!(text.contains("Shtykov to Vyshinsky"), "{text}");
        // Filed under CWIHP by the article's citation; the thesis reads it in the Korean
        // collection (the document is filed under IFANS too).
        assert!(
            text.contains("thesis:IV:24 (as Tunkin to Stalin; in IFANS)"),
            "{text}"
        );
        assert!(text.contains("≠ correspondents"), "{text}");
        // Where the article reads it: Weathersby's translation.
        assert!(
            text.contains(" in Kathryn Weathersby, To Attack, or Not to Attack?"),
            "{text}"
        );
        // Nothing runs past the right edge.
        assert!(draw(&app).0.iter().all(|l| l.chars().count() == w as usize));
        // Under a filter a group says how many of its documents are shown.
        let s = app.sources.as_mut().unwrap();
        s.filter = "cumings".into();
        s.rebuild();
        let text = screen_text(&app);
        assert!(text.contains("(undated)  (1 of "), "{text}");
        assert!(
            text.contains("Cumings to Editor, letter · 2 notes"),
            "{text}"
        );
        // Every conflict of a document shows, wrapped under its mark: Mao's telegram at one
        // RGASPI page, read as relayed by Roshchin and dated 2 and 3 October 1950.
        let s = app.sources.as_mut().unwrap();
        s.filter = "558".into();
        s.rebuild();
        for label in ["RGASPI", "fond 558", "1950-10-03"] {
            if let Some(i) = at(&app, label) {
                app.sources.as_mut().unwrap().selected = i;
            }
        }
        let (lines, _) = draw(&app);
        let text = lines.join("\n");
        assert!(text.contains("≠ correspondents: Mao to Stalin"), "{text}");
        assert!(text.contains("Roshchin to Stalin (thesis:V:118)"), "{text}");
        assert!(text.contains("≠ date: 1950-10-03"), "{text}");
        assert!(lines.iter().all(|l| l.chars().count() == w as usize));
        // A fond named by an abbreviation says what it stands for, as the thesis's list of
        // abbreviations gives it, and is found by those words.
        let s = app.sources.as_mut().unwrap();
        s.filter = "civil administration".into();
        s.rebuild();
        let i = at(&app, "fond USGASK").expect("fond USGASK under the filter");
        app.sources.as_mut().unwrap().selected = i;
        let (lines, _) = draw(&app);
        let text = lines.join("\n");
        assert!(
            text.contains(" fond USGASK: Upravlenie Grazhdanskoy Administratsiy v Severnoy Koree"),
            "{text}"
        );
        assert!(lines.iter().all(|l| l.chars().count() == w as usize));
    }
}

#[test]
fn timeline_precision_filter_and_a_day_side_by_side() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = app(w, h);
        run(&mut app, &[Command::OpenTimeline]);
        let text = screen_text(&app);
        assert!(text.contains("year-only hidden"), "{w}x{h}\n{text}");
        run(&mut app, &[Command::FilterPrecision]);
        assert!(screen_text(&app).contains("· day"));
        run(
            &mut app,
            &[Command::FilterPrecision, Command::FilterPrecision],
        );
        // The side-by-side view of 25 June 1950.
        let t = app.timeline.as_mut().unwrap();
        let day = t
            .both
            .iter()
            .position(|(d, _)| d.to_string() == "1950-06-25")
            .expect("both texts date 25 June 1950");
        t.compare = Some(day);
        let (lines, _) = draw(&app);
        let text = lines.join("\n");
        assert!(text.contains("1950-06-25 in both texts"), "{text}");
        let row_of = |lines: &[String], what: &str| lines.iter().position(|l| l.contains(what));
        let article_row = row_of(&lines, "article (Youngho Kim)").expect("the article's side");
        if w >= 120 {
            let thesis_row = row_of(&lines, "thesis (Yun Young Kim)");
            assert_eq!(Some(article_row), thesis_row, "side by side at {w}x{h}");
        } else {
            // Stacked: the thesis's account follows the article's, a page or two down.
            let mut found = false;
            for _ in 0..4 {
                run(&mut app, &[Command::PageDown]);
                found |= row_of(&draw(&app).0, "thesis (Yun Young Kim)").is_some();
            }
            assert!(found, "stacked at {w}x{h}");
        }
        run(&mut app, &[Command::Close]);
        assert!(app.timeline.as_ref().unwrap().compare.is_none());
    }
}

#[test]
fn a_pane_waiting_for_its_index_shows_the_build_over_the_reader() {
    use kwx::app::state::{BuildProgress, BuildStage};
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = app(w, h);
        let progress = BuildProgress {
            stage: BuildStage::Search,
            step: 1,
            done: 37,
            total: 200,
        };
        update(&mut app, Action::Building(progress));
        run(&mut app, &[Command::OpenSearch]);
        let text = screen_text(&app);
        assert!(text.contains("Opening search"), "{w}x{h}\n{text}");
        assert!(
            text.contains("Indexing for search: 37 of 200 documents"),
            "{text}"
        );
        // A third for the citations, and 37/200 of the second third.
        assert!(text.contains(" 39%"), "{text}");
        assert!(text.contains("esc: keep reading"), "{text}");
        // The reader is still there around the box; typing is search's, as the bar says.
        assert!(text.contains("INTRODUCTION"), "{text}");
        assert!(text.contains(" SEARCH "), "{text}");
        assert!(text.contains("esc keep reading"), "{text}");
        assert!(draw(&app).0.iter().all(|l| l.chars().count() == w as usize));
        // What is typed meanwhile shows as the query the pane will open with.
        assert!(
            text.contains("Query:") && text.contains("names, archives"),
            "{text}"
        );
        update(&mut app, Action::Paste("Tunkin".into()));
        let text = screen_text(&app);
        assert!(text.contains("Query: Tunkin"), "{text}");
        assert!(draw(&app).0.iter().all(|l| l.chars().count() == w as usize));
        // Esc: the box goes, the reader stays.
        run(&mut app, &[Command::Close]);
        assert!(!screen_text(&app).contains("Opening search"));
    }
    // The sources take what is typed meanwhile as their filter.
    let mut waiting = app(80, 24);
    update(&mut waiting, Action::Building(BuildProgress::starting(2)));
    run(&mut waiting, &[Command::OpenSources]);
    update(&mut waiting, Action::Paste("TsAMO".into()));
    let text = screen_text(&waiting);
    assert!(text.contains("Opening the sources"), "{text}");
    assert!(text.contains("Filter: TsAMO"), "{text}");
    assert!(text.contains(" SOURCES "), "{text}");
    // A query typed into the box at every small size: drawn or left out, never a panic.
    let mut app = app(80, 24);
    update(&mut app, Action::Building(BuildProgress::starting(2)));
    run(&mut app, &[Command::OpenSearch]);
    update(&mut app, Action::Paste("Tunkin 1949".into()));
    for w in 1..24 {
        for h in 1..9 {
            update(&mut app, Action::Resize(w, h));
            draw(&app);
        }
    }
}

/// A library of `copies` copies of both texts (`article-1`, `thesis-1`, …).
fn library(copies: usize) -> App {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let article = std::fs::read_to_string(dir.join("000_1124eec32e2a075a.txt")).unwrap();
    let thesis = std::fs::read_to_string(dir.join("003_d678dab491f7d799.txt")).unwrap();
    let mut manifest = String::from("[timeline]\nfrom = 1945\nto = 1953\n");
    let mut files = Vec::new();
    for i in 1..=copies {
        for (id, text) in [("article", &article), ("thesis", &thesis)] {
            let file = format!("{id}-{i}.txt");
            manifest += &format!(
                "\n[[document]]\nid = \"{id}-{i}\"\nfile = \"{file}\"\nformat = \"{id}\"\nkind = \"{id}\"\ntitle = \"{id} {i}\"\nauthor = \"A\"\n"
            );
            files.push((file, text.as_str()));
        }
    }
    let files: Vec<(&str, &str)> = files.iter().map(|(f, t)| (f.as_str(), *t)).collect();
    let corpus = kwx::corpus::load_from_memory(&manifest, &files).unwrap();
    let mut app = App::new(Arc::new(corpus), kwx::keymap::load(None, None).unwrap());
    update(&mut app, Action::Resize(80, 24));
    app
}

#[test]
fn an_archive_cited_in_many_texts_shows_its_notes_summed() {
    let mut app = library(2);
    run(&mut app, &[Command::OpenSources]);
    let text = screen_text(&app);
    // Two copies of each text: APRF is cited by the two theses, IFANS by all four texts.
    assert!(text.contains("APRF  thesis-1 18, thesis-2 18"), "{text}");
    assert!(text.contains("IFANS  196 notes in 4 texts"), "{text}");
}

#[test]
fn a_librarys_many_citing_notes_are_counted_and_the_popups_keys_still_fit() {
    // Three copies: Goncharov's book is cited in 44 other notes.
    let mut app = library(3);
    open_popup(&mut app, 0, None, 87);
    let (lines, _) = draw(&app);
    let text = lines.join("\n");
    assert!(text.contains("Same work also cited in:"), "{text}");
    assert!(text.contains(" … and 14 more"), "{text}");
    // The bottom border: the count of lines below, then the keys that fit, none cut.
    let border = lines
        .iter()
        .find(|l| l.contains("more lines"))
        .expect("scroll count");
    assert!(
        border.contains("esc close  i open full citation  o next citing  y copy"),
        "{border}"
    );
}

#[test]
fn a_long_note_scrolls_within_its_popup_and_says_how_much_is_left() {
    let mut app = app(80, 24);
    // Note 1 of the article runs past an 80x24 screen (its works cited again elsewhere
    // included).
    run(&mut app, &[Command::NextRef, Command::OpenNote]);
    let text = screen_text(&app);
    assert!(text.contains(" article:1 "), "{text}");
    assert!(text.contains("↓ 19 more lines"), "{text}");
    assert!(text.contains("down/up scroll"), "{text}");
    // Down far past the end: the last line stops at the bottom edge...
    run(&mut app, &[Command::Down; 40]);
    let text = screen_text(&app);
    assert!(text.contains("↑ end"), "{text}");
    assert!(text.contains("Cited in:"), "{text}");
    // ...and one key up moves at once.
    run(&mut app, &[Command::Up]);
    assert!(screen_text(&app).contains("↑↓ 1 more line "));
}

#[test]
fn search_of_the_text_before_it_is_indexed_says_so() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = app(w, h);
        let corpus = Arc::clone(&app.corpus);
        update(
            &mut app,
            Action::Building(kwx::app::state::BuildProgress::starting(2)),
        );
        update(
            &mut app,
            Action::Prebuilt(kwx::app::action::PrebuiltIndexes(Box::new(
                kwx::app::state::Prebuilt {
                    last: false,
                    sources: None,
                    search: Some(Arc::new(kwx::search::Index::of_notes(&corpus))),
                    timeline: None,
                    corpus,
                },
            ))),
        );
        run(&mut app, &[Command::OpenSearch]);
        update(&mut app, Action::Paste("Ongjin in:body".into()));
        let text = screen_text(&app);
        assert!(text.contains("The text is still being indexed"), "{text}");
        assert!(text.contains("once they are indexed"), "{text}");
        assert!(draw(&app).0.iter().all(|l| l.chars().count() == w as usize));
    }
}
