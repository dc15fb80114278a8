//! Cited works for reference managers: CSL-JSON (what Zotero imports), BibTeX, RIS, and a
//! one-line text citation (what the explorer's `y` copies).

use std::borrow::Cow;

use serde_json::{json, Map, Value};

use crate::corpus::citations::{CitedKind, Work};

/// A work to export and the key it goes under (`thesis:IV:24`, `article:1.2`).
pub struct Item<'w> {
    pub id: String,
    pub work: &'w Work,
    /// The work whole where the note shortens it (`Ibid., p. 121`): what the text format gives.
    pub whole: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    CslJson,
    Bibtex,
    Ris,
    Text,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "csl-json" => Some(Format::CslJson),
            "bibtex" => Some(Format::Bibtex),
            "ris" => Some(Format::Ris),
            "text" => Some(Format::Text),
            _ => None,
        }
    }
}

pub fn export(items: &[Item], format: Format) -> String {
    match format {
        Format::CslJson => {
            let list: Vec<Value> = items.iter().map(csl).collect();
            let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
            s.push('\n');
            crate::sanitize::json_escape_controls(&s).into_owned()
        }
        Format::Bibtex => items.iter().map(bibtex).collect::<Vec<_>>().join("\n"),
        Format::Ris => items.iter().map(ris).collect(),
        Format::Text => items
            .iter()
            .map(|i| format!("{}\n", i.whole.clone().unwrap_or_else(|| text(i.work))))
            .collect(),
    }
}

/// What a work is, in CSL's terms.
fn csl_type(w: &Work) -> &'static str {
    match w.kind {
        Some(CitedKind::Letter | CitedKind::Telegram) => "letter",
        Some(CitedKind::Interview) => "interview",
        Some(_) => "manuscript",
        // A paper numbered in a series of reports (`Cold War International History Project
        // Working Paper`, No. 8), whoever publishes it.
        None if w.container.as_deref().is_some_and(|c| {
            crate::corpus::citations::Table::get()
                .report_series_in(c)
                .is_some()
        }) =>
        {
            "report"
        }
        // An author's piece in a book (the book has a publisher) or in a journal or bulletin
        // (`CWIHP Bulletin`, whose series is an archive id here).
        None if !w.authors.is_empty() && w.container.is_some() && w.publisher.is_some() => {
            "chapter"
        }
        // A newspaper's piece or issue (`Pravda, 17 Sep 1945`, `… in Mainichi Shimbun`).
        None if w
            .container
            .as_deref()
            .is_some_and(|c| crate::corpus::citations::Table::get().is_periodical(c)) =>
        {
            "article-newspaper"
        }
        None if !w.authors.is_empty() && w.container.is_some() => "article-journal",
        None if w.archive.is_some() => "manuscript",
        None if w.container.is_some() => "article-journal",
        None => "book",
    }
}

/// `Family, Given` names as CSL wants them; a body's name stays whole.
fn csl_name(name: &str) -> Value {
    let Some(p) = person_name(name) else {
        return json!({"literal": name});
    };
    let mut person = json!({"family": p.family, "given": p.given});
    if let Some(suffix) = p.suffix {
        person["suffix"] = json!(suffix);
    }
    person
}

/// A person's name split as reference managers want it.
struct PersonName<'n> {
    family: Cow<'n, str>,
    given: String,
    /// `Jr` in `Arthur L. Grey Jr`.
    suffix: Option<&'n str>,
}

