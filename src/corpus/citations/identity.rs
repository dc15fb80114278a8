//! Which notes cite the same archival document, in one text and across texts. Two works are
//! one document when they give
//! - the same day and the same sender and addressee;
//! - the same archive reference (fond, opis, delo, or record group and file) with the same
//!   pages or the same day: a different sender, addressee or number is then a conflict, with
//!   both readings kept (so is a date a day apart, on one page from one sender: a telegram
//!   dated as sent and as received);
//! - the same archive and document number (`CIA, …, ORE 44-48` at several pages) and date;
//! - one note's Korean version and Russian reference of one document (`…, 27 Aug 1950. (Korean
//!   version); RGASPI, F.558, …`);
//! - a message passed on and its messenger's telegram of that day; and a Soviet document of
//!   one day from one sender to each of two correspondents the texts show as one channel (an
//!   ambassador and the leader he passed telegrams to), or to one addressee from each;
//! - in one text, a Soviet document cited by its day alone and the one document the text
//!   describes on that day;
//! - across two texts, the only Soviet document each dates to that day, or the one whose
//!   sender or addressee agrees (a difference is a conflict);
//! - a document cited from a book, no archive named, and the archival document of its day
//!   from its sender (or one of its senders), or across texts the only document each dates
//!   to the day, of one kind.
//!
//! Otherwise, same day with different correspondents in one text stays apart.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use super::table::Table;
use super::Work;
use crate::corpus::dates::PartialDate;

/// A work of the corpus: document, note and work index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceMember {
    pub doc: usize,
    pub note: usize,
    pub work: usize,
}

/// Two or more readings of one field among the notes citing a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// `correspondents`, `date` or `number`.
    pub field: &'static str,
    /// Each reading with the members that give it.
    pub readings: Vec<(String, Vec<SourceMember>)>,
}

/// One archival document and every work that cites it.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub members: Vec<SourceMember>,
    pub conflicts: Vec<Conflict>,
}

#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub sources: Vec<Source>,
    by_member: HashMap<SourceMember, usize>,
    /// The works citing one book or article whole (not a document it prints), in two notes
    /// or more of either text: `Uncertain Partners` in the article's notes and the thesis's.
    pub publications: Vec<Vec<SourceMember>>,
    by_publication: HashMap<SourceMember, usize>,
}

impl Sources {
    /// The publication a work cites whole, where another note cites it too.
    pub fn publication_of(&self, member: SourceMember) -> Option<usize> {
        self.by_publication.get(&member).copied()
    }

    /// The source a work belongs to.
    pub fn of_work(&self, member: SourceMember) -> Option<usize> {
        self.by_member.get(&member).copied()
    }

    /// The sources of a note's works, each once, in work order.
    pub fn of_note(&self, doc: usize, note: usize, works: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for work in 0..works {
            if let Some(s) = self.of_work(SourceMember { doc, note, work }) {
                if !out.contains(&s) {
                    out.push(s);
                }
            }
        }
        out
    }
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    /// Joins the groups of `a` and `b`; whether they were two.
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
        a != b
    }

    /// One (group, member) per group among `members`, in their order.
    fn representatives(&mut self, members: &[usize]) -> Vec<(usize, usize)> {
        let mut roots: Vec<(usize, usize)> = Vec::new();
        for &i in members {
            let r = self.find(i);
            if !roots.iter().any(|(root, _)| *root == r) {
                roots.push((r, i));
            }
        }
        roots
    }
}

/// Both give the field, in the same letters whatever their case.
fn said_alike(a: &Option<String>, b: &Option<String>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b))
}

fn day(w: &Work) -> Option<PartialDate> {
    w.date.filter(|d| d.day.is_some())
}

/// Reference fields two works must not disagree on, and whether they share one that names a
/// file (delo, or record group with file or section).
fn reference_agrees(a: &Work, b: &Work) -> (bool, bool) {
    let pairs = [
        (&a.fond, &b.fond),
        (&a.opis, &b.opis),
        (&a.delo, &b.delo),
        (&a.papka, &b.papka),
        (&a.record_group, &b.record_group),
        (&a.box_number, &b.box_number),
        (&a.file, &b.file),
        (&a.section, &b.section),
    ];
    let disagree = pairs
        .iter()
        .any(|(x, y)| matches!((x, y), (Some(x), Some(y)) if !x.eq_ignore_ascii_case(y)));
    let shares_file = (said_alike(&a.delo, &b.delo)
        && (a.fond.is_none() || said_alike(&a.fond, &b.fond)))
        || (said_alike(&a.record_group, &b.record_group)
            && (said_alike(&a.file, &b.file) || said_alike(&a.section, &b.section)));
    (!disagree, shares_file)
}

/// The first and last page of `202-3`, `1150-51`, `203` (the first run of pages only).
fn page_span(pages: &str) -> Option<(u32, u32)> {
    let run = pages.split(',').next()?.trim();
    let (first, last) = run.split_once(['-', '–']).unwrap_or((run, run));
    let first_number: u32 = first.trim().parse().ok()?;
    let last = last.trim();
    // An abbreviated end takes the first page's leading digits: `1150-51` ends at 1151.
    let last_number: u32 = if last.len() < first.trim().len() {
        let first = first.trim();
        format!("{}{last}", &first[..first.len() - last.len()])
            .parse()
            .ok()?
    } else {
        last.parse().ok()?
    };
    (last_number >= first_number).then_some((first_number, last_number))
}

