//! Command-line interface: argument parsing and the non-interactive lookups (`toc`, `notes`,
//! `note`, `check`), each with a readable default and `--json` for scripts.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::build_cache::BuildCache;
use crate::corpus::dates::PartialDate;
use crate::corpus::{self, sentence_around, text_before, Corpus, Document};
use crate::glossary::GlossaryLine;
use crate::sources::{self, ArchiveNode, CitingNote, SourceFilter, SourceRow, WorkRow};

/// Exit code for usage errors and unreadable input (as clap uses for bad arguments).
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "kwx",
    version,
    about = "Explore a corpus on the origins of the Korean War: chapters, notes, citations."
)]
pub struct Cli {
    /// Load the corpus from DIR (a corpus.toml and its texts) instead of the embedded one.
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Keymap for the explorer: a preset (default, vim, emacs) or a TOML file.
    /// $XDG_CONFIG_HOME/kwx/keymap.toml, if present, overrides single bindings of it.
    #[arg(long, value_name = "NAME|PATH")]
    pub keymap: Option<String>,
    /// A monochrome explorer (also when NO_COLOR is set, or TERM names a terminal without
    /// colour such as vt100).
    #[arg(long)]
    pub no_color: bool,
    /// Append what `y` copies to FILE instead of sending it to the terminal's clipboard
    /// (OSC 52), for terminals that do not take it.
    #[arg(long, value_name = "FILE")]
    pub copy_to: Option<PathBuf>,
    /// Leave the mouse to the terminal (selecting text) rather than take clicks and the wheel.
    #[arg(long)]
    pub no_mouse: bool,
    /// Draw the explorer in ASCII only: borders, bars and marks (also when TERM names a
    /// terminal without line drawing such as vt100).
    #[arg(long)]
    pub ascii: bool,
    /// Derive everything from the texts afresh, neither reading nor writing what earlier runs
    /// kept of a --corpus directory's documents ($KWX_CACHE_DIR, else $XDG_CACHE_HOME/kwx).
    #[arg(long, global = true)]
    pub no_cache: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Documents with their parts and subsections, paragraph and note counts.
    Toc,
    /// Every note, with the place that cites it.
    Notes {
        /// Only this document (article, thesis).
        #[arg(long, value_name = "ID")]
        doc: Option<String>,
        /// Only this part (a chapter's Roman numeral or a part's key).
        #[arg(long, value_name = "KEY", requires = "doc")]
        part: Option<String>,
        /// Only notes citing this archive (APRF, AVPRF, RGASPI, TsAMO, GARF, RGANI, FRUS,
        /// NARA, HSTL, CIA, IFANS, CWIHP), by its id or any name the texts give it, any case
        /// (`RTsKhIDNI`, `Soviet Documents`, `Truman Library`).
        #[arg(long, value_name = "ID")]
        archive: Option<String>,
        /// Only notes citing this fond (or NARA record group, FRUS volume).
        #[arg(long, value_name = "F")]
        fond: Option<String>,
    },
    /// Archival sources: archive → fond (record group, volume) → document, each document with
    /// the notes citing it in every text and any conflicting readings, counts per archive.
    Sources {
        /// Only this archive, by its id or any name the texts give it (`RTsKhIDNI`).
        #[arg(long, value_name = "ID")]
        archive: Option<String>,
        /// Only this fond (or NARA record group, FRUS volume).
        #[arg(long, value_name = "F")]
        fond: Option<String>,
        /// Only notes of this document (article, thesis).
        #[arg(long, value_name = "ID")]
        doc: Option<String>,
        /// Only the documents holding every word, as the Sources pane's filter: in the label,
        /// reference, citing notes, their readings, words or conflicts (`kwx sources tunkin`,
        /// `kwx sources 1950-01-30`, `kwx sources fond 45`).
        #[arg(value_name = "WORDS")]
        words: Vec<String>,
    },
    /// Export the works notes cite for a reference manager: CSL-JSON (Zotero imports it),
    /// BibTeX or RIS. IDs as for `note` (thesis:IV:24, article:51), or a part (thesis:IV) or a
    /// document (article) for every note in it.
    Cite {
        #[arg(value_name = "ID", required = true, num_args = 1..)]
        ids: Vec<String>,
        /// Output format.
        #[arg(long, value_name = "FORMAT", default_value = "csl-json", value_parser = ["csl-json", "bibtex", "ris", "text"])]
        format: String,
    },
    /// One note, the sentence that cites it and where: DOC:PART:N (thesis:IV:12) or DOC:N (article:58).
    Note {
        #[arg(value_name = "DOC:PART:N")]
        reference: String,
    },
    /// Open the explorer at a place: a note (thesis:IV:27, article:58), a part (thesis:II), a
    /// document, a percentage (thesis:50%) or a paragraph (thesis:¶120): for demos and scripts.
    Open {
        #[arg(value_name = "PLACE")]
        target: String,
    },
    /// The clean text of a document or one part, paragraphs separated by blank lines and note
    /// markers shown as [n]: DOC or DOC:PART (thesis:IV).
    Read {
        #[arg(value_name = "DOC[:PART]")]
        target: String,
    },
    /// Parse report: notes per part, numbering gaps and duplicates, unreferenced notes. Exit 1 if
    /// anything is off that the manifest does not list as a known quirk of the source.
    Check,
    /// The documents' lists of abbreviations (the thesis's), or what one abbreviation stands
    /// for: `kwx glossary USGASK`. An abbreviation no document lists is looked up in kwx's own
    /// table of acronyms (`KMAG`, `JCS`), the one search reads.
    Glossary {
        /// The abbreviation, any case.
        #[arg(value_name = "TERM")]
        term: Option<String>,
        /// Only this document's list (article, thesis).
        #[arg(long, value_name = "ID")]
        doc: Option<String>,
    },
    /// Search the notes (or the body text): words in any order, all required (function words
    /// such as of, to, the are not), matched whole, as a prefix, with a typo (of a word the
    /// texts write: only their slips, as Muceio for Muccio, not would for world), or as a tight
    /// fuzzy match (for a word the texts nowhere write; a number whole: 15 is not 159),
    /// transliteration variants, British and American spellings, acronyms and the
    /// names they stand for (JCS, Joint Chiefs of Staff), kinds of document by their other
    /// words (meeting, conversation), a name typed in its possessive (Mao's) as the name, and
    /// dates in any written form included. Best first; a correspondence typed (Mao's, Mao to
    /// Stalin, from Mao) ranks the documents so sent first. When nothing has all of three or
    /// more words (or a word and a date), the notes lacking one are listed, each marked with
    /// the word it lacks ([-word]; "lacks" in JSON). With --same-documents, the other notes
    /// citing the matches' archival documents follow them.
    ///
    /// Query syntax: "exact phrase", 'word (that word only), !word (without it), doc:ID,
    /// part:KEY, in:notes|body|all; archival references as `fond 45`, `F.45`, `op 1`,
    /// `delo 346`, `record group 59` find every labelling of them; an archive's id or name
    /// (`IFANS`, `NARA`, `RTsKhIDNI`, `Russian Presidential Archives`) finds the notes citing
    /// it, however they spell it, and a kind of document (`telegram`, `letters`) the notes
    /// citing one, after those writing it.
    Search {
        /// The query, e.g. `Shtykov Vyshinsky`, `FRUS 1949 part:IV`, `Stalin 30 Jan 1950`.
        #[arg(value_name = "QUERY", required = true, num_args = 1..)]
        query: Vec<String>,
        /// Show at most N results (0: all).
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        /// Only this document (article, thesis).
        #[arg(long, value_name = "ID")]
        doc: Option<String>,
        /// What to search: notes (the default), body paragraphs, or all.
        #[arg(long = "in", value_name = "WHERE", value_parser = ["notes", "body", "all"])]
        scope: Option<String>,
        /// After the matches, the other notes citing the same archival documents, under
        /// whatever attribution, number or date they give, each marked with its match ([= ID];
        /// "same_document_as" in JSON), as the explorer lists them: `JWPC 476/1` also finds
        /// the note numbering it 467/1.
        #[arg(long)]
        same_documents: bool,
    },
    /// Dated events of both documents, in date order, within the corpus's range (1945–1953)
    /// unless --from/--to say otherwise.
    ///
    /// A range (`March and May 1946`, `19 October–26 December 1948`) has its first date as
    /// `date`, its last as `end`, and the first date's precision. `qualifier` keeps what the
    /// text says beyond the date: early, mid, late, beginning, end, first-half, second-half,
    /// spring, summer, autumn, winter (a part of it), by, after, until, before (a bound).
    ///
    /// Dates inside a cited work's title, journal issue or imprint are not events; `One day
    /// after … on 1 July` is 2 July. `--both` lists the days both texts date, side by side.
    Timeline {
        /// From this year, month or day on (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_name = "YYYY[-MM[-DD]]", value_parser = parse_date_bound)]
        from: Option<PartialDate>,
        /// Up to this year, month or day (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_name = "YYYY[-MM[-DD]]", value_parser = parse_date_bound)]
        to: Option<PartialDate>,
        /// Only this document (article, thesis).
        #[arg(long, value_name = "ID", conflicts_with = "both")]
        doc: Option<String>,
        /// The days both texts date, each with both texts' sentences, the notes they cite and
        /// the pairs of notes citing one document (the explorer's `=` view).
        #[arg(long)]
        both: bool,
    },
    /// Keymaps: validate a file, or print the effective bindings.
    Keymap {
        #[command(subcommand)]
        action: KeymapCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeymapCommand {
    /// Validate a keymap file: unknown actions or keys and TOML errors as PATH:LINE:COL.
    Check {
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Print the bindings in effect: a preset (default, vim, emacs), or the --keymap choice
    /// with your override file.
    Print {
        #[arg(value_name = "NAME")]
        name: Option<String>,
    },
}

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Keymap { action }) = &cli.command {
        return keymap_command(&cli, action);
    }
    // An empty range is a slip of the keyboard, not a question with no answer.
    if let Some(Command::Timeline {
        from: Some(from),
        to: Some(to),
        ..
    }) = &cli.command
    {
        if *from > to.last_day() {
            return fail(&format!("--from {from} is after --to {to}"), EXIT_USAGE);
        }
    }
    // The explorer on a library: the first frame shows the document last read, the rest is
    // read after it.
    if let (None, Some(dir)) = (&cli.command, &cli.corpus) {
        let last_read = crate::state_file::default_path()
            .and_then(|p| crate::state_file::load(&p, &state_key(&cli)).ok())
            .and_then(|s| s.document);
        return match corpus::load_dir_one(dir, last_read.as_deref(), cache(&cli).as_ref()) {
            Ok((first, listed)) if listed > LIBRARY => {
                explore(&cli, first, None, Some((dir.clone(), listed)))
            }
            Ok(_) => match load(&cli) {
                Ok(c) => explore(&cli, c, None, None),
                Err(message) => fail(&message, EXIT_USAGE),
            },
            Err(e) => fail(&e.to_string(), EXIT_USAGE),
        };
    }
    // Lookups a directory's documents answer one by one, each from the cache if it can.
    match (&cli.corpus, &cli.command) {
        (Some(dir), Some(Command::Toc)) => {
            return finish(
                corpus::per_document(dir, cache(&cli).as_ref(), "toc", toc_document)
                    .map_err(|e| e.to_string())
                    .map(|toc| print(&cli, &toc.documents, render_toc).map(|_| 0)),
            )
        }
        (Some(dir), Some(Command::Glossary { term, doc })) => {
            return finish(
                corpus::per_document(dir, cache(&cli).as_ref(), "glossary", |d| {
                    d.glossary.clone()
                })
                .map_err(|e| e.to_string())
                .and_then(|library| {
                    let lists: Vec<crate::glossary::List> = (library.metas.iter())
                        .zip(&library.documents)
                        .map(|(meta, entries)| crate::glossary::List {
                            doc: &meta.id,
                            entries,
                        })
                        .collect();
                    print_glossary(&cli, &lists, term.as_deref(), doc.as_deref())
                }),
            )
        }
        (
            Some(dir),
            Some(Command::Timeline {
                from,
                to,
                doc,
                both: false,
            }),
        ) => {
            return finish(library_timeline(&cli, dir, *from, *to, doc.as_deref()));
        }
        (
            Some(dir),
            Some(Command::Sources {
                archive,
                fond,
                doc,
                words,
            }),
        ) => {
            return finish(cited_library(&cli, dir).and_then(|library| {
                let tree = sources(
                    &library,
                    archive.as_deref(),
                    fond.as_deref(),
                    doc.as_deref(),
                    words,
                )?;
                Ok(print(&cli, &tree, render_sources).map(|_| 0))
            }));
        }
        (Some(dir), Some(Command::Cite { ids, format })) => {
            // The cited works and the notes' names are all an export takes.
            let library = match cited_library(&cli, dir) {
                Ok(library) => library,
                Err(e) => return fail(&e, EXIT_USAGE),
            };
            return match cite(&library, ids, format) {
                Ok(text) => finish(Ok(write_raw(&text).map(|_| 0))),
                Err(LookupError::Usage(e) | LookupError::NotFound(e)) => fail(&e, EXIT_USAGE),
            };
        }
        (Some(dir), Some(Command::Read { target })) => {
            // One document is all a part's text takes; an unknown one is left to the whole
            // library, whose error names every document.
            let doc_id = target.split_once(':').map_or(target.as_str(), |(d, _)| d);
            match corpus::load_dir_one(dir, Some(doc_id), cache(&cli).as_ref()) {
                Ok((one, _)) if one.documents.first().is_some_and(|d| d.meta.id == doc_id) => {
                    return match read(&one, target) {
                        Ok(paragraphs) => {
                            finish(Ok(print(&cli, &paragraphs, render_read).map(|_| 0)))
                        }
                        Err(e) => fail(&e, EXIT_USAGE),
                    };
                }
                Err(e) => return fail(&e.to_string(), EXIT_USAGE),
                Ok(_) => {}
            }
        }
        (
            Some(dir),
            Some(Command::Notes {
                doc: Some(doc),
                part,
                archive,
                fond,
            }),
        ) => {
            let library = match library_around(&cli, dir, doc) {
                Ok(library) => library,
                Err(e) => return fail(&e, EXIT_USAGE),
            };
            let filters = (part.as_deref(), archive.as_deref(), fond.as_deref());
            return match notes_selected(&library, Some(doc), filters.0, filters.1, filters.2) {
                Ok(selected) => finish(Ok(print_notes(&cli, &library, selected).map(|_| 0))),
                Err(e) => fail(&e, EXIT_USAGE),
            };
        }
        (Some(dir), Some(Command::Note { reference })) => {
            let detail = match note_in_directory(&cli, dir, reference) {
                Ok(Ok(detail)) => detail,
                Ok(Err(LookupError::Usage(e) | LookupError::NotFound(e))) | Err(e) => {
                    return fail(&e, EXIT_USAGE)
                }
            };
            return finish(Ok(print(&cli, &detail, render_note_detail).map(|_| 0)));
        }
        _ => {}
    }
    // A search of a library reads every note's citations (an `Ibid.` is found by its
    // original's words): the cache's, where it kept them.
    let kept = match (&cli.corpus, &cli.command, cache(&cli)) {
        (Some(dir), Some(Command::Search { .. }), Some(cache)) => {
            Some((dir, BuildCache::new(cache, dir)))
        }
        _ => None,
    };
    let corpus = match load(&cli) {
        Ok(c) => c,
        Err(message) => return fail(&message, EXIT_USAGE),
    };
    if let Some((dir, kept)) = kept {
        cite_from_cache(&corpus, &kept.unchanged_since(dir));
    }
    let result = match &cli.command {
        None => return explore(&cli, corpus, None, None),
        Some(Command::Open { target }) => return explore(&cli, corpus, Some(target), None),
        Some(Command::Keymap { .. }) => Ok(0),
        Some(Command::Timeline {
            from,
            to,
            both: true,
            ..
        }) => print(&cli, &timeline_both(&corpus, *from, *to), render_both).map(|_| 0),
        Some(Command::Timeline { from, to, doc, .. }) => {
            match timeline(&corpus, *from, *to, doc.as_deref()) {
                Ok((docs, order)) => print_timeline(&cli, &docs, &order).map(|_| 0),
                Err(e) => return fail(&e, EXIT_USAGE),
            }
        }
        Some(Command::Search {
            query,
            limit,
            doc,
            scope,
            same_documents,
        }) => match search(
            &corpus,
            query,
            *limit,
            doc.as_deref(),
            scope.as_deref(),
            *same_documents,
        ) {
            Ok(found) => print(&cli, &found, render_search).map(|_| 0),
            Err(e) => return fail(&e, EXIT_USAGE),
        },
        Some(Command::Toc) => print(&cli, &toc(&corpus), render_toc).map(|_| 0),
        Some(Command::Notes {
            doc,
            part,
            archive,
            fond,
        }) => match notes_selected(
            &corpus,
            doc.as_deref(),
            part.as_deref(),
            archive.as_deref(),
            fond.as_deref(),
        ) {
            Ok(selected) => print_notes(&cli, &corpus, selected).map(|_| 0),
            Err(e) => return fail(&e, EXIT_USAGE),
        },
        Some(Command::Note { reference }) => match note(&corpus, reference) {
            Ok(detail) => print(&cli, &detail, render_note_detail).map(|_| 0),
            Err(LookupError::Usage(e)) => return fail(&e, EXIT_USAGE),
            Err(LookupError::NotFound(e)) => return fail(&e, EXIT_USAGE),
        },
        Some(Command::Sources {
            archive,
            fond,
            doc,
            words,
        }) => {
            match sources(
                &corpus,
                archive.as_deref(),
                fond.as_deref(),
                doc.as_deref(),
                words,
            ) {
                Ok(tree) => print(&cli, &tree, render_sources).map(|_| 0),
                Err(e) => return fail(&e, EXIT_USAGE),
            }
        }
        Some(Command::Cite { ids, format }) => match cite(&corpus, ids, format) {
            Ok(text) => write_raw(&text).map(|_| 0),
            Err(LookupError::Usage(e)) | Err(LookupError::NotFound(e)) => {
                return fail(&e, EXIT_USAGE)
            }
        },
        Some(Command::Read { target }) => match read(&corpus, target) {
            Ok(paragraphs) => print(&cli, &paragraphs, render_read).map(|_| 0),
            Err(e) => return fail(&e, EXIT_USAGE),
        },
        Some(Command::Glossary { term, doc }) => {
            let lists = crate::glossary::lists(&corpus);
            return finish(print_glossary(
                &cli,
                &lists,
                term.as_deref(),
                doc.as_deref(),
            ));
        }
        Some(Command::Check) => {
            let report = check(&corpus);
            let failed = report.iter().any(|d| d.issues.iter().any(|i| !i.known));
            print(&cli, &report, render_check).map(|_| if failed { 1 } else { 0 })
        }
    };
    finish(Ok(result))
}

/// The exit for a command's outcome: a usage error (a corpus that cannot be read), or what
/// writing its output came to.
fn finish(outcome: Result<std::io::Result<u8>, String>) -> ExitCode {
    match outcome {
        Err(message) => fail(&message, EXIT_USAGE),
        Ok(Ok(code)) => ExitCode::from(code),
        // A closed pipe (`kwx notes | head`) is not an error worth a message.
        Ok(Err(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Ok(Err(e)) => fail(&format!("writing output: {e}"), 1),
    }
}

/// The cache of derived documents, unless `--no-cache`.
fn cache(cli: &Cli) -> Option<corpus::Cache> {
    (!cli.no_cache).then(corpus::Cache::user).flatten()
}

fn parse_date_bound(s: &str) -> Result<PartialDate, String> {
    PartialDate::from_iso(s).ok_or_else(|| format!("`{s}` is not YYYY, YYYY-MM or YYYY-MM-DD"))
}

#[derive(Debug, Serialize)]
pub struct TimelineRow<'a> {
    #[serde(serialize_with = "as_text")]
    pub date: PartialDate,
    pub precision: &'static str,
    #[serde(serialize_with = "as_text_or_null")]
    pub end: Option<PartialDate>,
    pub qualifier: Option<&'static str>,
    pub doc: &'a str,
    pub part: &'a str,
    pub paragraph: Option<usize>,
    /// For a date in a note: the note's number as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<u32>,
    /// Whether the note is named with its part (`thesis:V:22`, not `article:102`).
    #[serde(skip)]
    pub note_named_with_part: bool,
    pub offset: usize,
    pub origin: crate::timeline::Origin,
    pub text: &'a str,
}

/// A date in JSON as it is printed (`1950-06-25`), without a string made for it.
fn as_text<S: serde::Serializer>(date: &PartialDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

fn as_text_or_null<S: serde::Serializer>(
    date: &Option<PartialDate>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => s.collect_str(date),
        None => s.serialize_none(),
    }
}

/// Each document's events and the order the timeline lists them in (see [`timeline_events`]).
type Timeline<S> = (Vec<crate::timeline::DocumentEvents<S>>, Vec<(u32, u32)>);

/// The corpus's events as the timeline lists them (see [`timeline_events`]).
pub fn timeline(
    corpus: &Corpus,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
    doc: Option<&str>,
) -> Result<Timeline<String>, String> {
    use rayon::prelude::*;
    let mut docs: Vec<_> = corpus
        .documents
        .par_iter()
        .map(crate::timeline::DocumentEvents::of)
        .collect();
    let order = timeline_events(&mut docs, corpus.timeline, from, to, doc)?;
    Ok((docs, order))
}

/// `kwx timeline` on a directory: each document's events from the cache where it can, read
/// in place (a library's hundred thousand sentences are borrowed from the entries' bytes).
fn library_timeline(
    cli: &Cli,
    dir: &std::path::Path,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
    doc: Option<&str>,
) -> Result<std::io::Result<u8>, String> {
    use crate::timeline::DocumentEvents;
    use rayon::prelude::*;
    let cache = cache(cli);
    let make = DocumentEvents::of;
    let each = corpus::per_document_stored(dir, cache.as_ref(), DocumentEvents::PRODUCT, make)
        .map_err(|e| e.to_string())?;
    fn decode(stored: &corpus::Stored) -> Option<crate::timeline::DocumentEvents<&str>> {
        postcard::from_bytes(stored.body()).ok()
    }
    let decoded: Vec<Option<DocumentEvents<&str>>> =
        each.documents.par_iter().map(decode).collect();
    // An entry damaged since it was stored is made again from its text.
    let remade = decoded
        .iter()
        .zip(&each.metas)
        .map(|(decoded, meta)| match decoded {
            Some(_) => Ok(None),
            None => corpus::load_dir_one(dir, Some(&meta.id), None)
                .map_err(|e| e.to_string())
                .map(|(one, _)| {
                    one.documents
                        .first()
                        .map(make)
                        .and_then(|d| corpus::Stored::of(&d))
                }),
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut docs = decoded
        .into_iter()
        .zip(&remade)
        .zip(&each.metas)
        .map(|((decoded, remade), meta)| {
            decoded
                .or_else(|| remade.as_ref().and_then(decode))
                .ok_or_else(|| format!("{}: its events could not be read", meta.id))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let order = timeline_events(&mut docs, each.timeline, from, to, doc)?;
    Ok(print_timeline(cli, &docs, &order).map(|_| 0))
}

/// Each document's events within `from..=to` (`range`, the manifest's years, by default) and
/// of document `doc` if given, and their order by date: (document, event) indices.
fn timeline_events<S: AsRef<str> + Send>(
    docs: &mut [crate::timeline::DocumentEvents<S>],
    range: (i32, i32),
    from: Option<PartialDate>,
    to: Option<PartialDate>,
    doc: Option<&str>,
) -> Result<Vec<(u32, u32)>, String> {
    use rayon::prelude::*;
    let doc_index = match doc {
        Some(id) => Some(
            docs.iter()
                .position(|d| d.id.as_ref() == id)
                .ok_or_else(|| format!("no document `{id}`"))?,
        ),
        None => None,
    };
    warn_of_an_empty_range(range, from, to);
    let from = from.unwrap_or(PartialDate::year(range.0));
    let to = to.unwrap_or(PartialDate::year(range.1));
    // Left out before the merge, which then orders only what is shown.
    docs.par_iter_mut().enumerate().for_each(|(d, document)| {
        if doc_index.is_some_and(|only| only != d) {
            document.events.clear();
        }
        document.events.retain(|e| e.within(from, to));
    });
    Ok(crate::timeline::merge_order(docs))
}

/// `--from 1960` alone runs to the end of the corpus's range (1953), so it can hold nothing:
/// says so on standard error (the empty answer on standard output stays what scripts read).
fn warn_of_an_empty_range(range: (i32, i32), from: Option<PartialDate>, to: Option<PartialDate>) {
    let (first, last) = range;
    let hint = match (from, to) {
        (Some(from), None) if from.year > last => {
            format!("--from {from} is after the corpus's range ({first}–{last}); give --to as well")
        }
        (None, Some(to)) if to.year < first => {
            format!("--to {to} is before the corpus's range ({first}–{last}); give --from as well")
        }
        _ => return,
    };
    eprintln!("kwx: {hint}");
}

/// The timeline's rows in `order`, made as they are written (a library's timeline is tens
/// of MB).
fn print_timeline<S: AsRef<str> + Sync>(
    cli: &Cli,
    docs: &[crate::timeline::DocumentEvents<S>],
    order: &[(u32, u32)],
) -> std::io::Result<()> {
    if order.is_empty() {
        return print_none(cli, "no event in that range");
    }
    // `order` holds indices `merge_order` gave for these very documents; a part or note out
    // of range (a damaged entry) is left blank rather than trusted.
    let row = |&(d, i): &(u32, u32)| {
        let d = &docs[d as usize];
        let e = &d.events[i as usize];
        TimelineRow {
            date: e.date,
            precision: e.precision(),
            end: e.end,
            qualifier: e.qualifier.map(|q| q.name()),
            doc: d.id.as_ref(),
            part: d.part_keys.get(e.part).map_or("", AsRef::as_ref),
            paragraph: e.paragraph,
            note: e.note.and_then(|n| d.note_numbers.get(n).copied()),
            note_named_with_part: d.notes_per_part,
            offset: e.offset,
            origin: e.origin,
            text: e.text.as_ref(),
        }
    };
    print_in_parallel(cli, order, row, render_timeline_row)
}

/// [`print_each`] for a long list whose rows can be made in any order: pieces of rows are
/// made and made safe on every core, a batch at a time, and written in order. The output
/// is byte for byte what `print_each` gives.
fn print_in_parallel<I: Sync, T: Serialize>(
    cli: &Cli,
    items: &[I],
    row: impl Fn(&I) -> T + Sync,
    text: fn(&T, &mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // A batch bounds what is held (a library's JSON timeline is 42 MB); a piece is one task.
    let sizes = (1 << 15, 1 << 10);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    write_in_parallel(cli.json, items, row, text, sizes, &mut out)?;
    out.flush()
}

/// [`print_in_parallel`] to `out`, in batches and pieces of `(batch, piece)` items.
fn write_in_parallel<I: Sync, T: Serialize>(
    json: bool,
    items: &[I],
    row: impl Fn(&I) -> T + Sync,
    text: fn(&T, &mut dyn Write) -> std::io::Result<()>,
    (batch, piece): (usize, usize),
    out: &mut dyn Write,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    if items.is_empty() {
        return out.write_all(if json { b"[]\n" } else { b"" });
    }
    for (b, items) in items.chunks(batch.max(1)).enumerate() {
        let pieces: Vec<std::io::Result<Vec<u8>>> = items
            .par_chunks(piece.max(1))
            .enumerate()
            .map(|(p, items)| {
                // Each piece made safe as it is made, by the writers `print_each` writes through.
                let mut bytes = Vec::new();
                if !json {
                    let mut safe = crate::sanitize::SafeWriter(&mut bytes);
                    for item in items {
                        text(&row(item), &mut safe)?;
                    }
                    return Ok(bytes);
                }
                let mut safe = crate::sanitize::JsonSafeWriter::new(&mut bytes);
                let mut element = Vec::new();
                for (k, item) in items.iter().enumerate() {
                    let first = b == 0 && p == 0 && k == 0;
                    safe.write_all(if first { b"[\n" } else { b",\n" })?;
                    // A list of one, pretty-printed, is the element indented as in the whole
                    // list, between `[\n` and `\n]`.
                    element.clear();
                    serde_json::to_writer_pretty(&mut element, &[&row(item)])?;
                    let inner = element.len().saturating_sub(2);
                    safe.write_all(element.get(2..inner).unwrap_or_default())?;
                }
                safe.flush()?;
                drop(safe);
                Ok(bytes)
            })
            .collect();
        for piece in pieces {
            out.write_all(&piece?)?;
        }
    }
    if json {
        out.write_all(b"\n]\n")?;
    }
    Ok(())
}

/// The days both texts date, within `from..=to` (the corpus's range by default).
pub fn timeline_both(
    corpus: &Corpus,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
) -> Vec<crate::timeline::BothDay> {
    warn_of_an_empty_range(corpus.timeline, from, to);
    let from = from.unwrap_or(PartialDate::year(corpus.timeline.0));
    let to = to.unwrap_or(PartialDate::year(corpus.timeline.1));
    let events = crate::timeline::events(corpus);
    crate::timeline::both_days(&events)
        .into_iter()
        .filter(|(_, sides)| events[sides[0][0]].within(from, to))
        .map(|(date, sides)| crate::timeline::both_day(corpus, &events, date, &sides))
        .collect()
}

fn render_both(days: &Vec<crate::timeline::BothDay>, out: &mut dyn Write) -> std::io::Result<()> {
    if days.is_empty() {
        return writeln!(out, "no day both texts date in that range");
    }
    for day in days {
        writeln!(out, "{}", day.date)?;
        for account in &day.accounts {
            for e in &account.events {
                let cites = if e.notes.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", e.notes.join(", "))
                };
                writeln!(out, "  {:<8} {}{cites}", account.doc, e.text)?;
            }
        }
        for p in &day.same_document {
            let readings = p
                .readings
                .as_ref()
                .map(|[a, b]| format!(" (readings differ: {a} / {b})"))
                .unwrap_or_default();
            writeln!(
                out,
                "  same document: {} and {}{readings}",
                p.notes[0], p.notes[1]
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn render_timeline_row(r: &TimelineRow, out: &mut dyn Write) -> std::io::Result<()> {
    use std::fmt::Write as _;
    // `{date:<24} {origin:<12} {text}`, made in one buffer and written at once: a library's
    // timeline has a hundred thousand rows.
    let mut line = String::with_capacity(48 + r.text.len());
    let pad = |line: &mut String, from: usize, width: usize| {
        let written = line[from..].chars().count();
        line.extend(std::iter::repeat_n(' ', width.saturating_sub(written)));
    };
    if let Some(q) = r.qualifier {
        line.push_str(q);
        line.push(' ');
    }
    let _ = write!(line, "{}", r.date);
    if let Some(end) = r.end {
        let _ = write!(line, "..{end}");
    }
    pad(&mut line, 0, 24);
    line.push(' ');
    let origin = line.len();
    // A note by the name `kwx note` takes (`article:102`, `thesis:V:22`): the thesis numbers
    // its notes from 1 in each chapter.
    line.push_str(r.doc);
    match r.note {
        Some(n) if r.note_named_with_part => {
            let _ = write!(line, ":{}:{n}", r.part);
        }
        Some(n) => {
            let _ = write!(line, ":{n}");
        }
        None => {}
    }
    pad(&mut line, origin, 12);
    line.push(' ');
    line.push_str(r.text);
    match output_width() {
        Some(width) => writeln!(out, "{}", truncate(&line, width)),
        None => {
            line.push('\n');
            out.write_all(line.as_bytes())
        }
    }
}

#[derive(Debug, Serialize)]
pub struct SearchRow {
    /// `note` or `paragraph`.
    pub kind: &'static str,
    /// The note's name (`article:58`, `thesis:IV:27`); notes only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub doc: String,
    pub part: String,
    /// The note's number as printed (notes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// Index of the paragraph in the document (paragraphs only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    /// Char offset in `text` of the first match (paragraphs only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    pub score: i64,
    /// The note, or the paragraph.
    pub text: String,
    /// When no note or paragraph has every word: the one word (date, phrase, reference) this
    /// near miss lacks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lacks: Option<String>,
    /// A note that does not match but cites the same archival document as this one, a match
    /// (`article:68`, `JWPC 476/1`, brings `thesis:VI:55`, which numbers it 467/1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_document_as: Option<String>,
    /// Char indices into `text` that the query matched.
    pub matched: Vec<usize>,
}

/// The rows shown and how many matched in all.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct SearchResults {
    pub rows: Vec<SearchRow>,
    #[serde(skip)]
    pub total: usize,
    /// Where the notes hold no match: how many body paragraphs do (`NSC 68` is in the text,
    /// in no note), so the text says where to look.
    #[serde(skip)]
    pub in_body: Option<usize>,
}

pub fn search(
    corpus: &Corpus,
    words: &[String],
    limit: usize,
    doc: Option<&str>,
    scope: Option<&str>,
    same_documents: bool,
) -> Result<SearchResults, String> {
    use crate::search::{AcronymTable, Index, Query, Scope, Searcher, Target};
    // (The index reads the same acronyms: the table is the corpus's.)
    let mut query = Query::parse_with(&words.join(" "), &AcronymTable::of_corpus(corpus));
    query.same_documents = same_documents;
    if let Some(d) = doc {
        query.doc = Some(d.to_lowercase());
    }
    if let Some(s) = scope.and_then(Scope::parse) {
        query.scope = s;
    }
    if let Some(d) = &query.doc {
        if !corpus
            .documents
            .iter()
            .any(|doc| doc.meta.id.eq_ignore_ascii_case(d))
        {
            let ids: Vec<&str> = corpus
                .documents
                .iter()
                .map(|d| d.meta.id.as_str())
                .collect();
            return Err(format!("no document `{d}` (documents: {})", ids.join(", ")));
        }
    }
    // A search of the notes reads only theirs; the body is read if it is to be counted.
    let index = if query.scope == Scope::Notes {
        Index::of_notes(corpus)
    } else {
        Index::new(corpus)
    };
    let mut searcher = Searcher::default();
    let hits = searcher.search(&index, &query);
    let shown = if limit == 0 { hits.len() } else { limit };
    let rows = hits
        .iter()
        .take(shown)
        .map(|h| {
            let entry = &index.entries[h.entry];
            let d = &corpus.documents[entry.doc];
            let matched = searcher.matched_chars(&index, entry, &query);
            let part = d.parts[entry.part].key.clone();
            let lacks = h.lacks.map(|i| query.requirement_label(usize::from(i)));
            let same_document_as = h.same_document_as.and_then(|through| {
                let through = index.entries.get(through as usize)?;
                Some(corpus.documents[through.doc].note_id(through.note()?))
            });
            match entry.target {
                Target::Note(n) => SearchRow {
                    kind: "note",
                    id: Some(d.note_id(n)),
                    doc: d.meta.id.clone(),
                    part,
                    n: Some(d.notes[n].number),
                    paragraph: None,
                    offset: None,
                    score: h.score,
                    text: d.notes[n].text.clone(),
                    lacks,
                    same_document_as,
                    matched,
                },
                Target::Paragraph(p) => SearchRow {
                    kind: "paragraph",
                    id: None,
                    doc: d.meta.id.clone(),
                    part,
                    n: None,
                    paragraph: Some(p),
                    offset: Some(matched.first().copied().unwrap_or(0)),
                    score: h.score,
                    text: d.paragraphs[p].text.clone(),
                    lacks,
                    same_document_as,
                    matched,
                },
            }
        })
        .collect();
    // (Near misses are no match: the body may still hold the whole query.)
    let every_word = |hits: &[crate::search::Hit]| hits.iter().filter(|h| h.is_match()).count();
    let in_body = (every_word(&hits) == 0 && query.scope == Scope::Notes).then(|| {
        let body = Query {
            scope: Scope::Body,
            ..query.clone()
        };
        every_word(&Searcher::default().search(&Index::new(corpus), &body))
    });
    Ok(SearchResults {
        rows,
        total: hits.len(),
        in_body,
    })
}

fn render_search(found: &SearchResults, out: &mut dyn Write) -> std::io::Result<()> {
    let width = output_width();
    let near_misses = found.rows.first().is_some_and(|r| r.lacks.is_some());
    match (found.rows.is_empty() || near_misses, found.in_body) {
        (true, Some(n @ 1..)) => writeln!(
            out,
            "no note matches every word; {n} paragraph{} of the text do{} (add in:body)",
            if n == 1 { "" } else { "s" },
            if n == 1 { "es" } else { "" }
        )?,
        (true, _) => writeln!(out, "nothing matches every word")?,
        _ => {}
    }
    if near_misses {
        writeln!(out, "closest, each lacking one word ([-word]):")?;
    }
    for r in &found.rows {
        let lacks = match (&r.lacks, &r.same_document_as) {
            (Some(w), _) => format!("[-{w}] "),
            (None, Some(id)) => format!("[= {id}] "),
            (None, None) => String::new(),
        };
        match (r.n, r.paragraph, r.offset) {
            (Some(_), ..) => {
                let label = r.id.clone().unwrap_or_default();
                let row = format!("{label:<20} {lacks}{}", r.text);
                writeln!(out, "{}", fit(&row, width))?;
            }
            (None, Some(p), Some(offset)) => {
                let label = format!("{}:{} ¶{}", r.doc, r.part, p);
                let sentence = sentence_around(&r.text, offset);
                writeln!(
                    out,
                    "{}",
                    fit(&format!("{label:<20} {lacks}{sentence}"), width)
                )?;
            }
            _ => {}
        }
    }
    if found.rows.len() < found.total {
        writeln!(
            out,
            "{} of {} (use --limit N, or --limit 0 for all)",
            found.rows.len(),
            found.total
        )?;
    }
    Ok(())
}

/// More documents than this in a `--corpus` directory and the explorer draws the first one
/// before reading the rest.
const LIBRARY: usize = 4;

/// The key the state file keeps this corpus's reading state under.
fn state_key(cli: &Cli) -> String {
    match &cli.corpus {
        Some(dir) => dir
            .canonicalize()
            .unwrap_or_else(|_| dir.clone())
            .display()
            .to_string(),
        None => crate::state_file::EMBEDDED_CORPUS.to_string(),
    }
}

/// Runs the explorer. `rest`: the directory and document count of a library whose first
/// document alone is in `corpus`; the others are read after the first frame.
fn explore(
    cli: &Cli,
    corpus: Corpus,
    start_at: Option<&String>,
    rest: Option<(PathBuf, usize)>,
) -> ExitCode {
    use std::io::IsTerminal;
    let corpus = std::sync::Arc::new(corpus);
    // A place that does not exist is a usage error, said before anything else.
    if let Some(target) = start_at {
        let mut probe = crate::app::App::new(corpus.clone(), crate::keymap::Keymap::default());
        crate::app::update(&mut probe, crate::app::Action::Resize(80, 24));
        if let Err(e) = crate::app::update::go_to_target(&mut probe, target) {
            return fail(&e, EXIT_USAGE);
        }
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return fail(
            "the explorer needs a terminal; for scripts use a subcommand (see kwx --help)",
            EXIT_USAGE,
        );
    }
    let override_path = crate::state_file::keymap_override_path();
    let loaded = crate::keymap::load_for_explorer(cli.keymap.as_deref(), override_path.as_deref());
    let (keymap, keymap_warnings) = match loaded {
        Ok(k) => k,
        Err(errors) => {
            for e in &errors {
                error_line(&format!("kwx: {e}"));
            }
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut app = crate::app::App::new(corpus, keymap);
    if let Some(first) = keymap_warnings.first() {
        let more = match keymap_warnings.len() {
            1 => String::new(),
            n => format!(" (and {} more: kwx keymap check)", n - 1),
        };
        app.message = Some(format!("{first}{more}"));
    }
    let term = std::env::var("TERM").unwrap_or_default();
    let display = crate::term::Display::for_term(&term);
    if display.unusable {
        return fail(
            &format!("TERM={term} cannot show the explorer; use a subcommand (kwx --help) or another terminal"),
            EXIT_USAGE,
        );
    }
    app.monochrome = cli.no_color
        || display.monochrome
        || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    app.ascii = cli.ascii || display.ascii;
    app.mouse = !cli.no_mouse;
    app.copy_target = match &cli.copy_to {
        Some(path) => crate::app::state::CopyTarget::File(path.clone()),
        None => crate::app::state::CopyTarget::Clipboard {
            known: crate::term::osc52_known(|k| std::env::var(k).ok()),
        },
    };
    let state_path = crate::state_file::default_path();
    let state_key = state_key(cli);
    let mut saved = None;
    if let Some(path) = &state_path {
        match crate::state_file::load(path, &state_key) {
            Ok(s) => {
                app.restore(&s);
                saved = Some(s);
            }
            Err(warning) => app.message = Some(warning),
        }
    }
    if let Some((dir, documents)) = rest {
        app.message = Some(format!("Reading {documents} documents…"));
        app.loading = Some(crate::app::state::CorpusLoading {
            dir,
            documents,
            saved,
        });
    }
    app.start_at = start_at.cloned();
    // A library's citations and events are kept between runs, as the lookups keep theirs.
    let kept = app.loading.as_ref().and_then(|_| cache(cli));
    let exit = crate::tui::run(&mut app, kept);
    if let Some(path) = &state_path {
        if let Err(e) = crate::state_file::save(path, &state_key, &app.saved_state()) {
            error_line(&format!(
                "kwx: {}: could not save the reading position: {e}",
                path.display()
            ));
        }
    }
    match exit {
        Ok(crate::tui::Exit::Quit) => ExitCode::SUCCESS,
        Ok(crate::tui::Exit::Signal(s)) => ExitCode::from(128 + s as u8),
        Ok(crate::tui::Exit::TerminalGone) => ExitCode::from(1),
        Err(e) => fail(&format!("terminal: {e}"), 1),
    }
}

fn keymap_command(cli: &Cli, action: &KeymapCommand) -> ExitCode {
    use crate::keymap as km;
    let keymap = match action {
        // The same layering and checks as the explorer's: the file over the chosen preset.
        KeymapCommand::Check { path } => {
            if !path.exists() {
                return fail(&format!("{}: no such file", path.display()), EXIT_USAGE);
            }
            // The override file is checked over the chosen preset, as the explorer layers it;
            // any other file as `--keymap FILE` would load it.
            let override_path = crate::state_file::keymap_override_path();
            let same = |a: &std::path::Path, b: &std::path::Path| {
                a.canonicalize()
                    .ok()
                    .is_some_and(|a| b.canonicalize().ok() == Some(a))
            };
            let is_override = override_path.as_deref().is_some_and(|o| same(path, o));
            let loaded = if is_override {
                km::load(cli.keymap.as_deref(), Some(path))
            } else {
                // Not UTF-8: no preset has such a name, so it is read as a file and refused.
                km::load(Some(path.to_str().unwrap_or("\u{fffd}")), None)
            };
            match loaded {
                Ok(_) => {
                    let shown = path.display().to_string();
                    println!("{}: ok", crate::sanitize::visible(&shown));
                    return ExitCode::SUCCESS;
                }
                Err(errors) => {
                    for e in errors {
                        error_line(&e);
                    }
                    return ExitCode::from(EXIT_USAGE);
                }
            }
        }
        KeymapCommand::Print { name } => {
            let loaded = match name {
                Some(n) => km::load(Some(n), None),
                None => km::load(
                    cli.keymap.as_deref(),
                    crate::state_file::keymap_override_path().as_deref(),
                ),
            };
            match loaded {
                Ok(k) => k,
                Err(errors) => {
                    for e in errors {
                        error_line(&format!("kwx: {e}"));
                    }
                    return ExitCode::from(EXIT_USAGE);
                }
            }
        }
    };
    let rows: Vec<KeyBinding> = keymap
        .bindings
        .iter()
        .flat_map(|(context, table)| {
            table.iter().map(move |(keys, command)| KeyBinding {
                context: context.name(),
                keys: km::display_sequence(keys),
                action: command.name(),
                description: command.description(),
            })
        })
        .collect();
    match print(cli, &rows, render_bindings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(&format!("writing output: {e}"), 1),
    }
}

#[derive(Debug, Serialize)]
pub struct KeyBinding {
    pub context: &'static str,
    pub keys: String,
    pub action: &'static str,
    pub description: &'static str,
}

fn render_bindings(rows: &Vec<KeyBinding>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut context = "";
    for r in rows {
        if r.context != context {
            if !context.is_empty() {
                writeln!(out)?;
            }
            writeln!(out, "[{}]", r.context)?;
            context = r.context;
        }
        writeln!(out, "  {:<16} {:<22} {}", r.keys, r.action, r.description)?;
    }
    Ok(())
}

fn fail(message: &str, code: u8) -> ExitCode {
    error_line(&format!("kwx: {message}"));
    ExitCode::from(code)
}

/// One line on stderr. Messages name files and quote their contents: neither may reach the
/// terminal as control.
fn error_line(message: &str) {
    eprintln!("{}", crate::sanitize::visible(message));
}

pub fn load(cli: &Cli) -> Result<Corpus, String> {
    match &cli.corpus {
        Some(dir) => corpus::load_dir_cached(dir, cache(cli).as_ref()),
        None => corpus::load_embedded(),
    }
    .map_err(|e| e.to_string())
}

fn print<T: Serialize>(
    cli: &Cli,
    value: &T,
    text: fn(&T, &mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_stdout(cli, |sink| match sink {
        Sink::Json(out) => serde_json::to_writer_pretty(out, value).map_err(std::io::Error::from),
        Sink::Text(out) => text(value, out),
    })
}

/// [`print`] for a list made one item at a time: each is made, written and dropped in turn
/// (a library's notes, each with the hundreds of notes citing its source, run to GBs held
/// whole). The output is byte for byte what `print` gives for the whole list.
fn print_each<T: Serialize>(
    cli: &Cli,
    mut items: impl Iterator<Item = T>,
    text: fn(&T, &mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use serde::ser::{SerializeSeq, Serializer};
    write_stdout(cli, |sink| match sink {
        Sink::Json(out) => {
            let mut serializer = serde_json::Serializer::pretty(out);
            let mut list = serializer
                .serialize_seq(None)
                .map_err(std::io::Error::from)?;
            for item in items {
                list.serialize_element(&item)
                    .map_err(std::io::Error::from)?;
            }
            list.end().map_err(std::io::Error::from)
        }
        Sink::Text(out) => items.try_for_each(|item| text(&item, out)),
    })
}

/// An empty list: `[]` in JSON, and in text `message`, as search and sources say it (an empty
/// page would look like a failure).
fn print_none(cli: &Cli, message: &str) -> std::io::Result<()> {
    write_stdout(cli, |sink| match sink {
        Sink::Json(out) => out.write_all(b"[]"),
        Sink::Text(out) => writeln!(out, "{message}"),
    })
}

/// Where a command writes on standard output.
enum Sink<'a, 'b> {
    /// JSON, streamed through the control escaping in large pieces (a library's timeline is
    /// tens of MB, never held whole): the escaping on serde's token-sized writes would cost
    /// more than the JSON itself.
    Json(&'a mut std::io::BufWriter<crate::sanitize::JsonSafeWriter<&'b mut dyn Write>>),
    /// Text, through [`crate::sanitize::SafeWriter`].
    Text(&'a mut dyn Write),
}

/// Runs `write` on standard output as `--json` asks, JSON ending with a newline.
fn write_stdout(
    cli: &Cli,
    write: impl FnOnce(Sink<'_, '_>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if cli.json {
        let safe = crate::sanitize::JsonSafeWriter::new(&mut out as &mut dyn Write);
        let mut json = std::io::BufWriter::with_capacity(1 << 16, safe);
        write(Sink::Json(&mut json))?;
        json.flush()?;
        drop(json);
        writeln!(out)?;
    } else {
        write(Sink::Text(&mut crate::sanitize::SafeWriter(&mut out)))?;
    }
    out.flush()
}

// ---- toc ----

#[derive(Debug, Serialize, serde::Deserialize)]
pub struct TocDocument {
    pub id: String,
    pub title: String,
    pub author: String,
    pub year: Option<i32>,
    pub parts: Vec<TocPart>,
}

#[derive(Debug, Serialize, serde::Deserialize)]
pub struct TocPart {
    pub key: String,
    pub title: String,
    pub subsections: Vec<TocSubsection>,
    pub paragraphs: usize,
    pub notes: usize,
}

#[derive(Debug, Serialize, serde::Deserialize)]
pub struct TocSubsection {
    pub title: String,
}

pub fn toc(corpus: &Corpus) -> Vec<TocDocument> {
    corpus.documents.iter().map(toc_document).collect()
}

/// One document's entry in the contents.
pub fn toc_document(d: &Document) -> TocDocument {
    TocDocument {
        id: d.meta.id.clone(),
        title: d.meta.title.clone(),
        author: d.meta.author.clone(),
        year: d.meta.year,
        parts: d
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| TocPart {
                key: p.key.clone(),
                title: p.title.clone(),
                subsections: p
                    .subsections
                    .iter()
                    .map(|s| TocSubsection {
                        title: s.title.clone(),
                    })
                    .collect(),
                paragraphs: p.paragraphs.len(),
                notes: d.notes_in_part(i),
            })
            .collect(),
    }
}

fn render_toc(docs: &Vec<TocDocument>, out: &mut dyn Write) -> std::io::Result<()> {
    let width = output_width();
    for d in docs {
        let year = d.year.map(|y| format!(", {y}")).unwrap_or_default();
        writeln!(
            out,
            "{}",
            fit(
                &format!("{}  {} ({}{})", d.id, d.title, d.author, year),
                width
            )
        )?;
        writeln!(out, "{:>6} {:>6}  part", "¶", "notes")?;
        for p in &d.parts {
            writeln!(
                out,
                "{}",
                fit(
                    &format!("{:>6} {:>6}  {}  {}", p.paragraphs, p.notes, p.key, p.title),
                    width
                )
            )?;
            for s in &p.subsections {
                writeln!(out, "{}", fit(&format!("{:>15}  · {}", "", s.title), width))?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The terminal's width when printing to one; unlimited into a pipe or file.
fn output_width() -> Option<usize> {
    use std::io::IsTerminal;
    // Asked once: rows are written one at a time.
    static WIDTH: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    *WIDTH.get_or_init(|| {
        std::io::stdout()
            .is_terminal()
            .then(|| {
                crossterm::terminal::size()
                    .ok()
                    .map(|(w, _)| usize::from(w))
            })
            .flatten()
    })
}

fn fit(line: &str, width: Option<usize>) -> String {
    match width {
        Some(w) => truncate(line, w),
        None => line.to_string(),
    }
}

// ---- notes ----

#[derive(Debug, Serialize)]
pub struct NoteRow {
    /// The note's name: `article:58`, `thesis:IV:27`.
    pub id: String,
    pub doc: String,
    pub part: String,
    pub n: u32,
    pub text: String,
    #[serde(rename = "ref")]
    pub reference: Option<NoteRefRow>,
    pub ibid_of: Option<IbidRow>,
    /// The first cited work's source fields.
    pub source: Option<SourceRow>,
    /// Every cited work.
    pub works: Vec<WorkRow>,
    /// Other notes citing the same archival document (`thesis:IV:24`).
    pub same_document: Vec<String>,
    /// Readings of the same document that disagree.
    pub conflicts: Vec<String>,
    #[serde(skip)]
    pub same_document_reads: Vec<CitingNote>,
    /// Other notes citing a book or article this one cites whole (`article:81`).
    pub same_work: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct NoteRefRow {
    pub paragraph: usize,
    pub offset: usize,
    pub before: String,
}

#[derive(Debug, Serialize)]
pub struct IbidRow {
    pub id: String,
    pub part: String,
    pub n: u32,
}

fn note_row(corpus: &Corpus, doc_index: usize, index: usize) -> NoteRow {
    let doc = &corpus.documents[doc_index];
    let note = &doc.notes[index];
    let works = doc.citations().get(index).map_or(&[][..], Vec::as_slice);
    let (same, conflicts) = sources::same_document(corpus, doc_index, index);
    NoteRow {
        source: works.first().map(sources::source_row),
        works: works.iter().map(|w| sources::work_row(doc, w)).collect(),
        same_document: same.iter().map(|s| s.id.clone()).collect(),
        conflicts,
        same_document_reads: same,
        same_work: sources::same_work(corpus, doc_index, index)
            .into_iter()
            .map(|(d, n)| corpus.documents[d].note_id(n))
            .collect(),
        id: doc.note_id(index),
        doc: doc.meta.id.clone(),
        part: doc.parts[note.part].key.clone(),
        n: note.number,
        text: note.text.clone(),
        reference: note.anchor.map(|a| NoteRefRow {
            paragraph: a.paragraph,
            offset: a.offset,
            before: text_before(&doc.paragraphs[a.paragraph].text, a.offset, 60).to_string(),
        }),
        ibid_of: doc.repeats(index).map(|i| IbidRow {
            id: doc.note_id(i),
            part: doc.parts[doc.notes[i].part].key.clone(),
            n: doc.notes[i].number,
        }),
    }
}

/// The notes `kwx notes` lists, as (document, note) in order: every filter checked before
/// a row is made.
fn notes_selected(
    corpus: &Corpus,
    doc: Option<&str>,
    part: Option<&str>,
    archive: Option<&str>,
    fond: Option<&str>,
) -> Result<Vec<(usize, usize)>, String> {
    let docs: Vec<usize> = match doc {
        Some(id) => {
            find_doc(corpus, id)?;
            vec![doc_index(corpus, id)]
        }
        None => (0..corpus.documents.len()).collect(),
    };
    let archive = archive.map(archive_named).transpose()?;
    let filter = SourceFilter {
        archive: archive.clone(),
        fond: fond.map(str::to_string),
        ..SourceFilter::default()
    };
    let mut selected = Vec::new();
    for di in docs {
        let d = &corpus.documents[di];
        let part_index = match part {
            Some(key) => Some(find_part(d, key)?),
            None => None,
        };
        for (i, n) in d.notes.iter().enumerate() {
            let cites = (archive.is_none() && fond.is_none())
                || d.citations()[i].iter().any(|w| filter.admits(w));
            if part_index.is_none_or(|p| p == n.part) && cites {
                selected.push((di, i));
            }
        }
    }
    Ok(selected)
}

/// Every note `kwx notes` lists, with the place that cites it and what it cites.
pub fn notes(
    corpus: &Corpus,
    doc: Option<&str>,
    part: Option<&str>,
    archive: Option<&str>,
    fond: Option<&str>,
) -> Result<Vec<NoteRow>, String> {
    let selected = notes_selected(corpus, doc, part, archive, fond)?;
    Ok(selected
        .into_iter()
        .map(|(d, i)| note_row(corpus, d, i))
        .collect())
}

fn doc_index(corpus: &Corpus, id: &str) -> usize {
    corpus
        .documents
        .iter()
        .position(|d| d.meta.id == id)
        .unwrap_or(0)
}

/// The id of the archive `name` names: its id or any of its names and spellings in
/// `corpus/citations.toml`, in any case (`rtskhidni` is RGASPI, `Soviet Documents` IFANS).
fn archive_named(name: &str) -> Result<String, String> {
    let table = crate::corpus::citations::Table::get();
    // (An id is among the one-word names `archive_typed` knows.)
    let found = table
        .archive_typed(name)
        .and_then(|a| table.archives.get(a))
        .or_else(|| {
            let m = table.archive_in(name)?;
            // (A reference alone, `RG 59`, is no archive's name.)
            m.record_group
                .is_none()
                .then(|| table.archives.get(m.archive))?
        });
    match found {
        Some(a) => Ok(a.id.clone()),
        None => {
            let ids: Vec<&str> = table.archives.iter().map(|a| a.id.as_str()).collect();
            Err(format!(
                "no archive {name:?} (archives: {})",
                ids.join(", ")
            ))
        }
    }
}

fn find_doc<'a>(corpus: &'a Corpus, id: &str) -> Result<&'a Document, String> {
    (corpus.document(id))
        .ok_or_else(|| no_document(id, corpus.documents.iter().map(|d| d.meta.id.as_str())))
}

/// The error for a document id that is none of `ids`, naming them.
fn no_document<'i>(id: &str, ids: impl Iterator<Item = &'i str>) -> String {
    format!(
        "no document {id:?} (documents: {})",
        ids.collect::<Vec<_>>().join(", ")
    )
}

fn find_part(doc: &Document, key: &str) -> Result<usize, String> {
    doc.parts
        .iter()
        .position(|p| p.key.eq_ignore_ascii_case(key))
        .ok_or_else(|| {
            let keys: Vec<&str> = doc.parts.iter().map(|p| p.key.as_str()).collect();
            format!(
                "no part {key:?} in {} (parts: {})",
                doc.meta.id,
                keys.join(", ")
            )
        })
}

/// A note as `kwx notes` prints it in text: its name and words.
#[derive(Serialize)]
struct NoteLine<'c> {
    id: String,
    text: &'c str,
}

fn render_note_line(line: &NoteLine, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}  {}", line.id, line.text)
}

/// Writes the rows of `notes` selected in `corpus` as they are made.
fn print_notes(cli: &Cli, corpus: &Corpus, selected: Vec<(usize, usize)>) -> std::io::Result<()> {
    if selected.is_empty() {
        return print_none(cli, "no note matches");
    }
    if cli.json {
        let rows = selected.into_iter().map(|(d, i)| note_row(corpus, d, i));
        // (JSON only: the text renderer is never asked.)
        return print_each(cli, rows, |_, _| Ok(()));
    }
    // Text prints a note's name and words alone, so its sources are not looked up (at 100x,
    // linking each note to the hundreds of copies citing its document is most of a listing).
    let lines = selected.into_iter().map(|(d, i)| NoteLine {
        id: corpus.documents[d].note_id(i),
        text: &corpus.documents[d].notes[i].text,
    });
    print_each(cli, lines, render_note_line)
}

// ---- note ----

#[derive(Debug, Serialize)]
pub struct NoteDetail {
    #[serde(flatten)]
    pub note: NoteRow,
    /// The sentence that cites the note.
    pub sentence: Option<String>,
    /// Where the marker stands: part title and subsection.
    pub location: String,
    /// For `Ibid.`: the text of the note it repeats.
    pub ibid_text: Option<String>,
}

pub enum LookupError {
    Usage(String),
    NotFound(String),
}

/// Looks up `DOC:PART:N`, or `DOC:N` where the document numbers its notes once (the article).
pub fn note(corpus: &Corpus, reference: &str) -> Result<NoteDetail, LookupError> {
    let (doc_at, index) = note_index(corpus, reference)?;
    let doc = &corpus.documents[doc_at];
    let n = &doc.notes[index];
    let location = {
        let p = &doc.parts[n.part];
        let sub = n
            .anchor
            .and_then(|a| {
                p.subsections
                    .iter()
                    .rev()
                    .find(|s| s.first_paragraph <= a.paragraph)
            })
            .map(|s| format!(" › {}", s.title))
            .unwrap_or_default();
        let para = n
            .anchor
            // Counted as `paragraph` in JSON: the document's paragraphs from 0.
            .map(|a| format!(", paragraph {}", a.paragraph))
            .unwrap_or_default();
        format!("{} › {}{}{}", doc.meta.title, p.title, sub, para)
    };
    Ok(NoteDetail {
        note: note_row(corpus, doc_at, index),
        sentence: n
            .anchor
            .map(|a| sentence_around(&doc.paragraphs[a.paragraph].text, a.offset).to_string()),
        location,
        ibid_text: doc.repeats(index).map(|i| doc.notes[i].text.clone()),
    })
}

/// The note `DOC:PART:N` or `DOC:N` names, as (document, note) indices.
fn note_index(corpus: &Corpus, reference: &str) -> Result<(usize, usize), LookupError> {
    let fields: Vec<&str> = reference.split(':').collect();
    let (doc_id, part, number) = match fields.as_slice() {
        [doc, n] => (*doc, None, *n),
        [doc, part, n] => (*doc, Some(*part), *n),
        _ => {
            return Err(LookupError::Usage(format!(
                "{reference:?}: expected DOC:PART:N (thesis:IV:12) or DOC:N (article:58)"
            )))
        }
    };
    let number: u32 = number.parse().map_err(|_| {
        LookupError::Usage(format!(
            "{reference:?}: note number {number:?} is not a number"
        ))
    })?;
    let doc = find_doc(corpus, doc_id).map_err(LookupError::Usage)?;
    if let Some(key) = part {
        find_part(doc, key).map_err(LookupError::Usage)?;
    } else if doc
        .parts
        .iter()
        .filter(|p| {
            doc.notes
                .iter()
                .any(|n| n.number == 1 && doc.parts[n.part].key == p.key)
        })
        .count()
        > 1
    {
        return Err(LookupError::Usage(format!(
            "{doc_id} numbers notes per part: use {doc_id}:PART:{number}"
        )));
    }
    let index = doc
        .find_note(part, number)
        .ok_or_else(|| LookupError::NotFound(format!("no note {reference} in {}", doc.meta.id)))?;
    Ok((doc_index(corpus, doc_id), index))
}

/// Gives `corpus`'s documents the citations `kept` has for them, reads the others' and keeps
/// them for the next run.
fn cite_from_cache(corpus: &Corpus, kept: &BuildCache) {
    use corpus::CitedNotes;
    let mut missing = Vec::new();
    for (d, doc) in corpus.documents.iter().enumerate() {
        match kept.kept::<CitedNotes>(d) {
            Some(cited) => doc.provide_citations(cited.into_works()),
            None => missing.push((d, doc)),
        }
    }
    // (Those not kept are read together, on every core.)
    corpus.read_citations();
    for (d, doc) in missing {
        kept.keep(d, &CitedNotes::of(doc));
    }
    kept.tidy();
}

/// A directory's documents known by the places and citations of their notes alone (from
/// the cache where it can): all that naming the notes citing a source and grouping them takes.
fn cited_library(cli: &Cli, dir: &std::path::Path) -> Result<Corpus, String> {
    use corpus::CitedNotes;
    let cited = corpus::per_document(
        dir,
        cache(cli).as_ref(),
        CitedNotes::PRODUCT,
        CitedNotes::of,
    )
    .map_err(|e| e.to_string())?;
    let documents = cited
        .documents
        .into_iter()
        .zip(cited.metas)
        .map(|(notes, meta)| notes.into_document(meta))
        .collect();
    Ok(Corpus::new(documents, cited.timeline))
}

/// A directory's documents for a lookup in one of them: `doc_id` parsed, every other known by
/// its notes' places and citations ([`cited_library`]), which is all that naming the notes
/// citing the same source takes.
fn library_around(cli: &Cli, dir: &std::path::Path, doc_id: &str) -> Result<Corpus, String> {
    let library = cited_library(cli, dir)?;
    let timeline = library.timeline;
    let mut documents = library.documents;
    if let Some(at) = documents.iter().position(|d| d.meta.id == doc_id) {
        let (parsed, _) = corpus::load_dir_one(dir, Some(doc_id), cache(cli).as_ref())
            .map_err(|e| e.to_string())?;
        if let Some(doc) = parsed.documents.into_iter().next() {
            documents[at] = doc;
        }
    }
    Ok(Corpus::new(documents, timeline))
}

/// `kwx note` on a directory ([`library_around`] its document). The outer error is a corpus
/// that cannot be read.
fn note_in_directory(
    cli: &Cli,
    dir: &std::path::Path,
    reference: &str,
) -> Result<Result<NoteDetail, LookupError>, String> {
    let doc_id = reference.split(':').next().unwrap_or_default();
    Ok(note(&library_around(cli, dir, doc_id)?, reference))
}

fn render_note_detail(d: &NoteDetail, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}", d.note.id)?;
    writeln!(out, "  {}", d.note.text)?;
    if let (Some(ibid), Some(of)) = (&d.ibid_text, &d.note.ibid_of) {
        writeln!(out, "  = {}: {}", of.id, ibid)?;
    }
    for row in &d.note.works {
        // A book or article says all in its `work:` line; a document, here.
        if let Some(source) = sources::source_line(row) {
            writeln!(out, "  source: {source}")?;
        }
        if let Some(publication) = sources::publication_line(row) {
            writeln!(out, "  work: {publication}")?;
        }
    }
    if !d.note.same_document_reads.is_empty() {
        let others: Vec<String> = d
            .note
            .same_document_reads
            .iter()
            .map(CitingNote::label)
            .collect();
        writeln!(out, "  Same document: {}", others.join(", "))?;
    }
    for c in &d.note.conflicts {
        writeln!(out, "  Conflict: {c}")?;
    }
    if !d.note.same_work.is_empty() {
        writeln!(out, "  Same work: {}", d.note.same_work.join(", "))?;
    }
    writeln!(out)?;
    match &d.sentence {
        Some(s) => writeln!(out, "cited in: {s}")?,
        None => writeln!(out, "cited in: (no marker for this note in the text)")?,
    }
    writeln!(out, "at: {}", d.location)
}

// ---- sources ----

pub fn sources(
    corpus: &Corpus,
    archive: Option<&str>,
    fond: Option<&str>,
    doc: Option<&str>,
    words: &[String],
) -> Result<Vec<ArchiveNode>, String> {
    let archive = archive.map(archive_named).transpose()?;
    let doc = match doc {
        Some(id) => {
            find_doc(corpus, id)?;
            Some(doc_index(corpus, id))
        }
        None => None,
    };
    let filter = SourceFilter {
        archive,
        fond: fond.map(str::to_string),
        doc,
        words: crate::search::fold(&words.join(" ")),
    };
    Ok(sources::tree(corpus, &filter))
}

fn render_sources(tree: &Vec<ArchiveNode>, out: &mut dyn Write) -> std::io::Result<()> {
    if tree.is_empty() {
        // (As search says it: an empty page would look like a failure.)
        return writeln!(out, "no source matches");
    }
    for a in tree {
        let counts: Vec<String> = a.notes.iter().map(|(d, n)| format!("{d} {n}")).collect();
        let total = a.notes.values().sum::<usize>();
        writeln!(
            out,
            "{} — {} ({total} {}: {})",
            a.archive,
            a.name,
            if total == 1 { "note" } else { "notes" },
            counts.join(", ")
        )?;
        for g in &a.groups {
            match g.stands_for.first() {
                Some(meaning) => writeln!(out, "  {} ({meaning})", g.group)?,
                None => writeln!(out, "  {}", g.group)?,
            }
            for d in &g.documents {
                writeln!(out, "    {}", d.label)?;
                // (A document known by its reference alone is labelled with it already.)
                if d.reference != d.label {
                    writeln!(out, "      {}", d.reference)?;
                }
                if !d.authors.is_empty() {
                    writeln!(out, "      by {}", d.by())?;
                }
                if let Some(publication) = &d.printed_in {
                    writeln!(out, "      in {publication}")?;
                }
                let notes: Vec<String> = d.notes.iter().map(CitingNote::label).collect();
                writeln!(out, "      cited in: {}", notes.join(", "))?;
                for c in &d.conflicts {
                    writeln!(out, "      conflict: {c}")?;
                }
            }
        }
    }
    Ok(())
}

// ---- cite ----

pub fn cite(corpus: &Corpus, ids: &[String], format: &str) -> Result<String, LookupError> {
    let format = crate::export::Format::from_name(format)
        .ok_or_else(|| LookupError::Usage(format!("unknown format {format:?}")))?;
    let mut items = Vec::new();
    for id in ids {
        for (doc, index) in notes_named(corpus, id)? {
            let d = &corpus.documents[doc];
            let note_id = d.note_id(index);
            let works = &d.citations()[index];
            items.extend(works.iter().enumerate().map(|(k, w)| {
                crate::export::Item {
                    id: if works.len() > 1 {
                        format!("{note_id}.{}", k + 1)
                    } else {
                        note_id.clone()
                    },
                    work: w,
                    whole: w
                        .ibid_of
                        .map(|_| sources::full_citation(&sources::work_row(d, w))),
                }
            }));
        }
    }
    Ok(crate::export::export(&items, format))
}

/// The notes a `cite` ID names, in order: one note (`thesis:IV:24`, `article:51`), or every
/// note of a part (`thesis:IV`) or of a document (`article`), a chapter's sources in one go.
fn notes_named(corpus: &Corpus, id: &str) -> Result<Vec<(usize, usize)>, LookupError> {
    let fields: Vec<&str> = id.split(':').collect();
    let is_number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match fields.as_slice() {
        [doc_id] => {
            find_doc(corpus, doc_id).map_err(LookupError::Usage)?;
            let d = doc_index(corpus, doc_id);
            Ok((0..corpus.documents[d].notes.len())
                .map(|n| (d, n))
                .collect())
        }
        [doc_id, key] if !is_number(key) => {
            let doc = find_doc(corpus, doc_id).map_err(LookupError::Usage)?;
            let part = find_part(doc, key).map_err(LookupError::Usage)?;
            let d = doc_index(corpus, doc_id);
            Ok((doc.notes.iter().enumerate())
                .filter(|(_, n)| n.part == part)
                .map(|(n, _)| (d, n))
                .collect())
        }
        _ => note_index(corpus, id).map(|at| vec![at]),
    }
}

/// Writes text as is, through the control-character filter.
fn write_raw(text: &str) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write!(crate::sanitize::SafeWriter(&mut out), "{text}")?;
    out.flush()
}

// ---- read ----

#[derive(Debug, Serialize)]
pub struct ReadParagraph {
    pub paragraph: usize,
    pub part: String,
    /// Headings this paragraph comes first under, outermost first (usually none or one).
    pub subsections: Vec<String>,
    pub text: String,
    pub refs: Vec<ReadRef>,
}

#[derive(Debug, Serialize)]
pub struct ReadRef {
    pub n: u32,
    pub offset: usize,
}

pub fn read(corpus: &Corpus, target: &str) -> Result<Vec<ReadParagraph>, String> {
    let (doc_id, part) = match target.split_once(':') {
        Some((d, p)) => (d, Some(p)),
        None => (target, None),
    };
    let doc = find_doc(corpus, doc_id)?;
    let parts: Vec<usize> = match part {
        Some(key) => vec![find_part(doc, key)?],
        None => (0..doc.parts.len()).collect(),
    };
    let mut out = Vec::new();
    for pi in parts {
        let p = &doc.parts[pi];
        for i in p.paragraphs.clone() {
            let para = &doc.paragraphs[i];
            out.push(ReadParagraph {
                paragraph: i,
                part: p.key.clone(),
                subsections: p
                    .subsections
                    .iter()
                    .filter(|s| s.first_paragraph == i)
                    .map(|s| s.title.clone())
                    .collect(),
                text: para.text.clone(),
                refs: para
                    .refs
                    .iter()
                    .map(|r| ReadRef {
                        n: r.number,
                        offset: r.offset,
                    })
                    .collect(),
            });
        }
    }
    Ok(out)
}

fn render_read(paragraphs: &Vec<ReadParagraph>, out: &mut dyn Write) -> std::io::Result<()> {
    for p in paragraphs {
        for s in &p.subsections {
            writeln!(out, "## {s}\n")?;
        }
        let mut text = p.text.clone();
        for r in p.refs.iter().rev() {
            let at = corpus::char_to_byte(&text, r.offset);
            text.insert_str(at, &format!("[{}]", r.n));
        }
        writeln!(out, "{text}\n")?;
    }
    Ok(())
}

// ---- glossary ----

/// Every entry of the documents' lists (of `doc`'s only, if given), in their order; or, for a
/// `term`, what it stands for. A term neither the lists nor kwx's table know is an error
/// naming where it was looked up.
pub fn glossary(
    lists: &[crate::glossary::List],
    term: Option<&str>,
    doc: Option<&str>,
) -> Result<Vec<GlossaryLine>, String> {
    let lists: Vec<crate::glossary::List> = match doc {
        Some(id) => {
            let list = lists.iter().find(|l| l.doc.eq_ignore_ascii_case(id));
            vec![*list.ok_or_else(|| no_document(id, lists.iter().map(|l| l.doc)))?]
        }
        None => lists.to_vec(),
    };
    let Some(term) = term.map(str::trim) else {
        return Ok(crate::glossary::entries(&lists));
    };
    if term.is_empty() {
        return Err(
            "an empty TERM: give an abbreviation (kwx glossary USGASK), or none for the lists"
                .into(),
        );
    }
    let found = crate::glossary::look_up(&lists, term);
    if !found.is_empty() {
        return Ok(found);
    }
    let looked_in = match doc {
        Some(id) => format!("{id}'s list of abbreviations"),
        None => "any document's list of abbreviations".to_string(),
    };
    Err(format!(
        "{term:?} is neither in {looked_in} nor in kwx's table of acronyms"
    ))
}

/// `kwx glossary`'s output for `lists`: the entries, or a line saying there are none.
fn print_glossary(
    cli: &Cli,
    lists: &[crate::glossary::List],
    term: Option<&str>,
    doc: Option<&str>,
) -> Result<std::io::Result<u8>, String> {
    let entries = glossary(lists, term, doc)?;
    Ok(if entries.is_empty() {
        match doc {
            Some(id) => print_none(cli, &format!("{id} lists no abbreviations.")),
            None => print_none(cli, "No document lists abbreviations."),
        }
    } else {
        print(cli, &entries, render_glossary)
    }
    .map(|_| 0))
}

/// The widest the terms' column grows: abbreviations are short.
const GLOSSARY_TERM_WIDTH: usize = 12;

fn render_glossary(entries: &Vec<GlossaryLine>, out: &mut dyn Write) -> std::io::Result<()> {
    let width = output_width();
    // (A longer term runs into its expansion rather than widen every line.)
    let term_width = (entries.iter().map(|g| g.term.chars().count()).max())
        .unwrap_or(0)
        .min(GLOSSARY_TERM_WIDTH);
    let mut doc: Option<&Option<String>> = None;
    for g in entries {
        if doc != Some(&g.doc) {
            let heading = match &g.doc {
                Some(id) => format!("{id}: list of abbreviations"),
                None => "kwx's table of acronyms (not the texts')".to_string(),
            };
            writeln!(out, "{heading}")?;
            doc = Some(&g.doc);
        }
        let line = format!("  {:<term_width$}  {}", g.term, g.expansion);
        writeln!(out, "{}", fit(&line, width))?;
    }
    Ok(())
}

// ---- check ----

#[derive(Debug, Serialize)]
pub struct CheckDocument {
    pub doc: String,
    pub parts: Vec<CheckPart>,
    pub issues: Vec<CheckIssue>,
}

#[derive(Debug, Serialize)]
pub struct CheckPart {
    pub key: String,
    pub paragraphs: usize,
    pub notes: usize,
    pub markers: usize,
}

#[derive(Debug, Serialize)]
pub struct CheckIssue {
    pub message: String,
    /// Listed in the manifest's `known_issues`: a defect of the source, not of the parser.
    pub known: bool,
}

pub fn check(corpus: &Corpus) -> Vec<CheckDocument> {
    corpus.documents.iter().map(check_document).collect()
}

fn check_document(doc: &Document) -> CheckDocument {
    let mut messages = Vec::new();
    let per_part = doc.notes.iter().filter(|n| n.number == 1).count() > 1;
    let runs: Vec<(String, Vec<usize>)> = if per_part {
        doc.parts
            .iter()
            .enumerate()
            .map(|(pi, p)| {
                (
                    format!("part {}", p.key),
                    (0..doc.notes.len())
                        .filter(|&i| doc.notes[i].part == pi)
                        .collect(),
                )
            })
            .collect()
    } else {
        vec![("document".to_string(), (0..doc.notes.len()).collect())]
    };
    for (label, indices) in &runs {
        let mut expected = 1;
        for &i in indices {
            let n = doc.notes[i].number;
            if n < expected {
                messages.push(format!("{label}: note {n} is duplicated or out of order"));
            } else if n > expected {
                messages.push(format!("{label}: notes {expected}..{} are missing", n - 1));
            }
            expected = n.max(expected - 1) + 1;
        }
    }
    for n in &doc.notes {
        if n.anchor.is_none() {
            messages.push(format!(
                "part {}: note {} is not referenced in the text",
                doc.parts[n.part].key, n.number
            ));
        }
        if n.text.trim().is_empty() {
            messages.push(format!(
                "part {}: note {} has no text",
                doc.parts[n.part].key, n.number
            ));
        }
    }
    for para in &doc.paragraphs {
        {
            for r in para.refs.iter().filter(|r| r.note.is_none()) {
                messages.push(format!("reference {} has no note text", r.number));
            }
        }
    }
    let issues = messages
        .into_iter()
        .map(|message| {
            let known = doc
                .meta
                .known_issues
                .iter()
                .any(|k| message.ends_with(k.as_str()));
            CheckIssue { message, known }
        })
        .collect();
    CheckDocument {
        doc: doc.meta.id.clone(),
        parts: doc
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| CheckPart {
                key: p.key.clone(),
                paragraphs: p.paragraphs.len(),
                notes: doc.notes_in_part(i),
                markers: doc.paragraphs[p.paragraphs.clone()]
                    .iter()
                    .map(|para| para.refs.len())
                    .sum(),
            })
            .collect(),
        issues,
    }
}

fn render_check(docs: &Vec<CheckDocument>, out: &mut dyn Write) -> std::io::Result<()> {
    for d in docs {
        writeln!(out, "{}", d.doc)?;
        for p in &d.parts {
            writeln!(
                out,
                "  {:<48} {:>4} ¶ {:>4} notes {:>4} markers",
                truncate(&p.key, 48),
                p.paragraphs,
                p.notes,
                p.markers
            )?;
        }
        for i in &d.issues {
            writeln!(
                out,
                "  {} {}",
                if i.known { "known:" } else { "ERROR:" },
                i.message
            )?;
        }
        if d.issues.is_empty() {
            writeln!(out, "  ok")?;
        }
    }
    Ok(())
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The terms' column is as wide as the longest term, up to its cap: a list with one
    /// runaway term (a dropped-in document's) does not pad every line to it.
    #[test]
    fn glossary_terms_align_up_to_the_cap() {
        let line = |term: &str, expansion: &str| GlossaryLine {
            doc: Some("thesis".into()),
            term: term.into(),
            expansion: expansion.into(),
        };
        let text = |entries: Vec<GlossaryLine>| {
            let mut out = Vec::new();
            render_glossary(&entries, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(
            text(vec![
                line("UN", "United Nations"),
                line("USGASK", "Upravlenie")
            ]),
            "thesis: list of abbreviations\n  UN      United Nations\n  USGASK  Upravlenie\n"
        );
        let runaway = "X".repeat(40);
        let out = text(vec![line("UN", "United Nations"), line(&runaway, "long")]);
        assert!(
            out.contains(&format!("\n  UN{}United Nations\n", " ".repeat(12))),
            "{out}"
        );
        assert!(out.contains(&format!("  {runaway}  long\n")), "{out}");
    }

    #[derive(Serialize)]
    struct Row {
        n: usize,
        text: String,
    }

    fn render_row(row: &Row, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "{:>3} {}", row.n, row.text)
    }

    /// Rows made in pieces on every core are the bytes the list made whole gives, controls
    /// made safe, whatever the batch and piece sizes.
    #[test]
    fn rows_written_in_parallel_are_the_whole_list() {
        let texts = [
            "plain",
            "esc \u{1b}[31m red",
            "csi \u{9b}2J",
            "quote \" and \\",
            "é ✓",
        ];
        let items: Vec<usize> = (0..23).collect();
        let row = |&n: &usize| Row {
            n,
            text: texts[n % texts.len()].to_string(),
        };
        let rows: Vec<Row> = items.iter().map(row).collect();
        let json = serde_json::to_string_pretty(&rows).unwrap();
        let json = format!("{}\n", crate::sanitize::json_escape_controls(&json));
        let mut text = Vec::new();
        for r in &rows {
            render_row(r, &mut text).unwrap();
        }
        let text = crate::sanitize::visible_lines(std::str::from_utf8(&text).unwrap()).into_owned();
        for sizes in [(1, 1), (5, 2), (7, 3), (100, 100)] {
            let mut out = Vec::new();
            write_in_parallel(true, &items, row, render_row, sizes, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), json, "{sizes:?}");
            let mut out = Vec::new();
            write_in_parallel(false, &items, row, render_row, sizes, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), text, "{sizes:?}");
        }
        let mut out = Vec::new();
        write_in_parallel(true, &items[..0], row, render_row, (4, 2), &mut out).unwrap();
        assert_eq!(out, b"[]\n");
    }
}
