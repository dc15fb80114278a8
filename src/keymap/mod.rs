//! Keymaps: presets embedded from `keymaps/`, user overrides merged over them, and the pure
//! resolver that turns a key sequence in a context into a command.

pub mod file;
pub mod key;

use std::path::Path;
use std::str::FromStr;

use strum::{EnumIter, EnumString, IntoEnumIterator, IntoStaticStr};

use crate::app::Command;
pub use file::{Binding, KeymapError, KeymapFile};
pub use key::{display_sequence, Key, KeyName};

/// The shipped presets, by name.
pub const PRESETS: &[(&str, &str)] = &[
    ("default", include_str!("../../keymaps/default.toml")),
    ("vim", include_str!("../../keymaps/vim.toml")),
    ("emacs", include_str!("../../keymaps/emacs.toml")),
];

/// Where a key press is looked up. Listed in the order the help overlay shows them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumString, IntoStaticStr, EnumIter,
)]
#[strum(serialize_all = "snake_case")]
pub enum Context {
    Global,
    Nav,
    Reader,
    Popup,
    /// The one-line text prompt of `/` find.
    Prompt,
    Search,
    /// The search results list, when it has the keys instead of the query input.
    Results,
    Timeline,
    /// The Sources pane: the archive tree.
    Sources,
    Help,
    /// After `m` or `'`: the next key names a mark.
    Mark,
}

impl Context {
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn names() -> impl Iterator<Item = &'static str> {
        Context::iter().map(Context::name)
    }

    /// Contexts with a text field: keys they do not bind are typed into the field, and global
    /// bindings do not apply (typing `q` must not quit).
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Prompt | Context::Search | Context::Mark)
    }

    /// Contexts that filter as you type: a character they do not bind opens their filter
    /// with it (the Sources pane's archive tree: typing `TsAMO` finds it).
    pub fn filters_as_you_type(self) -> bool {
        matches!(self, Context::Sources)
    }
}

/// What a key sequence means in a context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The keys so far begin a longer binding: wait for the next key.
    Pending,
    Matched(Command),
    NotFound,
}

/// Where a binding is: its context and keys.
type Place = (Context, Vec<Key>);

/// A context's bindings: key sequences and the command each runs, in file order.
pub type Table = Vec<(Vec<Key>, Command)>;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<(Context, Table)>,
}

impl Keymap {
    /// Builds a keymap from a preset file and optional override layers, later layers replacing
    /// or (with `"none"`) removing single bindings of earlier ones.
    pub fn from_layers(layers: &[&KeymapFile]) -> Keymap {
        let mut keymap = Keymap::default();
        for layer in layers {
            for (context, bindings) in &layer.tables {
                let table = keymap.table_mut(*context);
                for b in bindings {
                    table.retain(|(keys, _)| keys != &b.keys);
                    if let Some(command) = b.command {
                        table.push((b.keys.clone(), command));
                    }
                }
            }
        }
        keymap
    }

    fn table_mut(&mut self, context: Context) -> &mut Table {
        let i = match self.bindings.iter().position(|(c, _)| *c == context) {
            Some(i) => i,
            None => {
                self.bindings.push((context, Vec::new()));
                self.bindings.len() - 1
            }
        };
        &mut self.bindings[i].1
    }

    pub fn table(&self, context: Context) -> &[(Vec<Key>, Command)] {
        self.bindings
            .iter()
            .find(|(c, _)| *c == context)
            .map_or(&[], |(_, t)| t.as_slice())
    }

    /// Looks `keys` up in `context`, then (for contexts without a text field) in `global`.
    pub fn resolve(&self, context: Context, keys: &[Key]) -> Resolution {
        // A letter or digit typed in a pane that filters as you type is the filter's, not a
        // global command's: `shtykov` in the Sources pane must not open search at its `s`.
        let typed_into_filter = context.filters_as_you_type()
            && matches!(keys, [Key { code: KeyName::Char(c), ctrl: false, alt: false }] if c.is_alphanumeric());
        let layers: &[Context] =
            if context.takes_text() || context == Context::Global || typed_into_filter {
                &[context]
            } else {
                &[context, Context::Global]
            };
        let mut pending = false;
        for layer in layers {
            for (seq, command) in self.table(*layer) {
                if seq.as_slice() == keys {
                    return Resolution::Matched(*command);
                }
                pending |= seq.len() > keys.len() && seq.starts_with(keys);
            }
            if pending {
                // A longer binding in the nearer context wins over a global single key.
                return Resolution::Pending;
            }
        }
        Resolution::NotFound
    }

    /// The keys bound to `command` in `context`, for hints ("? help").
    pub fn keys_for(&self, context: Context, command: Command) -> Option<String> {
        self.table(context)
            .iter()
            .find(|(_, c)| *c == command)
            .map(|(k, _)| display_sequence(k))
    }