/// A person's name as family name, given names and suffix, or `None` for a body or a single
/// word. The texts mostly write the family name last (`Kathryn Weathersby`, `Kook Hoo Kim`,
/// `Erik Van Ree` with its particle), but some East Asian names first (`Chen Jian`, `Okonoki
/// Masao`): a name opening with a family name of the citation table and not ending with one,
/// or one the table files under its first word (`Yao Xu`, whose Xu is also a family name).
fn person_name(name: &str) -> Option<PersonName<'_>> {
    let table = crate::corpus::citations::Table::get();
    let mut words: Vec<&str> = name.split_whitespace().collect();
    // (`The Korean News Agency`, `Hanlim University`: a body's words, though each capitalised.)
    let person = words.len() >= 2
        && !table.names_a_body(name)
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()));
    if !person {
        return None;
    }
    let suffix = words
        .last()
        .copied()
        .filter(|w| matches!(w.trim_end_matches('.'), "Jr" | "Sr") && words.len() > 2);
    if suffix.is_some() {
        words.pop();
    }
    let listed = |w: &&str| table.family_name_first.iter().any(|f| f == w);
    let filed_first = |w: &&str| {
        table
            .people
            .get(&name.to_lowercase())
            .is_some_and(|surname| surname == w)
    };
    if let (Some((first, rest)), Some((last, _))) = (words.split_first(), words.split_last()) {
        if filed_first(first) || (listed(first) && !listed(last)) {
            return Some(PersonName {
                family: Cow::Borrowed(first),
                given: rest.join(" "),
                suffix,
            });
        }
    }
    // The family name last, with the particles before it (but a given name first).
    let particle = |w: &&str| {
        table
            .family_name_particles
            .iter()
            .any(|p| p.eq_ignore_ascii_case(w))
    };
    let mut at = words.len().checked_sub(1)?;
    while at > 1 && particle(&words[at - 1]) {
        at -= 1;
    }
    let family = match &words[at..] {
        [one] => Cow::Borrowed(*one),
        several => Cow::Owned(several.join(" ")),
    };
    Some(PersonName {
        family,
        given: words[..at].join(" "),
        suffix,
    })
}

/// A name as BibTeX reads it whatever its order: `Weathersby, Kathryn`, `Chen, Jian`, `Grey,
/// Jr, Arthur L.`; a body braced whole (`{Ministry of Defense of the Republic of Korea}`), not a
/// person named Korea.
fn bibtex_name(name: &str) -> String {
    person_name(name).map_or_else(
        || format!("{{{name}}}"),
        |p| {
            let suffix = p.suffix.map(|s| format!("{s}, ")).unwrap_or_default();
            format!("{}, {suffix}{}", p.family, p.given)
        },
    )
}

/// A name as RIS writes it: `Weathersby, Kathryn`, `Grey, Arthur L., Jr`.
fn ris_name(name: &str) -> String {
    person_name(name).map_or_else(
        || name.to_string(),
        |p| {
            let suffix = p.suffix.map(|s| format!(", {s}")).unwrap_or_default();
            format!("{}, {}{suffix}", p.family, p.given)
        },
    )
}

/// A document printed in someone's publication (`Shtykov to Vyshinsky, … in Weathersby, "To
/// Attack, or Not to Attack?"`): its sender is its author, the publication's authors are the
/// container's. An archive's dated document of no named sender is one too (`For the text of
/// Mao-Yudin conversation on March 31, 1956, see Dieter Heinzig, …`, CWIHP); without an
/// archive, whoever leads the citation may be the document's own author (`Kook Hoo Kim, The
/// Interview with …, Jung-ang Daily Mail`).
fn is_printed_document(w: &Work) -> bool {
    let archived = w.archive.is_some() && w.container.is_some() && w.date.is_some();
    w.kind.is_some() && !w.authors.is_empty() && (w.from.is_some() || archived)
}

fn title_of(w: &Work) -> String {
    w.title
        .clone()
        .or_else(|| w.correspondents())
        .unwrap_or_else(|| w.text.clone())
}

