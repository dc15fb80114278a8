//! `Ibid.`, `Author, ibid.` and short titles resolved to the first full citation they repeat,
//! within one document. A short form takes its original's fields and keeps its own pages,
//! date and correspondents (`Ibid., 22 Jan 1947` is another day of the same diary).

use rustc_hash::FxHashMap as HashMap;

use super::work::{author_ibid, is_plain_ibid, quoted_short_title};
use super::{Work, WorkRef};

/// The works already read, by the words of their authors' names and by their first word, so
/// a short form looks only at the works that could be its original (a thesis has hundreds of
/// notes; a library's documents may have tens of thousands).
#[derive(Default)]
struct Seen {
    by_author: HashMap<String, Vec<WorkRef>>,
    by_head: HashMap<String, Vec<WorkRef>>,
    /// Books and articles cited whole, with their imprint (not a document read in one, nor a
    /// short form): what a short form with a letter astray may repeat.
    imprinted: Vec<WorkRef>,
}

impl Seen {
    fn add(&mut self, r: WorkRef, w: &Work) {
        // Keys are lower-cased into one buffer and copied only when new.
        let mut key = String::new();
        for author in &w.authors {
            for word in author.split_whitespace() {
                lower_into(&mut key, word.trim_end_matches([',', '.']));
                let list = list_for(&mut self.by_author, &key);
                if list.last() != Some(&r) {
                    list.push(r);
                }
            }
        }
        if let Some(first) = w
            .text
            .split(|c: char| !c.is_alphanumeric())
            .find(|s| !s.is_empty())
        {
            lower_into(&mut key, first);
            list_for(&mut self.by_head, &key).push(r);
        }
        if (w.place.is_some() || w.publisher.is_some())
            && w.ibid_of.is_none()
            && !is_document_in_publication(w)
        {
            self.imprinted.push(r);
        }
    }

    fn by_author(&self, name: &str) -> &[WorkRef] {
        self.by_author
            .get(&name.to_lowercase())
            .map_or(&[], Vec::as_slice)
    }
}

/// `s` in lower case, into `buf`: reused, so a key already known is looked up without an
/// allocation.
fn lower_into(buf: &mut String, s: &str) {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        // As `by_author` lower-cases its name (a final sigma included).
        buf.push_str(&s.to_lowercase());
    }
}

fn list_for<'m>(map: &'m mut HashMap<String, Vec<WorkRef>>, key: &str) -> &'m mut Vec<WorkRef> {
    if !map.contains_key(key) {
        map.insert(key.to_string(), Vec::new());
    }
    map.get_mut(key).expect("inserted above")
}

enum Short {
    Ibid,
    AuthorIbid(String),
    Title,
    QuotedTitle(Vec<String>),
    /// `The Origins of the Korean War, Vol. 2, pp. 356-57`: a title alone, no author.
    BareTitle,
}

/// Resolves the document's short forms; `bibliography` is its bibliography's entries (none
/// for an article), where a short form cited in full nowhere in the notes finds its work.
pub fn resolve(works: &mut [Vec<Work>], bibliography: &[&str]) {
    let mut seen = Seen::default();
    for note in 0..works.len() {
        for k in 0..works[note].len() {
            let here = WorkRef { note, work: k };
            full_author_names(works, &seen, here);
            resolve_one(works, &seen, bibliography, here);
            complete_short_container(works, &seen, here);
            year_from_bibliography(&mut works[note][k], bibliography);
            seen.add(here, &works[note][k]);
        }
    }
    let table = super::table::Table::get();
    containers_by_full_name(works, table);
    years_of_issues(works);
    // (A file's archive first: `KMAG G-3 Operations Report Nos. 6-7, "P" File` gives its
    // series one.)
    inherit_file(works, table);
    inherit_series(works);
}

/// `… Cold War International History Project Bulletin, No. 5 (Spring 1995), pp. 1-9 (hereafter
/// cited as CWIHP Bulletin)`: a container cited afterwards by the short name a citation gave
/// it, or by that name with a letter astray (`CWHIP Bulletin`), is the one it names in full.
fn containers_by_full_name(works: &mut [Vec<Work>], table: &super::table::Table) {
    // (short name in lower case, full name), in the order the document gives them.
    let mut given: Vec<(String, String)> = Vec::new();
    for w in works.iter_mut().flatten() {
        if given.is_empty() && !w.text.contains("ereafter") {
            continue;
        }
        if let Some(container) = &w.container {
            if let Some((_, full)) = given.iter().find(|(short, _)| near(container, short, 6)) {
                w.container = Some(full.clone());
            }
        }
        let short = super::work::short_name_given(&w.text, table);
        if let (Some(short), Some(full)) = (short, &w.container) {
            if !short.eq_ignore_ascii_case(full) {
                given.push((short.to_lowercase(), full.clone()));
            }
        }
    }
}

/// `… New Russian Documents on the Korean War," CWIHP Bulletin, Nos. 6-7 (Winter 1995-1996),
/// …; also Alexander Mansourov, "…," CWIHP Bulletin, Nos. 6-7, pp. 94-119`: a journal's issue
/// cited without its year has the year another citation of that issue gives it.
fn years_of_issues(works: &mut [Vec<Work>]) {
    // The issue: its journal, volume (`vol. 22, no. 1` is not `vol. 23, no. 1`) and number.
    type Issue = (String, Option<String>, String);
    let issue_of = |w: &Work| -> Option<Issue> {
        Some((w.container.clone()?, w.volume.clone(), w.issue.clone()?))
    };
    // Each issue cited with its year; few in any text.
    let mut dated: Vec<(Issue, i32)> = Vec::new();
    for w in works.iter().flatten() {
        if let (Some(issue), Some(year)) = (issue_of(w), w.year) {
            if !dated.iter().any(|(known, _)| *known == issue) {
                dated.push((issue, year));
            }
        }
    }
    if dated.is_empty() {
        return;
    }
    for w in works.iter_mut().flatten() {
        if w.year.is_some() || w.date.is_some() {
            continue;
        }
        let Some(issue) = issue_of(w) else { continue };
        if let Some((_, year)) = dated.iter().find(|(known, _)| *known == issue) {
            w.year = Some(*year);
        }
    }
}

