//! Reading a keymap file: TOML tables per context mapping key sequences to command names. Every
//! problem is reported with the line and column it sits at, all of them at once.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use strum::IntoEnumIterator;
use toml::Spanned;

use super::key::{parse_sequence, Key};
use super::{did_you_mean, Context};
use crate::app::Command;
use crate::corpus::manifest::line_col;

/// The command name that removes a binding inherited from the preset.
pub const UNBIND: &str = "none";

/// One `"keys" = "command"` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    /// `None` unbinds the keys.
    pub command: Option<Command>,
    /// 1-based line of the binding in its file, for duplicate reports.
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeymapFile {
    pub tables: Vec<(Context, Vec<Binding>)>,
}

/// A problem at one place of one keymap file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

// Values are read as any TOML value, so a table or a number where an action name belongs is
// reported in our words at its own position.
type RawFile = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, toml::Value>>;

impl KeymapFile {
    /// Parses `text`; `path` only names the file in errors.
    pub fn parse(path: &str, text: &str) -> Result<KeymapFile, Vec<KeymapError>> {
        let (file, errors) = KeymapFile::parse_lenient(path, text);
        if errors.is_empty() {
            Ok(file)
        } else {
            Err(errors)
        }
    }

    /// Parses `text` keeping every binding that is right, and every error: a mistake in one
    /// line of an override file should not cost the others.
    pub fn parse_lenient(path: &str, text: &str) -> (KeymapFile, Vec<KeymapError>) {
        let at = |offset: usize, message: String| {
            let (line, column) = line_col(text, offset);
            KeymapError {
                path: path.to_string(),
                line,
                column,
                message,
            }
        };
        let raw: RawFile = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                let error = at(offset, e.message().trim().to_string());
                return (KeymapFile::default(), vec![error]);
            }
        };
        let mut errors = Vec::new();
        let mut tables = Vec::new();
        // Keep the file's order (the map sorts by name): help lists keys as the author wrote them.
        let mut raw: Vec<_> = raw.into_iter().collect();
        raw.sort_by_key(|(name, _)| name.span().start);
        for (context_name, entries) in raw {
            let mut entries: Vec<_> = entries.into_iter().collect();
            entries.sort_by_key(|(keys, _)| keys.span().start);
            let Ok(context) = Context::from_str(context_name.get_ref()) else {
                let hint = did_you_mean(context_name.get_ref(), Context::names())
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                errors.push(at(
                    context_name.span().start,
                    format!(
                        "unknown context `{}`{hint}; contexts are {}",
                        context_name.get_ref(),
                        Context::names().collect::<Vec<_>>().join(", ")
                    ),
                ));
                continue;
            };
            let mut bindings = Vec::new();
            for (keys, command) in entries {
                let keys_at = keys.span().start;
                let parsed_keys = match parse_sequence(keys.get_ref()) {
                    Ok(k) => k,
                    Err(e) => {
                        errors.push(at(keys_at, e.message));
                        continue;
                    }
                };
                let Some(name) = command.as_str() else {
                    errors.push(at(
                        keys_at,
                        format!(
                            "`{}` in [{}] must be an action name in quotes (such as \"down\"), not a {}",
                            keys.get_ref(),
                            context.name(),
                            command.type_str()
                        ),
                    ));
                    continue;
                };
                let command_value = if name == UNBIND {
                    None
                } else {
                    match Command::from_str(name) {
                        Ok(c) => Some(c),
                        Err(_) => {
                            let hint = did_you_mean(name, Command::iter().map(Command::name))
                                .map(|n| format!(" (did you mean `{n}`?)"))
                                .unwrap_or_default();
                            errors.push(at(
                                value_at(text, keys.span().end),
                                format!("unknown action `{name}`{hint}"),
                            ));
                            continue;
                        }
                    }
                };
                bindings.push(Binding {
                    keys: parsed_keys,
                    command: command_value,
                    line: line_col(text, keys_at).0,
                });
            }
            tables.push((context, bindings));
        }
        errors.sort_by_key(|e| (e.line, e.column));
        (KeymapFile { tables }, errors)
    }
}

/// Where the value of a `key = value` line starts, from the end of its key.
fn value_at(text: &str, key_end: usize) -> usize {
    let rest = text.get(key_end..).unwrap_or("");
    let after_equals = rest.find('=').map_or(0, |i| i + 1);
    let spaces = rest[after_equals..].len() - rest[after_equals..].trim_start().len();
    key_end + after_equals + spaces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        KeymapFile::parse("k.toml", text)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn parses_tables_and_sequences() {
        let f = KeymapFile::parse(
            "k.toml",
            "[reader]\n\"g g\" = \"top\"\n\"x\" = \"none\"\n[global]\nq = \"quit\"\n",
        )
        .unwrap();
        assert_eq!(f.tables.len(), 2);
        let (ctx, reader) = &f.tables[0];
        assert_eq!(*ctx, Context::Reader);
        assert_eq!(reader[0].keys.len(), 2);
        assert_eq!(reader[0].command, Some(Command::Top));
        assert_eq!(reader[0].line, 2);
        assert_eq!(reader[1].command, None);
    }

    #[test]
    fn unknown_action_names_line_and_column_with_suggestion() {
        let e = errors("[reader]\nj = \"down\"\nk = \"scrol_up\"\nx = \"half_page_dwn\"\n");
        assert_eq!(e.len(), 2);
        assert!(
            e[0].starts_with("k.toml:3:5: unknown action `scrol_up`"),
            "{e:?}"
        );
        assert!(e[1].contains("did you mean `half_page_down`?"), "{e:?}");
    }

    #[test]
    fn unknown_key_and_context() {
        let e = errors("[raeder]\nj = \"down\"\n[nav]\n\"ctrl-entr\" = \"select\"\n");
        assert!(e[0].starts_with("k.toml:1:2: unknown context `raeder` (did you mean `reader`?)"));
        assert!(e[1].starts_with("k.toml:4:1: unknown key `entr`"), "{e:?}");
    }

    #[test]
    fn toml_syntax_error_has_position() {
        let e = errors("[reader]\nj = down\n");
        assert!(e[0].starts_with("k.toml:2:5:"), "{e:?}");
        let e = errors("[reader]\nj = \"down\"\nj = \"up\"\n");
        assert!(e[0].starts_with("k.toml:3:"), "{e:?}");
        let e = errors("reader = 3\n");
        assert!(e[0].starts_with("k.toml:1:"), "{e:?}");
    }

    #[test]
    fn a_table_where_an_action_belongs_is_named_in_plain_words() {
        let e = errors("[reader]\nj = \"down\"\n[reader.x.y]\nz = \"up\"\n");
        assert!(e[0].starts_with("k.toml:3:"), "{e:?}");
        assert!(
            e[0].contains("`x` in [reader] must be an action name in quotes"),
            "{e:?}"
        );
        let e = errors("[reader]\nj = 4\n");
        assert!(e[0].starts_with("k.toml:2:1:"), "{e:?}");
        assert!(e[0].contains("not a integer"), "{e:?}");
    }
}
