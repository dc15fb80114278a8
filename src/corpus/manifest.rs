//! `corpus.toml`: which documents a corpus holds and their metadata.

use serde::Deserialize;

use super::model::DocumentKind;

pub const MANIFEST_FILE: &str = "corpus.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub timeline: TimelineRange,
    #[serde(rename = "document")]
    pub documents: Vec<DocumentEntry>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineRange {
    pub from: i32,
    pub to: i32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    pub id: String,
    pub file: String,
    pub format: SourceFormat,
    pub kind: DocumentKind,
    pub title: String,
    pub author: String,
    pub year: Option<i32>,
    pub date: Option<String>,
    pub affiliation: Option<String>,
    pub institution: Option<String>,
    #[serde(default)]
    pub known_issues: Vec<String>,
}

/// Which parser reads a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Blank-line paragraphs, superscript note markers, an `Endnote` section.
    Article,
    /// Hard-wrapped lines, footnotes at page bottoms numbered per chapter.
    Thesis,
}

/// A manifest problem located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Manifest {
    pub fn parse(text: &str) -> Result<Manifest, ManifestError> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |span| line_col(text, span.start));
            ManifestError {
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })?;
        manifest.validate(text)?;
        Ok(manifest)
    }

    fn validate(&self, text: &str) -> Result<(), ManifestError> {
        let at = |needle: &str, message: String| {
            let (line, column) = text.find(needle).map_or((1, 1), |i| line_col(text, i));
            ManifestError {
                line,
                column,
                message,
            }
        };
        if self.timeline.from > self.timeline.to {
            return Err(at(
                "[timeline]",
                format!(
                    "timeline `from` ({}) is after `to` ({})",
                    self.timeline.from, self.timeline.to
                ),
            ));
        }
        if self.documents.is_empty() {
            return Err(at("", "the manifest lists no [[document]]".to_string()));
        }
        for (i, doc) in self.documents.iter().enumerate() {
            let valid_id = !doc.id.is_empty()
                && doc
                    .id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !valid_id {
                return Err(at(
                    &format!("\"{}\"", doc.id),
                    format!("document id {:?} must be letters, digits, - or _", doc.id),
                ));
            }
            if self.documents[..i].iter().any(|d| d.id == doc.id) {
                return Err(at(
                    &format!("\"{}\"", doc.id),
                    format!("duplicate document id {:?}", doc.id),
                ));
            }
            if doc.file.contains("..") || doc.file.starts_with('/') {
                return Err(at(
                    &doc.file,
                    format!(
                        "file {:?} must be a plain name inside the corpus directory",
                        doc.file
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[timeline]
from = 1945
to = 1953

[[document]]
id = "a"
file = "a.txt"
format = "article"
kind = "article"
title = "T"
author = "A"
"#;

    #[test]
    fn parses_a_minimal_manifest() {
        let m = Manifest::parse(GOOD).unwrap();
        assert_eq!(m.documents[0].id, "a");
        assert_eq!(m.documents[0].format, SourceFormat::Article);
    }

    #[test]
    fn bad_field_value_names_line_and_column() {
        let bad = GOOD.replace("format = \"article\"", "format = \"poem\"");
        let e = Manifest::parse(&bad).unwrap_err();
        assert_eq!(e.line, 9);
        assert!(e.message.contains("unknown variant"), "{}", e.message);
    }

    #[test]
    fn unknown_field_is_rejected() {
        let bad = GOOD.replace("author = \"A\"", "author = \"A\"\nyeer = 1999");
        let e = Manifest::parse(&bad).unwrap_err();
        assert_eq!(e.line, 13);
        assert!(e.message.contains("yeer"), "{}", e.message);
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let twice = format!("{GOOD}\n[[document]]\nid = \"a\"\nfile = \"b.txt\"\nformat = \"thesis\"\nkind = \"thesis\"\ntitle = \"U\"\nauthor = \"B\"\n");
        let e = Manifest::parse(&twice).unwrap_err();
        assert!(e.message.contains("duplicate"), "{}", e.message);
    }

    #[test]
    fn path_escapes_are_rejected() {
        let bad = GOOD.replace("a.txt", "../etc/passwd");
        assert!(Manifest::parse(&bad).is_err());
    }
}