/// `Memorandum of Conversation by Muccio, August 13, 1949, 895.00, quoted in Cumings`: a file
/// the text cites elsewhere with its archive (`Muccio to Acheson, July 1, 1949, 895.00, RG 59`)
/// is that archive's.
fn inherit_file(works: &mut [Vec<Work>], table: &super::table::Table) {
    // (file, archive, record group) of every work filed with its archive.
    type Filed = (String, Option<String>, Option<String>);
    let filed: Vec<Filed> = works
        .iter()
        .flatten()
        .filter(|w| w.archive.is_some())
        .filter_map(|w| Some((w.file.clone()?, w.archive.clone(), w.record_group.clone())))
        .collect();
    if filed.is_empty() {
        return;
    }
    for w in works.iter_mut().flatten() {
        if w.archive.is_some() {
            continue;
        }
        let Some(file) = table.nara_file.find(&w.text) else {
            continue;
        };
        if let Some((known, archive, record_group)) =
            filed.iter().find(|(known, ..)| known == file.as_str())
        {
            w.archive = archive.clone();
            w.record_group = record_group.clone();
            w.file = Some(known.clone());
        }
    }
}

fn resolve_one(works: &mut [Vec<Work>], seen: &Seen, bibliography: &[&str], here: WorkRef) {
    let WorkRef { note, work: k } = here;
    let mut quoted = false;
    // A short title repeats the document it names, not only its publication.
    let mut by_own_title = false;
    let mut plain_ibid = false;
    let target = match classify(&works[note][k]) {
        Some(Short::Ibid) => {
            plain_ibid = true;
            previous(works, here)
        }
        Some(Short::AuthorIbid(name)) => by_author(works, seen, &name),
        Some(Short::Title) => {
            by_own_title = true;
            let target = (by_short_title(works, seen, here, Look::Before))
                .or_else(|| by_author_in_journal(works, seen, here))
                .or_else(|| {
                    // `Acheson, Present at the Creation, p. 456` (article 76), three notes before
                    // the book's full citation: a bare short form with no original before it
                    // repeats the first one after it.
                    if !is_bare_short_form(&works[note][k]) {
                        return None;
                    }
                    by_short_title(works, seen, here, Look::After)
                });
            if target.is_none() {
                complete_from_bibliography(&mut works[note][k], bibliography);
            }
            target
        }
        Some(Short::QuotedTitle(title)) => {
            quoted = true;
            by_quoted_title(works, here, &title)
        }
        Some(Short::BareTitle) => by_same_title(works, here),
        None => None,
    };
    let Some(target) = target else { return };
    let origin = works[target.note][target.work].ibid_of.unwrap_or(target);
    if origin == here {
        return;
    }
    // `Mansourov, ibid.` after a telegram read in Mansourov's article repeats the article, not
    // the telegram; a quoted title names the document itself (`"Cumings's letter to the
    // editor," p. 120`).
    let publication_only = is_document_in_publication(&works[origin.note][origin.work])
        && !is_plain_ibid(&works[note][k].text)
        && !by_own_title
        && !quoted;
    // A short form citing that publication itself (not another document printed in it) takes
    // the publication's whole citation where a note gave one: its journal and issue too, which
    // the document's citation leaves to the publication's title. (Rare: copied.)
    let cites_publication = works[note][k].from.is_none() && works[note][k].date.is_none();
    let whole = (publication_only && cites_publication)
        .then(|| publication_cited_whole(works, seen, &works[origin.note][origin.work]))
        .flatten()
        .map(|r| works[r.note][r.work].clone());
    // A plain `Ibid.` repeats the work before it whole, its pages, day and document included
    // (thesis III:2 after III:1's `Doklad, Tom 1, The Report by …, pp.24-26`), which that work
    // holds with its original's fields.
    let fields_from = if plain_ibid { target } else { origin };
    // (An original after its short form, or after the short form an Ibid repeats, is copied:
    // it cannot be borrowed beside the work that takes its fields.)
    let later;
    let (original, short) = if fields_from < here {
        original_and_short(works, fields_from, here)
    } else {
        later = works[fields_from.note][fields_from.work].clone();
        (&later, &mut works[note][k])
    };
    // A document printed in the publication its short form names: the publication is where
    // it is printed.
    let printed_in = (short.from.is_some() || short.date.is_some())
        && original.from.is_none()
        && original.date.is_none()
        && original.container.is_none();
    match &whole {
        Some(publication) => {
            inherit(short, publication, false);
            // (The year only the document's citation may give: `(Winter 1995-1996)`.)
            short.year = short.year.or(original.year);
        }
        None => inherit(short, original, publication_only),
    }
    if printed_in && !publication_only {
        short.container.clone_from(&original.title);
    }
    if quoted {
        // The quoted words are a shortening of the original's title.
        short.title.clone_from(&original.title);
    }
    short.ibid_of = Some(origin);
}