    /// Why this keymap cannot be used: bindings that can never fire, or no key left to quit.
    /// `kwx keymap check` and the explorer run this same check.
    pub fn problems(&self) -> Vec<String> {
        self.problems_located()
            .into_iter()
            .map(|(_, p)| p)
            .collect()
    }

    /// [`Keymap::problems`], each with the bindings it is about (context and keys), so a
    /// caller can say where in a file they stand.
    fn problems_located(&self) -> Vec<(Vec<Place>, String)> {
        let mut problems = Vec::new();
        for (context, table) in &self.bindings {
            for (i, (a, ca)) in table.iter().enumerate() {
                for (b, cb) in &table[i + 1..] {
                    let (short, long) = if a.len() <= b.len() {
                        ((a, ca), (b, cb))
                    } else {
                        ((b, cb), (a, ca))
                    };
                    if long.0.starts_with(short.0) {
                        let message = format!(
                            "[{}] `{}` ({}) hides `{}` ({})",
                            context.name(),
                            display_sequence(short.0),
                            short.1.name(),
                            display_sequence(long.0),
                            long.1.name()
                        );
                        let keys = vec![(*context, short.0.clone()), (*context, long.0.clone())];
                        problems.push((keys, message));
                    }
                }
            }
        }
        let quits = [Context::Global, Context::Reader]
            .iter()
            .any(|c| self.table(*c).iter().any(|(_, cmd)| *cmd == Command::Quit));
        if !quits {
            problems.push((
                vec![],
                "no key is left for `quit` in [global] or [reader]: kwx could only be ended by a signal (bind one, e.g. q = \"quit\")"
                    .to_string(),
            ));
        }
        problems
    }
}

/// The preset called `name`, parsed.
pub fn preset(name: &str) -> Option<KeymapFile> {
    PRESETS
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(n, text)| KeymapFile::parse(&format!("<embedded>/keymaps/{n}.toml"), text).ok())
}

/// Reads and parses a keymap file, reporting I/O problems in the same `path:line:col` shape.
pub fn read_file(path: &Path) -> Result<KeymapFile, Vec<KeymapError>> {
    let shown = path.display().to_string();
    let text = std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|e| {
                format!(
                    "not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                )
            })
        })
        .map_err(|message| {
            vec![KeymapError {
                path: shown.clone(),
                line: 1,
                column: 1,
                message,
            }]
        })?;
    KeymapFile::parse(&shown, &text)
}

/// Loads the keymap kwx runs with: a preset name or a file (`--keymap`), with the user's
/// override file layered on top when it exists. Conflicts are errors too.
pub fn load(choice: Option<&str>, user_override: Option<&Path>) -> Result<Keymap, Vec<String>> {
    let as_strings =
        |errs: Vec<KeymapError>| -> Vec<String> { errs.iter().map(ToString::to_string).collect() };
    let choice = choice.unwrap_or("default");
    let base = match preset(choice) {
        Some(p) => p,
        None if Path::new(choice).exists() => read_file(Path::new(choice)).map_err(as_strings)?,
        None => {
            let names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
            return Err(vec![format!(
                "--keymap {choice}: no such preset or file (presets: {})",
                names.join(", ")
            )]);
        }
    };
    let mut layers = vec![base];
    let user_override = user_override.filter(|p| p.exists());
    if let Some(path) = user_override {
        layers.push(read_file(path).map_err(as_strings)?);
    }
    let keymap = Keymap::from_layers(&layers.iter().collect::<Vec<_>>());
    let problems = keymap.problems_located();
    if problems.is_empty() {
        return Ok(keymap);
    }
    // Name the file that made the problem (the override, else the chosen keymap) and the line
    // of the binding in it, where it has one.
    let file = user_override.map_or(choice.to_string(), |p| p.display().to_string());
    let top = layers.last();
    let line_of = |keys: &[Place]| {
        keys.iter().find_map(|(context, k)| {
            top?.tables
                .iter()
                .filter(|(c, _)| c == context)
                .flat_map(|(_, bindings)| bindings)
                .find(|b| &b.keys == k)
                .map(|b| b.line)
        })
    };
    Err(problems
        .iter()
        .map(|(keys, p)| match line_of(keys) {
            Some(line) => format!("{file}:{line}:1: {p}"),
            None => format!("{file}: {p}"),
        })
        .collect())
}