/// Both dated to the day, one day apart.
fn a_day_apart(a: &Work, b: &Work) -> bool {
    match (day(a), day(b)) {
        (Some(x), Some(y)) => x.plus_days(1) == Some(y) || y.plus_days(1) == Some(x),
        _ => false,
    }
}

fn dates_compatible(a: &Work, b: &Work) -> bool {
    match (a.date, b.date) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// How well two works' correspondents agree: 2 both, 1 one of them or one side unknown, 0 none.
fn correspondent_score(a: &Work, b: &Work) -> u8 {
    // The same kind of document (both records of a conversation) counts for one.
    let kind = matches!((a.kind, b.kind), (Some(x), Some(y)) if x == y && x != super::CitedKind::Other)
        as u8;
    if a.from.is_none() && a.to.is_none() || b.from.is_none() && b.to.is_none() {
        return 1 + kind;
    }
    said_alike(&a.from, &b.from) as u8 + said_alike(&a.to, &b.to) as u8 + kind
}

/// How well two works of one day agree across texts: their correspondents first, then whether
/// they are in the same collection (the article's `July 5, Soviet Documents` is the thesis's one
/// document of that day in the Korean collection, not its APRF copy cited apart).
fn affinity(a: &Work, b: &Work) -> (u8, bool) {
    (
        correspondent_score(a, b),
        a.archive.is_some() && a.archive == b.archive,
    )
}

/// Gathers the archival works of `docs` (each a list of notes' works) into sources.
pub fn link_sources(docs: &[&[Vec<Work>]]) -> Sources {
    let table = Table::get();
    let mut members: Vec<SourceMember> = Vec::new();
    for (d, notes) in docs.iter().enumerate() {
        for (n, works) in notes.iter().enumerate() {
            for (k, w) in works.iter().enumerate() {
                if w.archive.is_some() {
                    members.push(SourceMember {
                        doc: d,
                        note: n,
                        work: k,
                    });
                }
            }
        }
    }
    let work = |m: &SourceMember| &docs[m.doc][m.note][m.work];
    // A work of a printed series, found by its volume and pages (FRUS).
    let paged = |w: &Work| {
        w.archive
            .as_deref()
            .and_then(|id| table.archive_id(id))
            .is_some_and(|a| a.paged)
    };
    let mut uf = UnionFind((0..members.len()).collect());

    // Same day, same sender and addressee.
    let mut by_letter: HashMap<(PartialDate, String, String), usize> = HashMap::default();
    for (i, m) in members.iter().enumerate() {
        let w = work(m);
        if let (Some(d), Some(from)) = (day(w), &w.from) {
            let key = (
                d,
                from.to_lowercase(),
                w.to.clone().unwrap_or_default().to_lowercase(),
            );
            match by_letter.get(&key) {
                Some(&first) if reference_agrees(work(&members[first]), w).0 => {
                    uf.union(first, i);
                }
                Some(_) => {}
                None => {
                    by_letter.insert(key, i);
                }
            }
        }
    }

    // Same archive reference, with the same pages or day.
    // Only works naming a file (a delo, or a record group) can share one: bucket by it.
    let mut by_archive: HashMap<(&str, String), Vec<usize>> = HashMap::default();
    for (i, m) in members.iter().enumerate() {
        let w = work(m);
        let file = match (&w.delo, &w.record_group) {
            (Some(d), _) => format!("d{}", d.to_lowercase()),
            (None, Some(rg)) => format!("rg{}", rg.to_lowercase()),
            (None, None) => continue,
        };
        if let Some(a) = &w.archive {
            by_archive.entry((a.as_str(), file)).or_default().push(i);
        }
    }
    // Linked only with the same pages or the same day: each group is split both ways, so a
    // library's thousands of works in one record group are not compared pair by pair. (The
    // components union-find ends with do not depend on the order pairs are joined in.)
    for group in by_archive.values() {
        let mut by_pages: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut by_day_in_group: HashMap<PartialDate, Vec<usize>> = HashMap::default();
        for &i in group {
            let w = work(&members[i]);
            if let Some(p) = &w.pages {
                by_pages.entry(p.as_str()).or_default().push(i);
            }
            if let Some(d) = day(w) {
                by_day_in_group.entry(d).or_default().push(i);
            }
        }
        for (pages, alike) in by_pages
            .values()
            .map(|a| (true, a))
            .chain(by_day_in_group.values().map(|a| (false, a)))
        {
            for (x, &i) in alike.iter().enumerate() {
                for &j in &alike[x + 1..] {
                    let (a, b) = (work(&members[i]), work(&members[j]));
                    let (agrees, shares_file) = reference_agrees(a, b);
                    // The same page of one file from one sender, dated a day apart, is one
                    // telegram dated as sent and as received (thesis V:19 and V:96, Mao's of
                    // 2 or 3 October 1950): linked, the dates kept as a conflict.
                    let dates_agree = dates_compatible(a, b)
                        || (pages && a.from.is_some() && a.from == b.from && a_day_apart(a, b));
                    if agrees && shares_file && dates_agree {
                        uf.union(i, j);
                    }
                }
            }
        }
    }

    // The same numbered document of an archive (`CIA, …, ORE 44-48` cited at several pages),
    // where the dates agree. An undated citation of it is the dated one if there is only one;
    // a bare `No. 106` numbers an item of some series, so it links works of one date only.
    let mut by_number: HashMap<(&str, String), Vec<usize>> = HashMap::default();
    for (i, m) in members.iter().enumerate() {
        let w = work(m);
        if let (Some(a), Some(n)) = (&w.archive, &w.number) {
            let n: String = n.split_whitespace().collect::<String>().to_lowercase();
            by_number.entry((a.as_str(), n)).or_default().push(i);
        }
    }
    for ((_, number), group) in &by_number {
        let bare = number.starts_with("no");
        let mut dates: Vec<PartialDate> = group
            .iter()
            .filter_map(|&i| work(&members[i]).date)
            .collect();
        dates.sort_unstable();
        dates.dedup();
        let only_date = (dates.len() == 1 && !bare).then(|| dates[0]);
        // A bare number is one item where the date, or else the whole title, is the same
        // (`KMAG G-2 Periodic Report No. 1122`, undated, in two notes).
        let mut first_of: HashMap<(Option<PartialDate>, String), usize> = HashMap::default();
        for &i in group {
            let w = work(&members[i]);
            let key = match (w.date.or(only_date), &w.title) {
                (Some(date), _) => (Some(date), String::new()),
                (None, Some(title)) if bare => (None, title.to_lowercase()),
                _ => continue,
            };
            match first_of.get(&key) {
                Some(&first) if reference_agrees(work(&members[first]), w).0 => {
                    uf.union(first, i);
                }
                Some(_) => {}
                None => {
                    first_of.insert(key, i);
                }
            }
        }
    }

    // A printed series (FRUS): the same year's volume at overlapping pages, where neither the
    // volumes nor the dates differ (the thesis's `Statement issued by the President, 27 June
    // 1950, p.203` is the article's `FRUS, 1950, VII, 202-3`).
    // (archive, year) → (member, its first and last page).
    type Pages = (u32, u32);
    let mut by_year: HashMap<(&str, i32), Vec<(usize, Pages)>> = HashMap::default();
    for (i, m) in members.iter().enumerate() {
        let w = work(m);
        let Some(a) = w.archive.as_deref() else {
            continue;
        };
        if !paged(w) || w.ibid_of.is_some() {
            continue;
        }
        if let (Some(year), Some(pages)) = (w.volume_year(), w.pages.as_deref().and_then(page_span))
        {
            by_year.entry((a, year)).or_default().push((i, pages));
        }
    }
    // Sorted by first page, a work is compared only with those starting within its pages: a
    // library's thousands of works of one year are not compared pair by pair.
    for group in by_year.values_mut() {
        group.sort_unstable_by_key(|&(i, (first, _))| (first, i));
        let volumes: Vec<Option<Option<u32>>> = group
            .iter()
            .map(|&(i, _)| {
                work(&members[i])
                    .volume
                    .as_deref()
                    .map(super::volume_number)
            })
            .collect();
        for (x, &(i, (_, a_last))) in group.iter().enumerate() {
            for (y, &(j, (b_first, _))) in group.iter().enumerate().skip(x + 1) {
                if b_first > a_last {
                    break;
                }
                let volumes_agree = match (volumes[x], volumes[y]) {
                    (Some(x), Some(y)) => x == y,
                    _ => true,
                };
                if volumes_agree && dates_compatible(work(&members[i]), work(&members[j])) {
                    uf.union(i, j);
                }
            }
        }
    }

    // The same words in the same collection (`…, The Russian Diplomatic Documents, 5 Mar 1949`).
    let mut by_text: HashMap<(usize, &str, String, Option<PartialDate>), usize> =
        HashMap::default();
    for (i, m) in members.iter().enumerate() {
        let w = work(m);
        if w.ibid_of.is_some() || day(w).is_none() {
            continue;
        }
        let key = (
            m.doc,
            w.archive.as_deref().unwrap_or(""),
            w.text.to_lowercase(),
            w.date,
        );
        match by_text.get(&key) {
            Some(&first) => {
                uf.union(first, i);
            }
            None => {
                by_text.insert(key, i);
            }
        }
    }

    // A note's Korean version and the Russian reference of the same document: the reader
    // gave the reference the document's day and correspondents (`…, 27 Aug 1950. (Korean
    // version); RGASPI, Font.558, …`), whether or not it names them.
    let index_of: HashMap<SourceMember, usize> =
        members.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let filed = |w: &Work| w.delo.is_some() || w.fond.is_some();
    for (i, m) in members.iter().enumerate().filter(|(_, m)| m.work > 0) {
        let prev = SourceMember {
            work: m.work - 1,
            ..*m
        };
        if let Some(&j) = index_of.get(&prev) {
            let (w, document) = (work(m), work(&members[j]));
            if filed(w)
                && !filed(document)
                && day(w).is_some()
                && (w.date, &w.from, &w.to) == (document.date, &document.from, &document.to)
            {
                uf.union(i, j);
            }
        }
    }

    // A short form of a letter (`"Cumings's letter to the editor," p. 120`, `Ibid., p. 7`)
    // is that letter, unless it names another day (`Ibid., 22 Jan 1947` of a diary).
    for (i, m) in members.iter().enumerate() {
        let w = work(m);
        let Some(origin) = w.ibid_of else { continue };
        let original = SourceMember {
            note: origin.note,
            work: origin.work,
            ..*m
        };
        if let Some(&j) = index_of.get(&original) {
            let o = work(&members[j]);
            // A titled document's short form, at another page, is that document read further
            // (`Ibid., p.612` of FRUS's `General Political Policies of the US toward Korea`,
            // pp. 608-610; `Ibid` of the CIA's `Soviet Intervention in the Korean War`).
            let same_title =
                (o.is_document() || paged(o)) && o.title.is_some() && o.title == w.title;
            if (o.from.is_some() || same_title)
                && (o.date, &o.from, &o.to) == (w.date, &w.from, &w.to)
            {
                uf.union(i, j);
            }
        }
    }

    // `Telegram to Stalin by Zhou Enlai through Roshchin, 2 July 1950` is Roshchin's telegram
    // to Stalin of that day: the one who passed a message on sent it.
    let mut relayed: HashMap<(PartialDate, &str, &str), Vec<usize>> = HashMap::default();
    for (i, m) in members.iter().enumerate() {
        let w = work(m);
        if let (Some(d), Some(from), Some(to)) = (day(w), w.from.as_deref(), w.to.as_deref()) {
            relayed.entry((d, from, to)).or_default().push(i);
        }
    }
    for (i, m) in members.iter().enumerate() {
        let w = work(m);
        if let (Some(d), Some(via), Some(to)) = (day(w), w.via.as_deref(), w.to.as_deref()) {
            for &j in relayed.get(&(d, via, to)).into_iter().flatten() {
                uf.union(i, j);
            }
        }
    }

    let soviet = |w: &Work| {
        w.archive
            .as_deref()
            .and_then(|id| table.archive_id(id))
            .is_some_and(|a| a.soviet)
    };

    // `Telegram from Stalin to Mao, 1 Oct 1950` (the Korean collection) is the APRF's
    // `Telegram from Stalin to Roshchin, …, 1 October 1950`: the ambassador was the channel
    // to Mao. Which two correspondents are one channel the texts show themselves, where a
    // document linked above is given to one of them and to the other on the same day (one
    // file's page `Stalin to Roshchin` and `Stalin to Mao`; `Zhou to Stalin through Roshchin`
    // and `Roshchin to Stalin`). Another Soviet document of one day from one sender to the
    // two, or to one addressee from the two, is then one document.
    let channels = channels_shown(&members, &mut uf, work);
    if !channels.is_empty() {
        let soviet_members = (0..members.len()).filter(|&i| soviet(work(&members[i])));
        for others in works_by_ends(soviet_members, &members, work).values() {
            let ends: Vec<&String> = others.keys().collect();
            for (x, a) in ends.iter().enumerate() {
                for b in &ends[x + 1..] {
                    if channels.contains(&channel((*a).clone(), (*b).clone())) {
                        let first = others[*a][0];
                        for &i in others[*a].iter().chain(&others[*b]) {
                            uf.union(first, i);
                        }
                    }
                }
            }
        }
    }

    // In one text: a Soviet document cited by its day alone (`Institute of Foreign Affairs …,
    // The Russian Diplomatic Documents, 5 Mar 1949`: no sender, addressee, kind or reference)
    // is the one document the text describes on that day, where it describes only one (the
    // thesis's APRF record of the meeting of 5 March 1949).
    let undescribed = |w: &Work| {
        w.from.is_none()
            && w.to.is_none()
            && w.fond.is_none()
            && w.delo.is_none()
            && w.kind.is_none_or(|k| k == super::CitedKind::Other)
    };
    let mut in_text: BTreeMap<(usize, PartialDate), (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, m) in members.iter().enumerate() {
        let w = work(m);
        if let Some(d) = day(w).filter(|_| soviet(w) && w.ibid_of.is_none()) {
            let (bare, described) = in_text.entry((m.doc, d)).or_default();
            if undescribed(w) {
                bare.push(i);
            } else {
                described.push(i);
            }
        }
    }
    for (bare, described) in in_text.values() {
        let mut roots: Vec<usize> = described.iter().map(|&i| uf.find(i)).collect();
        roots.sort_unstable();
        roots.dedup();
        if let ([_], Some(&one)) = (&roots[..], described.first()) {
            for &i in bare {
                uf.union(one, i);
            }
        }
    }

    // Across texts: the Soviet documents each text dates to one day.
    let mut by_day: BTreeMap<PartialDate, Vec<usize>> = BTreeMap::new();
    for (i, m) in members.iter().enumerate() {
        let w = work(m);
        if let Some(d) = day(w).filter(|_| soviet(w) && w.ibid_of.is_none()) {
            by_day.entry(d).or_default().push(i);
        }
    }
    // Groups joined so far: a text's representatives are made again only after a join (a
    // library's texts dating one day are paired by the thousand).
    let mut joins: u64 = 0;
    for on_day in by_day.values() {
        // Per text dating the day, its works of that day (texts that do not are never paired).
        let mut of_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &i in on_day {
            of_doc.entry(members[i].doc).or_default().push(i);
        }
        let present: Vec<&Vec<usize>> = of_doc.values().collect();
        // One representative per group and text, with the join count it was made at.
        type Side = (Option<u64>, Vec<(usize, usize)>);
        let mut sides: Vec<Side> = vec![(None, Vec::new()); present.len()];
        for x in 0..present.len() {
            for y in x + 1..present.len() {
                for z in [x, y] {
                    if sides[z].0 != Some(joins) {
                        sides[z] = (Some(joins), uf.representatives(present[z]));
                    }
                }
                let (a_side, b_side) = (&sides[x].1, &sides[y].1);
                if a_side.is_empty() || b_side.is_empty() {
                    continue;
                }
                if a_side
                    .iter()
                    .any(|(ra, _)| b_side.iter().any(|(rb, _)| ra == rb))
                {
                    continue;
                }
                if a_side.len() == 1 && b_side.len() == 1 {
                    joins += u64::from(uf.union(a_side[0].1, b_side[0].1));
                    continue;
                }
                for &(_, i) in a_side {
                    let scores: Vec<((u8, bool), usize)> = b_side
                        .iter()
                        .map(|&(_, j)| (affinity(work(&members[i]), work(&members[j])), j))
                        .collect();
                    let best = scores.iter().map(|s| s.0).max().unwrap_or((0, false));
                    let winners: Vec<usize> =
                        scores.iter().filter(|s| s.0 == best).map(|s| s.1).collect();
                    if best.0 >= 1 && winners.len() == 1 {
                        let j = winners[0];
                        let back_best = a_side
                            .iter()
                            .filter(|&&(_, k)| k != i)
                            .map(|&(_, k)| affinity(work(&members[k]), work(&members[j])))
                            .max()
                            .unwrap_or((0, false));
                        if back_best < best {
                            joins += u64::from(uf.union(i, j));
                        }
                    }
                }
            }
        }
    }

    printed_documents(docs, &mut members, &mut uf);

    // Gather groups in corpus order.
    let mut root_index: HashMap<usize, usize> = HashMap::default();
    let mut sources: Vec<Source> = Vec::new();
    for (i, member) in members.iter().enumerate() {
        let r = uf.find(i);
        let s = *root_index.entry(r).or_insert_with(|| {
            sources.push(Source {
                members: Vec::new(),
                conflicts: Vec::new(),
            });
            sources.len() - 1
        });
        sources[s].members.push(*member);
    }
    for source in &mut sources {
        // (A document cited from a book joined last: its notes in corpus order too.)
        source.members.sort_unstable();
        source.conflicts = conflicts(source, |m| work(m));
    }
    let mut by_member = HashMap::default();
    for (s, source) in sources.iter().enumerate() {
        for m in &source.members {
            by_member.insert(*m, s);
        }
    }
    let publications = link_publications(docs);
    let mut by_publication = HashMap::default();
    for (p, members) in publications.iter().enumerate() {
        for m in members {
            by_publication.insert(*m, p);
        }
    }
    Sources {
        sources,
        by_member,
        publications,
        by_publication,
    }
}

/// Where a journal prints an article: the journal (lower case), the volume and the first page
/// of the article's page range (`The 21 Century`, `81`, `136` of `pp.136-140`). A single page
/// cited says only where the note read, not where the article begins.
fn journal_place(w: &Work) -> Option<(String, &str, u32)> {
    let (first, last) = page_span(w.pages.as_deref()?)?;
    (last > first).then_some(())?;
    Some((
        w.container.as_deref()?.to_lowercase(),
        w.volume.as_deref()?,
        first,
    ))
}

/// The words of a title as two citations of one publication share them, each hashed: lower
/// case, apostrophes dropped (the thesis lost them: `Chinas Road`), a plural's `s` dropped
/// (`aim`, `aims`).
pub fn title_words(title: &str) -> Vec<u64> {
    let mut words = TitleWords::default();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            words.letter(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            c.to_lowercase().for_each(|lower| words.letter(lower));
        } else if c != '\'' && c != '’' {
            words.end_word();
        }
    }
    words.end_word();
    words.hashes
}