/// `Yeo, The Soviet Policy toward the Korean Peninsula 1945-1948, Asia Culture, p.135` (thesis
/// II:19) after `In Gon Yeo, The Soviet Policy towards Korea between 1945 and 1948, Asia
/// Culture, Vol.8, 1992, pp.131-52` (I:5): a short form naming its journal, its title worded
/// otherwise, repeats the one article by that author in that journal cited in full before it.
fn by_author_in_journal(works: &[Vec<Work>], seen: &Seen, here: WorkRef) -> Option<WorkRef> {
    let short = &works[here.note][here.work];
    // (A citation with its own year, date or volume is given whole: `Kyu Song Yang, Mao,
    // Stalin and the Korean War, The 21 Century, Vol.81, 2004` is another article.)
    if short.year.is_some() || short.date.is_some() || short.volume.is_some() {
        return None;
    }
    let journal = short.container.as_deref()?;
    let surname = short.authors.first()?.split_whitespace().next_back()?;
    let mut in_journal = seen.by_author(surname).iter().copied().filter(|r| {
        let w = &works[r.note][r.work];
        w.ibid_of.is_none()
            && w.year.is_some()
            && w.container
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(journal))
            && w.authors.iter().any(|a| has_surname(a, surname))
    });
    let first = in_journal.next()?;
    let title = &works[first.note][first.work].title;
    in_journal
        .all(|r| works[r.note][r.work].title == *title)
        .then_some(first)
}

/// `Mansourov, ibid., p. 103` after `Stalin to Kim Il Sung, October 8, 1950 in Alexander
/// Mansourov, "Stalin, Mao, Kim and China's Decision …," CWIHP Bulletin, …`: the article the
/// telegram was read in, where an earlier note cites it whole (`Alexander Mansourov, "Stalin,
/// Mao, Kim and China's Decision …," CWIHP Bulletin, Nos. 6-7, pp. 94-119`).
fn publication_cited_whole(works: &[Vec<Work>], seen: &Seen, document: &Work) -> Option<WorkRef> {
    if !is_document_in_publication(document) {
        return None;
    }
    let title = words(document.container.as_deref()?);
    let surname = document.authors.first()?.split_whitespace().next_back()?;
    seen.by_author(surname.trim_end_matches([',', '.']))
        .iter()
        .copied()
        .find(|r| {
            let c = &works[r.note][r.work];
            !is_document_in_publication(c)
                && c.ibid_of.is_none()
                && c.title.as_deref().is_some_and(|t| words(t) == title)
        })
}

/// `also Weathersby, "New Russian Documents …"` after `Kathryn Weathersby, "The Soviet Role
/// …"`: an author named by surname alone takes the full name the document gave that surname
/// before, when it gave only one (`K. Weathersby` is a shortening of `Kathryn Weathersby`; the
/// thesis's several Kims leave `Kim` as it is).
fn full_author_names(works: &mut [Vec<Work>], seen: &Seen, here: WorkRef) {
    let w = &works[here.note][here.work];
    let mut named = Vec::new();
    for (i, author) in w.authors.iter().enumerate() {
        let surname = author.trim();
        if surname.contains([' ', '.']) || surname.is_empty() {
            continue;
        }
        let mut full: Option<&str> = None;
        let fuller = seen
            .by_author(surname)
            .iter()
            .flat_map(|r| &works[r.note][r.work].authors)
            .filter(|a| has_surname(a, surname) && a.contains(' '))
            .all(|a| match full {
                None => {
                    full = Some(a);
                    true
                }
                // (Most often the same name again.)
                Some(f) if f == a || shortens(a, f) => true,
                Some(f) if shortens(f, a) => {
                    full = Some(a);
                    true
                }
                Some(_) => false,
            });
        if let Some(full) = full.filter(|_| fuller) {
            named.push((i, full.to_string()));
        }
    }
    for (i, full) in named {
        works[here.note][here.work].authors[i] = full;
    }
}

/// Whether `short` is `full` or its shortening: each given name the same or its initial
/// (`K. Weathersby`, `Kathryn Weathersby`).
fn shortens(short: &str, full: &str) -> bool {
    let (short, full): (Vec<&str>, Vec<&str>) = (
        short.split([' ', '.']).filter(|w| !w.is_empty()).collect(),
        full.split([' ', '.']).filter(|w| !w.is_empty()).collect(),
    );
    short.len() == full.len()
        && short.iter().zip(&full).all(|(s, f)| {
            s.eq_ignore_ascii_case(f)
                || (s.chars().count() == 1 && f.chars().next().is_some_and(|c| s.starts_with(c)))
        })
}