/// The keymap the explorer starts with: as [`load`], except that mistakes in the user's
/// override file do not stop it. The override's valid bindings are used (all of them are left
/// out if together they make the keymap unusable) and the mistakes come back as warnings for
/// the status bar; `kwx keymap check` stays strict.
pub fn load_for_explorer(
    choice: Option<&str>,
    user_override: Option<&Path>,
) -> Result<(Keymap, Vec<String>), Vec<String>> {
    let strict = load(choice, user_override);
    let Some(path) = user_override.filter(|p| p.exists()) else {
        return strict.map(|k| (k, Vec::new()));
    };
    let errors = match strict {
        Ok(keymap) => return Ok((keymap, Vec::new())),
        Err(errors) => errors,
    };
    // The preset alone must load; its errors are the user's `--keymap` choice and stay fatal.
    let base = load(choice, None)?;
    let shown = path.display().to_string();
    let text = std::fs::read(path)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default();
    let (file, _) = KeymapFile::parse_lenient(&shown, &text);
    let preset_file = match choice.unwrap_or("default") {
        name if preset(name).is_some() => preset(name),
        other => read_file(Path::new(other)).ok(),
    };
    let layered = preset_file.map(|p| Keymap::from_layers(&[&p, &file]));
    let keymap = match layered {
        Some(k) if k.problems().is_empty() => k,
        _ => base,
    };
    Ok((keymap, errors))
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

impl FromStr for Keymap {
    type Err = Vec<String>;

    /// A keymap from one file's text (used by tests and `keymap check`).
    fn from_str(text: &str) -> Result<Keymap, Vec<String>> {
        let file = KeymapFile::parse("<keymap>", text)
            .map_err(|e| e.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        Ok(Keymap::from_layers(&[&file]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<Key> {
        key::parse_sequence(s).unwrap()
    }

    #[test]
    fn every_preset_parses_without_conflicts() {
        for (name, text) in PRESETS {
            let file = KeymapFile::parse(name, text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            let km = Keymap::from_layers(&[&file]);
            assert!(km.problems().is_empty(), "{name}: {:?}", km.problems());
        }
    }

    #[test]
    fn every_command_is_reachable_in_every_preset() {
        for (name, _) in PRESETS {
            let km = Keymap::from_layers(&[&preset(name).unwrap()]);
            for command in Command::iter() {
                assert!(
                    km.bindings
                        .iter()
                        .any(|(_, t)| t.iter().any(|(_, c)| *c == command)),
                    "{name}: {} is not bound",
                    command.name()
                );
            }
        }
    }

    #[test]
    fn resolves_sequences_and_falls_back_to_global() {
        let km: Keymap = "[global]\nq = \"quit\"\n[reader]\n\"g g\" = \"top\"\nj = \"down\"\n\
                          [search]\nesc = \"close\"\n"
            .parse()
            .unwrap();
        assert_eq!(km.resolve(Context::Reader, &keys("g")), Resolution::Pending);
        assert_eq!(
            km.resolve(Context::Reader, &keys("g g")),
            Resolution::Matched(Command::Top)
        );
        assert_eq!(
            km.resolve(Context::Reader, &keys("q")),
            Resolution::Matched(Command::Quit)
        );
        assert_eq!(
            km.resolve(Context::Reader, &keys("g j")),
            Resolution::NotFound
        );
        // A text field does not inherit global keys: `q` is typed.
        assert_eq!(
            km.resolve(Context::Search, &keys("q")),
            Resolution::NotFound
        );
    }

    /// The lists read with `j` `k` in the default preset go to their top and end as its reader
    /// does: a reader of the contents, results or timeline tries `G` and `g g` there too.
    #[test]
    fn default_lists_go_to_top_and_end_as_its_reader_does() {
        let km = Keymap::from_layers(&[&preset("default").unwrap()]);
        for context in [
            Context::Reader,
            Context::Nav,
            Context::Results,
            Context::Timeline,
        ] {
            assert_eq!(
                km.resolve(context, &keys("g g")),
                Resolution::Matched(Command::Top),
                "{context:?}"
            );
            assert_eq!(
                km.resolve(context, &keys("G")),
                Resolution::Matched(Command::Bottom),
                "{context:?}"
            );
        }
    }

    #[test]
    fn letters_typed_in_the_sources_pane_are_its_filter_not_global_commands() {
        let km = Keymap::from_layers(&[&preset("default").unwrap()]);
        // `shtykov`, `tsamo`, `kim`, `45`: not search, timeline or a move up.
        for typed in ["s", "t", "k", "4", "S"] {
            assert_eq!(
                km.resolve(Context::Sources, &keys(typed)),
                Resolution::NotFound,
                "{typed}"
            );
        }
        // The pane's own keys and the global keys that are no letter still act.
        assert_eq!(
            km.resolve(Context::Sources, &keys("q")),
            Resolution::Matched(Command::Close)
        );
        assert_eq!(
            km.resolve(Context::Sources, &keys("?")),
            Resolution::Matched(Command::Help)
        );
        assert_eq!(
            km.resolve(Context::Sources, &keys("ctrl-o")),
            Resolution::Matched(Command::JumpBack)
        );
        assert_eq!(
            km.resolve(Context::Reader, &keys("s")),
            Resolution::Matched(Command::OpenSearch)
        );
        // Vim's leader chords still reach their panes from the tree.
        let vim = Keymap::from_layers(&[&preset("vim").unwrap()]);
        assert_eq!(
            vim.resolve(Context::Sources, &keys("space t")),
            Resolution::Matched(Command::OpenTimeline)
        );
    }

    #[test]
    fn overrides_replace_and_unbind() {
        let base = KeymapFile::parse("a", "[reader]\nj = \"down\"\nk = \"up\"\n").unwrap();
        let user = KeymapFile::parse("b", "[reader]\nj = \"page_down\"\nk = \"none\"\n").unwrap();
        let km = Keymap::from_layers(&[&base, &user]);
        assert_eq!(
            km.resolve(Context::Reader, &keys("j")),
            Resolution::Matched(Command::PageDown)
        );
        assert_eq!(
            km.resolve(Context::Reader, &keys("k")),
            Resolution::NotFound
        );
    }

    #[test]
    fn prefix_conflicts_are_reported() {
        let km: Keymap = "[reader]\ng = \"top\"\n\"g g\" = \"bottom\"\n"
            .parse()
            .unwrap();
        // And no quit key: this keymap alone could not be left.
        assert_eq!(km.problems().len(), 2);
        assert!(km.problems()[0].contains("`g` (top) hides `g g`"));
    }

    #[test]
    fn a_mistake_in_the_override_keeps_the_explorer_and_the_good_bindings() {
        let dir = std::env::temp_dir().join(format!("kwx-override-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("keymap.toml");
        std::fs::write(&path, "[reader]\nm = \"next_refs\"\nx = \"down\"\n").unwrap();
        // Strict for `kwx keymap check` ...
        assert!(load(None, Some(&path)).is_err());
        // ... lenient for the explorer: x works, the mistake is a warning.
        let (keymap, warnings) = load_for_explorer(None, Some(&path)).unwrap();
        let x: Vec<Key> = key::parse_sequence("x").unwrap();
        assert_eq!(
            keymap.resolve(Context::Reader, &x),
            Resolution::Matched(Command::Down)
        );
        assert!(
            warnings[0].contains("did you mean `next_ref`"),
            "{warnings:?}"
        );
        // Bindings that together make the keymap unusable are all left out.
        std::fs::write(&path, "[reader]\ng = \"top\"\n").unwrap();
        let (keymap, warnings) = load_for_explorer(None, Some(&path)).unwrap();
        assert!(keymap.problems().is_empty());
        assert!(warnings[0].contains("hides"), "{warnings:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn unknown_preset_is_an_error() {
        let e = load(Some("vimm"), None).unwrap_err();
        assert!(e[0].contains("no such preset"));
    }
}

/// Turns key events into actions for the context in front, holding the keys of an unfinished
/// sequence (`g` of `g g`) between events.
#[derive(Debug, Clone, Default)]
pub struct Dispatcher {
    pending: Vec<Key>,
}

impl Dispatcher {
    pub fn dispatch(
        &mut self,
        keymap: &Keymap,
        context: Context,
        event: &crossterm::event::KeyEvent,
    ) -> Option<crate::app::Action> {
        use crate::app::Action;
        if event.kind == crossterm::event::KeyEventKind::Release {
            return None;
        }
        let Some(key) = Key::from_event(event) else {
            return context.takes_text().then_some(Action::Text(*event));
        };
        self.pending.push(key);
        match keymap.resolve(context, &self.pending) {
            // Said in the status bar: the keys so far, waiting for the rest.
            Resolution::Pending => Some(Action::Pending(display_sequence(&self.pending))),
            Resolution::Matched(command) => {
                self.pending.clear();
                Some(Action::Command(command))
            }
            Resolution::NotFound => {
                let lone_key = self.pending.len() == 1;
                let keys = display_sequence(&self.pending);
                self.pending.clear();
                // An unbound key is typed into a text field; elsewhere it is said to be unbound.
                let character = matches!(event.code, crossterm::event::KeyCode::Char(_))
                    && (event.modifiers - crossterm::event::KeyModifiers::SHIFT).is_empty();
                if lone_key && context.takes_text() {
                    Some(Action::Text(*event))
                } else if lone_key && character && context.filters_as_you_type() {
                    Some(Action::FilterWith(*event))
                } else {
                    Some(Action::Unbound(keys))
                }
            }
        }
    }
}