/// [`title_words`] as it reads a title.
#[derive(Default)]
struct TitleWords {
    hashes: Vec<u64>,
    word: rustc_hash::FxHasher,
    letters: usize,
    /// The word's last letter is held back: an `s` there is dropped.
    last: Option<char>,
}

impl TitleWords {
    fn letter(&mut self, lower: char) {
        use std::hash::Hasher;
        if let Some(held) = self.last.replace(lower) {
            self.word.write_u32(held as u32);
            self.letters += 1;
        }
    }

    fn end_word(&mut self) {
        use std::hash::Hasher;
        if let Some(c) = self.last.take().filter(|&c| c != 's') {
            self.word.write_u32(c as u32);
            self.letters += 1;
        }
        if self.letters > 0 {
            self.hashes.push(std::mem::take(&mut self.word).finish());
        }
        self.letters = 0;
    }
}

/// Whether two titles' words ([`title_words`]) name one publication: eight alike from the
/// start, or four and all of the shorter's (`Soviet Aims in Korea` and `Soviet Aims in Korea
/// and the Origins …`).
pub fn titles_agree(a: &[u64], b: &[u64]) -> bool {
    let shared = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    shared >= 8 || (shared >= 4 && shared == a.len().min(b.len()))
}

/// Two titles of one book: the shorter opening the longer, three words at least, and no
/// volume's number after it (`The Korean War` of `The Korean War: An International History`), or
/// the same words but one misspelt, not a number (`From Entente to Dtente`, `From Antete to
/// Dtente`; not `Tom 1` and `Tom 2`).
fn one_title_retold(a: &str, b: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let number = |w: &String| w.chars().any(|c| c.is_ascii_digit());
    let (a, b) = (words(a), words(b));
    let (shorter, longer) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if longer.starts_with(shorter) {
        return shorter.len() >= 3 && !longer[shorter.len()..].iter().any(number);
    }
    let mut differing = a.iter().zip(&b).filter(|(x, y)| x != y);
    a.len() == b.len()
        && a.len() >= 4
        && differing
            .next()
            .is_some_and(|(x, y)| !number(x) && !number(y))
        && differing.next().is_none()
}