/// `Shtykov to Vyshinsky, September 3, 1949 in Weathersby, "To Attack, or Not to Attack?" p. 6`:
/// a document read in a publication named by its short title, after the publication's full
/// citation (`… "To Attack, or Not to Attack? Stalin, Kim Il Sung, and the Prelude to War,"
/// Cold War International History Project Bulletin, No. 5 (Spring 1995)`), is printed in that
/// publication: its title, authors and imprint (a document's volume stays its archive's, as
/// FRUS's).
fn complete_short_container(works: &mut [Vec<Work>], seen: &Seen, here: WorkRef) {
    let w = &works[here.note][here.work];
    if !is_document_in_publication(w)
        || w.ibid_of.is_some()
        || w.place.is_some()
        || w.publisher.is_some()
    {
        return;
    }
    let Some(container) = w.container.as_deref() else {
        return;
    };
    let short = words(container);
    let Some(first) = short.first() else { return };
    let mut candidates: Vec<WorkRef> = w
        .authors
        .iter()
        .filter_map(|a| a.rsplit(' ').next())
        .flat_map(|surname| seen.by_author(surname).iter().copied())
        .collect();
    candidates.sort_unstable();
    let publication = candidates.into_iter().find(|r| {
        let c = &works[r.note][r.work];
        let title = c.title.as_deref().unwrap_or("");
        c.ibid_of.is_none()
            && !is_document_in_publication(c)
            && c.from.is_none()
            && (c.container.is_some() || c.place.is_some() || c.publisher.is_some())
            // The short title is the full one's opening words, and names the same volume.
            && word_iter(title).next().is_some_and(|t| is_word(t, first))
            && in_order(&short, word_iter(title))
            && (c.volume.is_none() || w.volume.is_none() || c.volume == w.volume)
    });
    let Some(publication) = publication else {
        return;
    };
    let (original, document) = original_and_short(works, publication, here);
    document.container.clone_from(&original.title);
    document.authors.clone_from(&original.authors);
    document.et_al = original.et_al;
    document.place.clone_from(&original.place);
    document.publisher.clone_from(&original.publisher);
    document.series.clone_from(&original.series);
    document.series_number.clone_from(&original.series_number);
}

/// The original (earlier) and the short form (later) at once, without copying the original.
fn original_and_short(
    works: &mut [Vec<Work>],
    origin: WorkRef,
    here: WorkRef,
) -> (&Work, &mut Work) {
    if origin.note == here.note {
        let (before, after) = works[here.note].split_at_mut(here.work);
        (&before[origin.work], &mut after[0])
    } else {
        let (before, after) = works.split_at_mut(here.note);
        (&before[origin.note][origin.work], &mut after[0][here.work])
    }
}

/// A document read in a publication (`Shtykov to Vyshinsky, … in Weathersby, …`).
fn is_document_in_publication(w: &Work) -> bool {
    w.container.is_some() && (w.from.is_some() || w.date.is_some())
}

/// The series a numbered report belongs to: its words before `No.` (`KMAG G-2 Periodic Report`).
fn series(w: &Work) -> Option<Vec<String>> {
    let number = w.number.as_deref()?;
    if !number.starts_with("No") {
        return None;
    }
    let head = w.text.split(" No").next()?;
    // `FEC Intelligence Summaries Nos. …` is of the series `Intelligence Summary`.
    let words: Vec<String> = words(head).into_iter().map(singular).collect();
    (words.len() >= 2).then_some(words)
}

/// An English plural's singular (`summaries`, `reports`); other words as they are.
fn singular(word: String) -> String {
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() > 1) {
        format!("{stem}y")
    } else if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        word[..word.len() - 1].to_string()
    } else {
        word
    }
}

/// `KMAG G-2 Periodic Report No. 159` after `KMAG G-2 Periodic Report Nos. 159-161, "P" File,
/// RG 319`: a numbered report of a series takes the archive the series was first cited in.
fn inherit_series(works: &mut [Vec<Work>]) {
    let mut known: Vec<(Vec<String>, Work)> = Vec::new();
    for note in works.iter_mut() {
        for w in note.iter_mut() {
            let Some(s) = series(w) else { continue };
            if w.archive.is_some() {
                if !known.iter().any(|(k, _)| *k == s) {
                    known.push((s, w.clone()));
                }
                continue;
            }
            let found = known.iter().find(|(k, _)| {
                let (short, long) = if k.len() <= s.len() { (k, &s) } else { (&s, k) };
                long.ends_with(short) || long.starts_with(short)
            });
            if let Some((_, original)) = found {
                w.archive = original.archive.clone();
                w.record_group = original.record_group.clone();
                w.file = original.file.clone();
            }
        }
    }
}

fn classify(w: &Work) -> Option<Short> {
    if is_plain_ibid(&w.text) {
        return Some(Short::Ibid);
    }
    if let Some(name) = author_ibid(&w.text) {
        return Some(Short::AuthorIbid(name));
    }
    if w.archive.is_none() && w.date.is_none() && w.container.is_none() {
        if let Some(title) = quoted_short_title(&w.text) {
            let words = words(title);
            // One word would match too much.
            if words.len() >= 2 {
                return Some(Short::QuotedTitle(words));
            }
        }
    }
    let mut parts = w.text.split(", ");
    let head = parts.next().unwrap_or("");
    // An author's paper in an archive's series named by surname alone, undated, is a short
    // form too (`Weathersby, Soviet Aims in Korea …, Cold War International History Project
    // Working Paper, p.9`); given whole again it is not (`K. Weathersby, …, Nov 1993`).
    let paper_by_surname =
        !w.authors.is_empty() && w.date.is_none() && w.year.is_none() && !head.trim().contains(' ');
    let short = (w.archive.is_none() || paper_by_surname)
        && w.place.is_none()
        && w.publisher.is_none()
        && w.from.is_none()
        && parts.next().is_some()
        // (Authors' surnames: `Ree`, `McCune & Grey. Jr`; or a body read as the author:
        // `The Board of National Unification, The relations between …, p.39`.)
        && ((head
            .split_whitespace()
            .filter(|w| !matches!(*w, "&" | "and"))
            .count()
            <= 3
            && !head.starts_with("The "))
            || (w.year.is_none() && !w.authors.is_empty() && w.authors.join(" & ") == head));
    // `Doklad, Tom 1, 1948, pp.292-310, The Report by Shikin to Bulganin …, 13 Mar 1946`: a
    // document printed in a publication cited by its short form, which was read as its author.
    let printed_in_short_form = (w.from.is_some() || w.date.is_some())
        && w.archive.is_none()
        && w.container.is_none()
        && w.place.is_none()
        && w.publisher.is_none()
        && w.authors.len() == 1
        && w.authors[0] == head
        && w.text
            .split(", ")
            .nth(1)
            .is_some_and(super::work::is_volume_part);
    if short || printed_in_short_form {
        return Some(Short::Title);
    }
    let bare = w.archive.is_none()
        && w.authors.is_empty()
        && w.date.is_none()
        && w.from.is_none()
        && w.container.is_none()
        && w.place.is_none()
        && w.publisher.is_none()
        && w.title
            .as_deref()
            .is_some_and(|t| t.split_whitespace().count() >= 3);
    bare.then_some(Short::BareTitle)
}