fn csl(item: &Item) -> Value {
    let w = item.work;
    let mut m = Map::new();
    m.insert("id".into(), json!(item.id));
    let ty = csl_type(w);
    m.insert("type".into(), json!(ty));
    m.insert("title".into(), json!(title_of(w)));
    if is_printed_document(w) {
        if let Some(sender) = &w.from {
            m.insert("author".into(), json!([{ "literal": sender }]));
        }
        m.insert(
            "container-author".into(),
            Value::Array(w.authors.iter().map(|a| csl_name(a)).collect()),
        );
    } else if !w.authors.is_empty() {
        m.insert(
            "author".into(),
            Value::Array(w.authors.iter().map(|a| csl_name(a)).collect()),
        );
    } else if let Some(f) = &w.from {
        m.insert("author".into(), json!([{"literal": f}]));
    }
    if let Some(t) = &w.to {
        m.insert("recipient".into(), json!([{"literal": t}]));
    }
    let insert = |m: &mut Map<String, Value>, key: &str, v: &Option<String>| {
        if let Some(v) = v {
            m.insert(key.into(), json!(v));
        }
    };
    // (A report's series is its collection, and its number in the series its number.)
    if ty == "report" {
        insert(&mut m, "collection-title", &w.container);
        insert(&mut m, "number", &issue_or_number(w));
    } else {
        insert(&mut m, "container-title", &w.container);
        insert(&mut m, "issue", &w.issue);
        insert(&mut m, "number", &w.number);
        insert(&mut m, "collection-title", &w.series);
        insert(&mut m, "collection-number", &w.series_number);
    }
    insert(&mut m, "publisher", &w.publisher);
    insert(&mut m, "publisher-place", &w.place);
    insert(&mut m, "page", &w.pages);
    insert(&mut m, "volume", &w.volume);
    if let Some(a) = &w.archive {
        m.insert("archive".into(), json!(a));
        insert(&mut m, "archive_location", &archive_location(w));
    }
    if let Some(d) = w.date {
        let parts: Vec<i64> = [
            Some(d.year as i64),
            d.month.map(i64::from),
            d.day.map(i64::from),
        ]
        .into_iter()
        .flatten()
        .collect();
        m.insert("issued".into(), json!({"date-parts": [parts]}));
    } else if let Some(y) = w.year {
        m.insert("issued".into(), json!({"date-parts": [[y]]}));
    }
    m.insert("note".into(), json!(w.text));
    Value::Object(m)
}

/// Where in its archive a work is (`F.45, Op.1, D.346, pp. 14-23`): its reference past the
/// archive's name.
fn archive_location(w: &Work) -> Option<String> {
    let archive = w.archive.as_deref()?;
    let reference = w.reference();
    let location = reference
        .strip_prefix(archive)
        .unwrap_or(&reference)
        .trim_start_matches(", ");
    (!location.is_empty()).then(|| location.to_string())
}

/// BibTeX's `number` and RIS's `IS`: a journal's issue, or a document's own number (a work
/// has one or the other).
fn issue_or_number(w: &Work) -> Option<String> {
    w.issue.clone().or_else(|| w.number.clone())
}

/// Braces and backslashes would end a BibTeX field early.
fn bib_escape(s: &str) -> String {
    s.replace('\\', "\\textbackslash{}")
        .replace('{', "\\{")
        .replace('}', "\\}")
}

fn bibtex(item: &Item) -> String {
    let w = item.work;
    let ty = csl_type(w);
    let entry = match ty {
        "book" => "book",
        "article-journal" | "article-newspaper" => "article",
        "chapter" => "incollection",
        "report" => "techreport",
        _ => "misc",
    };
    // A chapter's book is its `booktitle`; an article's journal, its `journal`; a report's
    // series its `type` (styles print it before the number: `… Working Paper 8`), and its
    // publisher its `institution`.
    let (container_field, publisher_field) = match ty {
        "chapter" => ("booktitle", "publisher"),
        "report" => ("type", "institution"),
        _ => ("journal", "publisher"),
    };
    let key: String = item
        .id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let mut fields: Vec<(&str, String)> = vec![("title", title_of(w))];
    // (`and others`: BibTeX's name for the authors a citation leaves out.)
    let others = if w.et_al { " and others" } else { "" };
    let names: Vec<String> = w.authors.iter().map(|a| bibtex_name(a)).collect();
    let authors = format!("{}{others}", names.join(" and "));
    if is_printed_document(w) {
        if let Some(sender) = &w.from {
            fields.push(("author", format!("{{{sender}}}")));
        }
        fields.push(("bookauthor", authors));
    } else if !w.authors.is_empty() {
        fields.push(("author", authors));
    } else if let Some(f) = &w.from {
        fields.push(("author", format!("{{{f}}}")));
    }
    for (name, v) in [
        (container_field, &w.container),
        (publisher_field, &w.publisher),
        ("address", &w.place),
        ("pages", &w.pages),
        ("volume", &w.volume),
        ("series", &w.series),
        // (A book's number is its number in its series.)
        (
            "number",
            &issue_or_number(w).or_else(|| w.series_number.clone()),
        ),
    ] {
        if let Some(v) = v {
            fields.push((name, v.clone()));
        }
    }
    if let Some(a) = &w.archive {
        fields.push(("howpublished", w.reference()));
        fields.push(("archive", a.clone()));
    }
    if let Some(d) = w.date {
        fields.push(("date", d.to_string()));
    } else if let Some(y) = w.year {
        fields.push(("year", y.to_string()));
    }
    fields.push(("note", w.text.clone()));
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| {
            format!(
                "  {k} = {{{}}}",
                if *k == "author" && v.starts_with('{') {
                    v.clone()
                } else {
                    bib_escape(v)
                }
            )
        })
        .collect();
    format!("@{entry}{{{key},\n{}\n}}\n", body.join(",\n"))
}