/// The works that cite one book or article whole, by an author's name and the title (or, for
/// an article, its journal, volume and first page), in two notes or more; a short form counts,
/// as it has its original's fields.
fn link_publications(docs: &[&[Vec<Work>]]) -> Vec<Vec<SourceMember>> {
    struct Cited<'d> {
        member: SourceMember,
        /// Lower case.
        author: String,
        body: bool,
        title: Vec<u64>,
        /// Journal (lower case), volume and first page of an article cited by its page range.
        article: Option<(String, &'d str, u32)>,
        /// The volume cited, as a number: another volume is another work.
        volume: Option<u32>,
        /// A book's title as written, and its publisher (lower case) and year.
        book: Option<(&'d str, (String, i32))>,
    }
    let table = Table::get();
    let mut cited: Vec<Cited> = Vec::new();
    for (d, notes) in docs.iter().enumerate() {
        for (n, works) in notes.iter().enumerate() {
            for (k, w) in works.iter().enumerate() {
                if w.kind.is_some() || w.is_document() {
                    continue;
                }
                let (Some(title), Some(author)) = (&w.title, w.authors.first()) else {
                    continue;
                };
                cited.push(Cited {
                    member: SourceMember {
                        doc: d,
                        note: n,
                        work: k,
                    },
                    author: author.to_lowercase(),
                    body: table.names_a_body(author),
                    title: title_words(title),
                    volume: w.volume.as_deref().and_then(super::volume_number),
                    article: journal_place(w),
                    book: (w.publisher.as_deref().zip(w.year)).map(|(publisher, year)| {
                        (title.as_str(), (publisher.to_lowercase(), year))
                    }),
                });
            }
        }
    }
    // By every word of the first author's name: the article's `Chen Jian` is the thesis's
    // `Jian Chen`; initials say nothing. A body by its whole name: three bodies' `History of
    // the Korean War` share `Institute` or `History` but are three books.
    let mut uf = UnionFind((0..cited.len()).collect());
    // The same name and title again (an Ibid., a library's copies of a text) joins the first
    // at once: only distinct citations are compared in pairs.
    let mut distinct: HashMap<(&str, &[u64], Option<u32>), usize> = HashMap::default();
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, c) in cited.iter().enumerate() {
        match distinct.entry((c.author.as_str(), c.title.as_slice(), c.volume)) {
            std::collections::hash_map::Entry::Occupied(first) => {
                uf.union(*first.get(), i);
                continue;
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
        // (A person leading a body keeps their name: `Campbell & the Research Staff of the
        // Council on Foreign Relations` is John C. Campbell's too.)
        let person = match c.author.split_once(" & ") {
            _ if !c.body => Some(c.author.as_str()),
            Some((person, _)) if !table.names_a_body(person) => Some(person),
            _ => None,
        };
        if c.body {
            let name = c.author.trim_start_matches("the ");
            by_name.entry(name).or_default().push(i);
        }
        for name in person
            .into_iter()
            .flat_map(|p| p.split(|c: char| !c.is_alphanumeric()))
        {
            if name.chars().nth(2).is_some() {
                by_name.entry(name).or_default().push(i);
            }
        }
    }
    for bucket in by_name.values() {
        for (x, &i) in bucket.iter().enumerate() {
            for &j in &bucket[x + 1..] {
                // (`The writing by Mao Zedong`, Vol. 1 and Vol. 6: two books of a set.)
                if let (Some(a), Some(b)) = (cited[i].volume, cited[j].volume) {
                    if a != b {
                        continue;
                    }
                }
                // (Or one article under two titles: `Kyu Song Yang, In which way did Stalin
                // support the Korean War? The 21 Century, Vol.81, 2004, pp.136-140` and `…, Mao,
                // Stalin and the Korean War, The 21 Century, Vol.81, 2004, pp.136-141`.)
                let same_place = cited[i].article.is_some() && cited[i].article == cited[j].article;
                // (Or a person's book given with one imprint under a title cut short or with a
                // word misspelt: Stueck's `The Korean War`, Taubman's `From Antete to Dtente`.)
                let same_book = match (&cited[i].book, &cited[j].book) {
                    (Some((a, imprint_a)), Some((b, imprint_b))) => {
                        !cited[i].body && imprint_a == imprint_b && one_title_retold(a, b)
                    }
                    _ => false,
                };
                if same_place || same_book || titles_agree(&cited[i].title, &cited[j].title) {
                    uf.union(i, j);
                }
            }
        }
    }
    let mut root_index: HashMap<usize, usize> = HashMap::default();
    let mut groups: Vec<Vec<SourceMember>> = Vec::new();
    for (i, c) in cited.iter().enumerate() {
        let r = uf.find(i);
        let g = *root_index.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(c.member);
    }
    // (One note citing a book twice is no other note citing it.)
    groups.retain(|g| g.iter().any(|m| (m.doc, m.note) != (g[0].doc, g[0].note)));
    groups
}

/// Documents cited from a book or article, no archive named (thesis VI:101 `Statement of
/// President Truman, 27 June 1950, DSB, …`; IV:28 `The Soviet Communist Party Central
/// Committee Politburo, The Resolution on North Korea, 24 Sep 1949`), join the archival
/// document they are: the one of their day and sender (and addressee and kind, where both
/// name one); or, across texts, where each text dates only that document to the day and both
/// say it is of one kind (the article's Politbureau decision of that day). One that is no
/// archival document's stays out.
fn printed_documents(docs: &[&[Vec<Work>]], members: &mut Vec<SourceMember>, uf: &mut UnionFind) {
    let dated = |w: &Work| w.ibid_of.is_none() && day(w).is_some();
    // Each text's dated works per day, archival or not; and the archival ones.
    let mut works_on: HashMap<(usize, PartialDate), usize> = HashMap::default();
    for (d, notes) in docs.iter().enumerate() {
        for day in notes.iter().flatten().filter(|w| dated(w)).filter_map(day) {
            *works_on.entry((d, day)).or_default() += 1;
        }
    }
    let mut on_day: HashMap<PartialDate, Vec<usize>> = HashMap::default();
    for (i, m) in members.iter().enumerate() {
        let w = &docs[m.doc][m.note][m.work];
        if let Some(day) = day(w).filter(|_| dated(w)) {
            on_day.entry(day).or_default().push(i);
        }
    }
    let no_other =
        |a: &Option<String>, b: &Option<String>| a.is_none() || b.is_none() || said_alike(a, b);
    let mut joining: Vec<(SourceMember, usize)> = Vec::new();
    for (d, notes) in docs.iter().enumerate() {
        for (n, works) in notes.iter().enumerate() {
            for (k, w) in works.iter().enumerate() {
                if w.archive.is_some() || !dated(w) {
                    continue;
                }
                let Some(day) = day(w) else { continue };
                let archival = on_day.get(&day).map_or(&[][..], Vec::as_slice);
                let work_of = |i: usize| &docs[members[i].doc][members[i].note][members[i].work];
                // Its sender's of the day (to its addressee and of its kind, where both say), or
                // its senders' together (`Gromov, Ignatiev's report on 4 Jan 1946` in a book is
                // TsAMO's `Gromov and Ignatiev's report` of that day).
                let from_sender: Vec<usize> = archival
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let o = work_of(i);
                        (said_alike(&o.from, &w.from) || one_of_senders(&o.from, &w.from))
                            && no_other(&o.to, &w.to)
                            && (o.kind.is_none() || w.kind.is_none() || o.kind == w.kind)
                    })
                    .collect();
                // Across texts: this text's only document of the day and the other's, of one
                // kind, their correspondents not differing.
                let other_text: Vec<usize> = archival
                    .iter()
                    .copied()
                    .filter(|&i| members[i].doc != d)
                    .collect();
                let only_each = other_text.first().is_some_and(|&first| {
                    let other = members[first].doc;
                    let o = work_of(first);
                    works_on.get(&(d, day)) == Some(&1)
                        && other_text.iter().all(|&i| members[i].doc == other)
                        && works_on.get(&(other, day)) == Some(&other_text.len())
                        && w.kind.is_some_and(|k| k != super::CitedKind::Other)
                        && o.kind == w.kind
                        && no_other(&o.from, &w.from)
                        && no_other(&o.to, &w.to)
                });
                let candidates = if !from_sender.is_empty() {
                    from_sender
                } else if only_each {
                    other_text
                } else {
                    continue;
                };
                // One document, not two of the same day.
                let mut roots: Vec<usize> = candidates.iter().map(|&i| uf.find(i)).collect();
                roots.sort_unstable();
                roots.dedup();
                if roots.len() == 1 {
                    let member = SourceMember {
                        doc: d,
                        note: n,
                        work: k,
                    };
                    joining.push((member, candidates[0]));
                }
            }
        }
    }
    for (member, joined) in joining {
        let i = members.len();
        members.push(member);
        uf.0.push(i);
        uf.union(joined, i);
    }
}