/// Every work after `here`, earliest first.
fn works_after(works: &[Vec<Work>], here: WorkRef) -> impl Iterator<Item = WorkRef> + '_ {
    works
        .iter()
        .enumerate()
        .skip(here.note)
        .flat_map(move |(note, ws)| (0..ws.len()).map(move |work| WorkRef { note, work }))
        .filter(move |r| *r > here)
}

/// Every work before `here`, earliest first.
fn works_before(works: &[Vec<Work>], here: WorkRef) -> impl Iterator<Item = WorkRef> + '_ {
    works[..=here.note]
        .iter()
        .enumerate()
        .flat_map(move |(note, ws)| {
            let upto = if note == here.note {
                here.work
            } else {
                ws.len()
            };
            (0..upto).map(move |work| WorkRef { note, work })
        })
}

/// The earliest full citation before `here` (an imprint or a container) with the very title
/// `here` gives alone: a title is not shortened without its author, only repeated.
fn by_same_title(works: &[Vec<Work>], here: WorkRef) -> Option<WorkRef> {
    let title = works[here.note][here.work].title.as_deref()?;
    works_before(works, here).find(|r| {
        let w = &works[r.note][r.work];
        w.ibid_of.is_none()
            && (w.place.is_some() || w.publisher.is_some() || w.container.is_some())
            && w.title
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(title))
    })
}

/// The work just before: earlier in the note, else the previous note's last.
fn previous(works: &[Vec<Work>], here: WorkRef) -> Option<WorkRef> {
    if here.work > 0 {
        return Some(WorkRef {
            note: here.note,
            work: here.work - 1,
        });
    }
    (0..here.note).rev().find_map(|n| {
        works[n]
            .len()
            .checked_sub(1)
            .map(|w| WorkRef { note: n, work: w })
    })
}

fn has_author(w: &Work, name: &str) -> bool {
    w.authors.iter().any(|a| {
        a.split_whitespace()
            .any(|word| word.trim_end_matches([',', '.']).eq_ignore_ascii_case(name))
    })
}

/// Whether an author's name (`In Gon Yeo`) ends with `surname`, any case.
fn has_surname(author: &str, surname: &str) -> bool {
    author
        .rsplit(' ')
        .next()
        .is_some_and(|last| last.eq_ignore_ascii_case(surname))
}

/// `Goncharov, et al., ibid.`: the nearest earlier work by that author. A document quoted
/// from a short title of that author's book (`quoted in Cumings, The Origins of the Korean
/// War, Vol. 2`) leads to the book's full citation.
fn by_author(works: &[Vec<Work>], seen: &Seen, name: &str) -> Option<WorkRef> {
    let candidates = seen.by_author(name);
    let found = *candidates.iter().rev().find(|r| {
        let w = &works[r.note][r.work];
        author_ibid(&w.text).is_none_or(|_| w.ibid_of.is_some())
    })?;
    let w = &works[found.note][found.work];
    let short_container = is_document_in_publication(w)
        && w.ibid_of.is_none()
        && w.place.is_none()
        && w.publisher.is_none();
    if short_container {
        if let Some(container) = &w.container {
            let title = words(container);
            let book = candidates.iter().copied().filter(|r| *r < found).find(|r| {
                let c = &works[r.note][r.work];
                !is_document_in_publication(c)
                    && c.ibid_of.is_none()
                    && (c.place.is_some() || c.publisher.is_some())
                    && c.title
                        .as_deref()
                        .is_some_and(|t| in_order(&title, word_iter(t)))
            });
            if book.is_some() {
                return book;
            }
        }
    }
    Some(found)
}

/// The words of `s` that name something (not "the"), as written.
fn word_iter(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("the"))
}

fn words(s: &str) -> Vec<String> {
    word_iter(s).map(str::to_lowercase).collect()
}

/// Whether a word as written is `lower` (a word already in lower case).
fn is_word(written: &str, lower: &str) -> bool {
    // Most words are ASCII: compared byte for byte without lower-casing char by char.
    if written.is_ascii() {
        return written.len() == lower.len()
            && written
                .bytes()
                .zip(lower.bytes())
                .all(|(w, l)| w.to_ascii_lowercase() == l);
    }
    written
        .chars()
        .flat_map(char::to_lowercase)
        .eq(lower.chars())
}

/// Whether `short`'s words appear among the words of `full` in the same order.
fn in_order<'f>(short: &[String], full: impl IntoIterator<Item = &'f str>) -> bool {
    let mut it = full.into_iter();
    short.iter().all(|s| it.any(|f| is_word(f, s)))
}

/// Where a short form's original is looked for.
#[derive(Clone, Copy, PartialEq)]
enum Look {
    /// Among the works before it (those `seen` holds), loosely too.
    Before,
    /// Among the works after it, strictly.
    After,
}