/// RIS as Zotero's importer reads it: `A2` is a letter's recipient, `DB` the archive and
/// `AN` the place in it, `T2` a report's series and `SN` its number, `T3` a book's series.
fn ris(item: &Item) -> String {
    let w = item.work;
    let ty = match csl_type(w) {
        "book" => "BOOK",
        "article-journal" => "JOUR",
        "article-newspaper" => "NEWS",
        "chapter" => "CHAP",
        "report" => "RPRT",
        "letter" => "PCOMM",
        "interview" => "GEN",
        _ => "MANSCPT",
    };
    let mut lines = vec![format!("TY  - {ty}"), format!("ID  - {}", item.id)];
    lines.push(format!("TI  - {}", title_of(w)));
    let letter = ty == "PCOMM";
    // (A printed document's publication's authors are its secondary authors; a letter's
    // secondary author is its recipient, so theirs are tertiary.)
    let (author_tag, sender) = if is_printed_document(w) {
        (if letter { "A3" } else { "A2" }, w.from.as_deref())
    } else {
        ("AU", w.from.as_deref().filter(|_| w.authors.is_empty()))
    };
    if let Some(f) = sender {
        lines.push(format!("AU  - {f}"));
    }
    if let Some(to) = w.to.as_deref().filter(|_| letter) {
        lines.push(format!("A2  - {to}"));
    }
    for a in &w.authors {
        lines.push(format!("{author_tag}  - {}", ris_name(a)));
    }
    let number_tag = if ty == "RPRT" { "SN" } else { "IS" };
    for (tag, v) in [
        ("T2", &w.container),
        ("T3", &w.series),
        ("PB", &w.publisher),
        ("CY", &w.place),
        ("SP", &w.pages),
        ("VL", &w.volume),
        (number_tag, &issue_or_number(w)),
        ("DB", &w.archive),
        ("AN", &archive_location(w)),
    ] {
        if let Some(v) = v {
            lines.push(format!("{tag}  - {v}"));
        }
    }
    if let Some(d) = w.date {
        let m = d.month.map_or(String::new(), |m| format!("{m:02}"));
        let day = d.day.map_or(String::new(), |x| format!("{x:02}"));
        lines.push(format!("DA  - {}/{m}/{day}/", d.year));
    } else if let Some(y) = w.year {
        lines.push(format!("PY  - {y}"));
    }
    lines.push(format!("N1  - {}", w.text));
    lines.push("ER  - ".to_string());
    lines.join("\n") + "\n"
}

/// One line a historian can paste: the note's words, and the archive reference when the model
/// read one.
pub fn text(w: &Work) -> String {
    match &w.archive {
        Some(_) if !w.text.contains(w.reference().as_str()) => {
            format!("{} [{}]", w.text, w.reference())
        }
        _ => w.text.clone(),
    }
}