/// Whether one sender is among the other's several (`Ignatiev` and `Gromov and Ignatiev`).
fn one_of_senders(a: &Option<String>, b: &Option<String>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let names = |s: &str| -> Vec<String> {
        s.split(" and ")
            .flat_map(|p| p.split(", "))
            .map(|n| n.trim().to_lowercase())
            .filter(|n| !n.is_empty())
            .collect()
    };
    let (a, b) = (names(a), names(b));
    let within = |x: &[String], y: &[String]| x.len() < y.len() && x.iter().all(|n| y.contains(n));
    within(&a, &b) || within(&b, &a)
}

/// Two correspondents as one unordered pair, in lower case.
fn channel(a: String, b: String) -> (String, String) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Works of one day with a correspondent in common, by their other correspondent: (day,
/// whether the one in common is the sender, that one) → the other → works. Names in lower case.
type ByEnds = HashMap<(PartialDate, bool, String), BTreeMap<String, Vec<usize>>>;

fn works_by_ends<'w>(
    ids: impl Iterator<Item = usize>,
    members: &[SourceMember],
    work: impl Fn(&SourceMember) -> &'w Work,
) -> ByEnds {
    let mut ends = ByEnds::default();
    for i in ids {
        let w = work(&members[i]);
        let (Some(d), Some(from), Some(to)) = (day(w), &w.from, &w.to) else {
            continue;
        };
        let (from, to) = (from.to_lowercase(), to.to_lowercase());
        let mut add = |sender: bool, common: &String, other: &String| {
            ends.entry((d, sender, common.clone()))
                .or_default()
                .entry(other.clone())
                .or_default()
                .push(i);
        };
        add(true, &from, &to);
        add(false, &to, &from);
    }
    ends
}