/// A short form that can be nothing but a shortening: surnames and title words, pages at
/// most (`Acheson, Present at the Creation, p. 456`), no journal, imprint or year of its own,
/// so that a work cited in full twice is not read as a short form of its second citation.
fn is_bare_short_form(w: &Work) -> bool {
    lacks_imprint(w) && !w.authors.is_empty() && w.authors.iter().all(|a| !a.trim().contains(' '))
}

/// No journal, imprint, year or date of its own.
fn lacks_imprint(w: &Work) -> bool {
    w.container.is_none()
        && w.year.is_none()
        && w.date.is_none()
        && w.place.is_none()
        && w.publisher.is_none()
}

/// A short form with no original in the notes and no imprint of its own takes its entry's
/// fields from the bibliography, if it has one there.
fn complete_from_bibliography(short: &mut Work, bibliography: &[&str]) {
    if !lacks_imprint(short) {
        return;
    }
    if let Some(entry) = in_bibliography(short, bibliography) {
        inherit(short, &entry, false);
        // A title read as a document's (`The meeting in Panmunjeom`) is a book's when the
        // entry gives the book's imprint.
        if entry.kind.is_none() && short.date.is_none() && short.from.is_none() {
            short.kind = None;
        }
    }
}

/// `Shi & Jo, The meeting in Panmunjeom, p.36` (thesis V:65), cited in full only in the
/// bibliography (`Shi, Sung Mun & Jo, Yong Jun, The meeting in Panmunjeom, Beijing: Liberation
/// Army Publisher, 1992.`): the entry filed under the short form's first author or body whose
/// title has the short title's words in order, read as a note would cite it.
fn in_bibliography(short: &Work, bibliography: &[&str]) -> Option<Work> {
    let (head, rest) = short.text.split_once(", ")?;
    let filed_under = head.split(" & ").next()?.split(" and ").next()?.trim();
    let title_part = rest.split(", ").next().unwrap_or(rest);
    let title = words(title_part.trim_matches(['"', '“', '”', ',']));
    if filed_under.is_empty() || title.is_empty() {
        return None;
    }
    filed_under_name(bibliography, filed_under).find(|full| {
        (full.place.is_some() || full.publisher.is_some() || full.container.is_some())
            && in_order(&title, word_iter(full.title.as_deref().unwrap_or("")))
    })
}

/// The bibliography's entries filed under `name` (`Yeo, In Gon, …`, `Shi, Sung Mun & …`), each
/// read as a note would cite it.
fn filed_under_name<'b>(
    bibliography: &'b [&str],
    name: &'b str,
) -> impl Iterator<Item = Work> + 'b {
    let table = super::table::Table::get();
    bibliography
        .iter()
        .filter(move |entry| {
            entry
                .get(..name.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(name))
                && entry[name.len()..].trim_start().starts_with([',', '&'])
        })
        .map(move |entry| super::work::parse_work(&cited_form(entry), table, None))
}

/// `Yeo, The Soviet Policy toward the Korean Peninsula 1945-1948, Asia Culture, p.135` (thesis
/// II:19): an article whose note gives its journal but no year takes the year (and volume) of
/// the one bibliography entry by its author in that journal (`Yeo, In Gon, The Soviet Policy
/// towards Korea between 1945 and 1948, Asia Culture, Vol.8, 1992.`), however the two word
/// its title.
fn year_from_bibliography(w: &mut Work, bibliography: &[&str]) {
    if w.year.is_some() || w.date.is_some() || w.ibid_of.is_some() || w.archive.is_some() {
        return;
    }
    let (Some(container), Some(author)) = (w.container.as_deref(), w.authors.first()) else {
        return;
    };
    let surname = super::work::surname(author, super::table::Table::get());
    let mut in_journal = filed_under_name(bibliography, &surname).filter(|full| {
        full.year.is_some()
            && full
                .container
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(container))
    });
    let (Some(full), None) = (in_journal.next(), in_journal.next()) else {
        return;
    };
    w.year = full.year;
    if w.volume.is_none() {
        w.volume = full.volume;
    }
}

/// A bibliography entry as a note cites its work, the authors' names in reading order: `Shi,
/// Sung Mun & Jo, Yong Jun, The meeting …` is `Sung Mun Shi & Yong Jun Jo, The meeting …`;
/// `Campbell , John C., & the Research Staff of …, The United States …` is `John C. Campbell &
/// the Research Staff of …, …`. A body or a title first is left as it is.
fn cited_form(entry: &str) -> String {
    let mut names: Vec<String> = Vec::new();
    let mut rest = entry;
    // Whether `rest` follows an `&`: an author that is no inverted name (a body) comes next.
    let mut after_and = false;
    while let Some((surname, after)) = rest.split_once(',') {
        let surname = surname.trim();
        let after = after.trim_start();
        // The given names run to the next comma or `&` (the next author's surname).
        let given_end = after.find(',').unwrap_or(after.len());
        let (given, next) = match after[..given_end].split_once(" & ") {
            Some((given, _)) => (given.trim(), &after[given.len()..]),
            None => (
                after[..given_end].trim(),
                after.get(given_end + 1..).unwrap_or(""),
            ),
        };
        let one_word = !surname.is_empty() && !surname.contains(' ');
        let given_words = given.split_whitespace().count();
        let name_like = (1..=3).contains(&given_words)
            && given
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()));
        if !one_word || !name_like || !surname.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        names.push(format!("{given} {surname}"));
        rest = next.trim_start();
        match rest.strip_prefix("& ") {
            Some(another) => {
                rest = another;
                after_and = true;
            }
            None => {
                after_and = false;
                break;
            }
        }
    }
    if names.is_empty() {
        return entry.to_string();
    }
    let joiner = if after_and { " & " } else { ", " };
    format!("{}{joiner}{rest}", names.join(" & "))
}

/// `Ree, Socialism` or `Doklad, Tom 1`: the earliest full citation in the document whose
/// author (or first words) and title match, before `here` (looked for in `seen`) or after it.
fn by_short_title(works: &[Vec<Work>], seen: &Seen, here: WorkRef, look: Look) -> Option<WorkRef> {
    let short = &works[here.note][here.work];
    let parts: Vec<&str> = short.text.split(", ").collect();
    // (`Millis (ed.), The Forrestal Diaries`: the editor's mark is no name.)
    let head = parts[0].split(" (").next().unwrap_or("").trim();
    let head_words = words(head);
    let surname = head_words.last()?.clone();
    let second = parts[1].trim();
    // `Doklad, Tom 2`: a volume of the work its first words begin, which names no title.
    let volume_only = super::work::is_volume_part(second);
    // `Weathersby, "Title," p. 439`: the quoted words, not the page after them.
    let title = quoted_short_title(second).unwrap_or_else(|| second.trim_matches(['"', '“', '”']));
    let title_words = if volume_only {
        Vec::new()
    } else {
        words(title)
    };
    if title_words.is_empty() && !volume_only {
        return None;
    }
    let is_original = |r: &WorkRef| {
        let w = &works[r.note][r.work];
        // Cheap tests first: the author's surname, or the same first words.
        let by_author = has_author(w, &surname);
        let head_prefix = w
            .text
            .get(..head.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(head));
        if !(by_author || head_prefix) || w.ibid_of.is_some() {
            return false;
        }
        // A full citation has an imprint or a container, or at least says much more than the
        // short form, year included (`Doklad ob itogakh …, Tom 1, Phkenvyan, …, 1948`).
        let says_more = || {
            w.text.len() > short.text.len() + 20
                && w.text
                    .as_bytes()
                    .split(|b| !b.is_ascii_digit())
                    .any(|d| d.len() == 4)
        };
        let full =
            w.place.is_some() || w.publisher.is_some() || w.container.is_some() || says_more();
        if !full {
            return false;
        }
        let by_title = || in_order(&title_words, word_iter(w.title.as_deref().unwrap_or("")));
        // A document read in a publication is repeated by its own title (`Kim, Interview with
        // Kovalenko` after `Kook Hoo Kim, The Interview with Ivan Ivanovich Kovalenko,
        // Jung-ang Daily Mail, 8 May 1992`), not by the publication's words.
        // (A citation given whole again is no short form of it.)
        if is_document_in_publication(w) {
            return by_author && !volume_only && w.text.len() > short.text.len() && by_title();
        }
        if by_author {
            by_title() || in_order(&title_words, word_iter(&w.text))
        } else {
            // Not by that author: the same first words, then the title's.
            let mut text_words = word_iter(&w.text);
            head_words
                .iter()
                .all(|h| text_words.next().is_some_and(|t| is_word(t, h)))
                && in_order(&title_words, word_iter(&w.text))
        }
    };
    // Before: only works by that author or opening with those words, earliest first. After
    // (rare): every later work, not yet indexed, looked through as it comes.
    let found = match look {
        Look::Before => {
            let mut candidates = seen.by_author(&surname).to_vec();
            if let Some(first) = head_words.first() {
                candidates.extend(seen.by_head.get(first).map_or(&[][..], Vec::as_slice));
            }
            candidates.sort_unstable();
            candidates.dedup();
            // A work by every name the short form gives comes before an earlier one by some:
            // `Scalapino & Lee, Communism in Korea` is their `Communism in Korea II` (thesis
            // I:47), not Lee's `… communism in Korea II` (I:45). (Between two books by one
            // surname the earlier stays: `Park, The Korean War` in IV:104, whose sentence names
            // M. Park, is Myong Rim Park's, cited first, not Tae Gyun Park's `The Korean War`.)
            let by_every_name = |r: &WorkRef| {
                let w = &works[r.note][r.work];
                head_words.len() > 1 && head_words.iter().all(|name| has_author(w, name))
            };
            (candidates.iter().copied())
                .find(|r| by_every_name(r) && is_original(r))
                .or_else(|| candidates.into_iter().find(is_original))
        }
        Look::After => works_after(works, here).find(is_original),
    };
    if look == Look::After {
        return found;
    }
    found
        .or_else(|| by_extended_title(works, seen, here, &surname, &title_words))
        .or_else(|| by_near_short_title(works, seen, &surname, &title_words))
}

/// `Weathersby, "Weathersby's Response to Ulam," p. 21` after `Weathersby, "Kathryn
/// Weathersby's Response," in CWIHP Bulletin, …`: a short title that is the author's earlier
/// title with a word of what it answers added. The earliest full citation by that author whose
/// title, the author's own names aside, opens the short title, names aside too.
fn by_extended_title(
    works: &[Vec<Work>],
    seen: &Seen,
    here: WorkRef,
    surname: &str,
    title: &[String],
) -> Option<WorkRef> {
    seen.by_author(surname).iter().copied().find(|r| {
        let w = &works[r.note][r.work];
        if *r >= here || w.ibid_of.is_some() || w.container.is_none() {
            return false;
        }
        let names: Vec<String> = w.authors.iter().flat_map(|a| words(a)).collect();
        let unnamed = |ws: Vec<String>| -> Vec<String> {
            ws.into_iter().filter(|x| !names.contains(x)).collect()
        };
        let full = unnamed(words(w.title.as_deref().unwrap_or("")));
        let short = unnamed(title.to_vec());
        full.len() < short.len()
            && full.iter().any(|x| x.chars().count() >= 4)
            && short.starts_with(&full)
    })
}