/// The pairs of correspondents the sources linked so far show to be one channel: a document
/// given, on one day, from one sender to each of the two, or to one addressee from each.
fn channels_shown<'w>(
    members: &[SourceMember],
    uf: &mut UnionFind,
    work: impl Fn(&SourceMember) -> &'w Work + Copy,
) -> std::collections::HashSet<(String, String)> {
    let mut components: HashMap<usize, Vec<usize>> = HashMap::default();
    for (i, m) in members.iter().enumerate() {
        let w = work(m);
        if day(w).is_some() && w.from.is_some() && w.to.is_some() {
            components.entry(uf.find(i)).or_default().push(i);
        }
    }
    let mut channels = std::collections::HashSet::new();
    for group in components.into_values().filter(|g| g.len() > 1) {
        for others in works_by_ends(group.into_iter(), members, work).into_values() {
            let ends: Vec<String> = others.into_keys().collect();
            for (x, a) in ends.iter().enumerate() {
                for b in &ends[x + 1..] {
                    channels.insert(channel(a.clone(), b.clone()));
                }
            }
        }
    }
    channels
}

fn conflicts<'w>(source: &Source, work: impl Fn(&SourceMember) -> &'w Work) -> Vec<Conflict> {
    let mut out = Vec::new();
    // Readings differ in their letters, not in case or spacing (`ORE18-50` is `ORE 18-50`),
    // nor in whom a message went through (`Mao to Stalin through Roshchin` is `Mao to
    // Stalin`; the reading that names the go-between is kept).
    let alike = |a: &str, b: &str| {
        let letters = |s: &str| {
            let sent = s.split(" through ").next().unwrap_or(s);
            sent.split_whitespace().collect::<String>().to_lowercase()
        };
        letters(a) == letters(b)
    };
    let mut readings = |field: &'static str, read: &dyn Fn(&Work) -> Option<String>| {
        let mut seen: Vec<(String, Vec<SourceMember>)> = Vec::new();
        for m in &source.members {
            let w = work(m);
            if w.ibid_of.is_some() {
                continue;
            }
            if let Some(v) = read(w) {
                match seen.iter_mut().find(|(r, _)| alike(r, &v)) {
                    Some((r, ms)) => {
                        if v.len() > r.len() {
                            *r = v;
                        }
                        ms.push(*m);
                    }
                    None => seen.push((v, vec![*m])),
                }
            }
        }
        if seen.len() > 1 {
            out.push(Conflict {
                field,
                readings: seen,
            });
        }
    };
    readings("correspondents", &|w| {
        (w.from.is_some() && w.to.is_some())
            .then(|| w.correspondents())
            .flatten()
    });
    readings("date", &|w| day(w).map(|d| d.to_string()));
    readings("number", &|w| {
        w.number.clone().filter(|n| !n.starts_with("No"))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::page_span;
    use crate::corpus::citations::volume_number;

    #[test]
    fn pages_and_volumes_as_numbers() {
        assert_eq!(page_span("202-3"), Some((202, 203)));
        assert_eq!(page_span("1150-51"), Some((1150, 1151)));
        assert_eq!(page_span("203"), Some((203, 203)));
        assert_eq!(page_span("1065-1066,1071-1072"), Some((1065, 1066)));
        assert_eq!(page_span("xv"), None);
        assert_eq!(page_span("30-2"), Some((30, 32)));
        assert_eq!(page_span("50-40"), None);
        assert_eq!(volume_number("VII"), Some(7));
        assert_eq!(volume_number("7"), Some(7));
        assert_eq!(volume_number("IV"), Some(4));
        assert_eq!(volume_number("VI."), Some(6));
        assert_eq!(volume_number("Korea"), None);
    }
}