/// A short form that repeats no full citation word for word, with a letter astray in its
/// author's name or its title (`Lee, Socialism` for Erik Van Ree's `Socialism in One Zone`;
/// `Cummings, The Origin of the Korean War`; `Kraynov, Vorba … za Nezavisimost` after `…
/// Hezavisimost, Moskva: Ogiz, 1948`): the earliest book with its imprint whose author's
/// surname and title are within a letter of it.
fn by_near_short_title(
    works: &[Vec<Work>],
    seen: &Seen,
    surname: &str,
    title: &[String],
) -> Option<WorkRef> {
    if title.is_empty() {
        return None;
    }
    seen.imprinted.iter().copied().find(|r| {
        let w = &works[r.note][r.work];
        w.authors.iter().any(|a| {
            a.rsplit(' ')
                .next()
                .is_some_and(|last| near(last, surname, 3))
        }) && {
            let mut full = word_iter(w.title.as_deref().unwrap_or(""));
            title.iter().all(|t| full.any(|f| near(f, t, 5)))
        }
    })
}

/// Whether a word as written is the lower-case `lower` but for one letter, when both have
/// `min` letters or more; shorter ones must be the same.
fn near(written: &str, lower: &str, min: usize) -> bool {
    // (Asked of every earlier work's words: most differ in length, which says so at once.)
    if written.len().abs_diff(lower.len()) > 1 {
        return false;
    }
    if is_word(written, lower) {
        return true;
    }
    // One edit of a word of three letters or more leaves its first or its last letter.
    let ends_agree = match (written.as_bytes(), lower.as_bytes()) {
        ([w0, .., wn], [l0, .., ln]) if written.is_ascii() => {
            w0.to_ascii_lowercase() == *l0 || wn.to_ascii_lowercase() == *ln
        }
        _ => {
            let ends = |w: &str| {
                let mut chars = w.chars().flat_map(char::to_lowercase);
                (chars.next(), chars.next_back())
            };
            let ((first, last), (lower_first, lower_last)) = (ends(written), ends(lower));
            first == lower_first || last == lower_last
        }
    };
    ends_agree
        && written.chars().count() >= min
        && lower.chars().count() >= min
        && strsim::osa_distance(&written.to_lowercase(), lower) <= 1
}

/// `"Cumings's letter to the editor," p. 120`: the earliest full citation before `here` whose
/// title has the short title's words in order (`Bruce Cumings's Letter to the Editor`). Short
/// quoted forms are rare, so every earlier work is looked at.
fn by_quoted_title(works: &[Vec<Work>], here: WorkRef, title: &[String]) -> Option<WorkRef> {
    let short_len = works[here.note][here.work].text.len();
    works_before(works, here).find(|r| {
        let w = &works[r.note][r.work];
        w.ibid_of.is_none()
            && w.text.len() > short_len
            && w.title
                .as_deref()
                .is_some_and(|t| in_order(title, word_iter(t)))
    })
}

/// Gives a short form its original's fields, keeping what it says itself; only the
/// publication's fields when the original is a document read in it.
fn inherit(short: &mut Work, original: &Work, publication_only: bool) {
    if publication_only {
        short.archive = original.archive.clone().or(short.archive.take());
        short.authors = original.authors.clone();
        short.et_al = original.et_al;
        if short.from.is_none() && short.date.is_none() {
            short.title = original.container.clone();
            short.kind = None;
        } else {
            short.container = original.container.clone();
        }
        short.place = original.place.clone();
        short.publisher = original.publisher.clone();
        short.series = original.series.clone();
        short.series_number = original.series_number.clone();
        short.year = short.year.or(original.year);
        // A letter read in the same collection is of the collection's kind (a telegram).
        if short.kind == Some(super::CitedKind::Other) && short.from.is_some() && short.to.is_some()
        {
            short.kind = original.kind;
        }
        return;
    }
    macro_rules! keep_own {
        ($($field:ident),*) => {
            $( if short.$field.is_none() { short.$field = original.$field.clone(); } )*
        };
    }
    let own_document = short.from.is_some() || short.date.is_some();
    // `Ibid., 22 Jan 1947` after `Shtykov's diary on 30 July 1947`: another day of the same
    // kind of document (a date alone made it `other`).
    if short.kind == Some(super::CitedKind::Other) && short.title.is_none() {
        short.kind = None;
    }
    // A year read off the original's date is the short form's own date's.
    let year_of_date = original.year.is_some() && original.year == original.date.map(|d| d.year);
    let own_year = short.date.map(|d| d.year).filter(|_| year_of_date);
    keep_own!(
        fond,
        opis,
        delo,
        papka,
        pages,
        record_group,
        box_number,
        file,
        section,
        frus_year,
        volume,
        issue,
        number,
        date,
        from,
        to,
        via,
        kind
    );
    short.archive = original.archive.clone().or(short.archive.take());
    short.authors = original.authors.clone();
    short.et_al = original.et_al;
    // A document read in a repeated publication keeps its own description.
    if !(own_document && short.title.is_some()) {
        short.title = original.title.clone().or(short.title.take());
    }
    short.container = original.container.clone();
    short.place = original.place.clone();
    short.publisher = original.publisher.clone();
    short.series = original.series.clone();
    short.series_number = original.series_number.clone();
    short.year = own_year.or(original.year);
}
