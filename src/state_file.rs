//! The reading position per document, kept between runs in `$XDG_STATE_HOME/kwx/state.toml`.
//! Written atomically (a temporary file renamed over the old one); a damaged file is ignored
//! with a warning rather than stopping the explorer.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// What one corpus's session leaves behind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedState {
    /// The document that was open.
    pub document: Option<String>,
    /// Per document id: the block (heading or paragraph) at the top of the reader.
    #[serde(default)]
    pub position: BTreeMap<String, usize>,
    /// Per document id: the row of that block at the top (the exact place, not its start).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub row: BTreeMap<String, usize>,
    /// What was looked for with find, oldest first (↑ in the prompt brings it back).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<String>,
    /// Places marked with a letter (`m a`), by letter.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub marks: BTreeMap<String, Mark>,
}

/// A marked place: the document, the block at the top and the row within it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub doc: String,
    pub block: usize,
    #[serde(default)]
    pub row: usize,
}

/// The whole file: one [`SavedState`] per corpus, so a session on another corpus (whose
/// documents may share ids) never overwrites this one's positions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct StateFile {
    #[serde(default)]
    corpus: BTreeMap<String, SavedState>,
    /// Files written before states were kept per corpus: the embedded corpus's state.
    #[serde(default, skip_serializing)]
    document: Option<String>,
    #[serde(default, skip_serializing)]
    position: BTreeMap<String, usize>,
}

/// The key of the embedded corpus in the state file; a directory's key is its absolute path.
pub const EMBEDDED_CORPUS: &str = "embedded";

impl StateFile {
    fn read(path: &Path) -> Result<StateFile, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(StateFile::default()),
            Err(e) => return Err(format!("{}: ignoring state file ({e})", path.display())),
        };
        let mut file: StateFile = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| crate::corpus::manifest::line_col(&text, s.start).0)
                .unwrap_or(1);
            format!(
                "{}:{line}: ignoring damaged state file ({})",
                path.display(),
                e.message().trim()
            )
        })?;
        if file.document.is_some() || !file.position.is_empty() {
            let legacy = SavedState {
                document: file.document.take(),
                position: std::mem::take(&mut file.position),
                ..SavedState::default()
            };
            file.corpus
                .entry(EMBEDDED_CORPUS.to_string())
                .or_insert(legacy);
        }
        Ok(file)
    }
}

/// `$XDG_STATE_HOME/kwx/state.toml`, falling back to `~/.local/state`.
pub fn default_path() -> Option<PathBuf> {
    xdg_dir("XDG_STATE_HOME", ".local/state").map(|d| d.join("kwx").join("state.toml"))
}

/// `$XDG_CONFIG_HOME/kwx/keymap.toml`, falling back to `~/.config`.
pub fn keymap_override_path() -> Option<PathBuf> {
    xdg_dir("XDG_CONFIG_HOME", ".config").map(|d| d.join("kwx").join("keymap.toml"))
}

fn xdg_dir(var: &str, home_fallback: &str) -> Option<PathBuf> {
    // The XDG spec says relative paths in these variables are invalid and must be ignored.
    std::env::var_os(var)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(home_fallback)))
}

/// The saved state of corpus `key`, or a warning naming the file when it exists but cannot be
/// used.
pub fn load(path: &Path, key: &str) -> Result<SavedState, String> {
    Ok(StateFile::read(path)?
        .corpus
        .remove(key)
        .unwrap_or_default())
}

/// Saves corpus `key`'s state into the file, keeping every other corpus's and the positions of
/// documents this session did not have. Written to a temporary file renamed over the old one,
/// which is removed again when anything fails.
pub fn save(path: &Path, key: &str, state: &SavedState) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // A damaged file is replaced: its contents could not be kept anyway.
    let mut file = StateFile::read(path).unwrap_or_default();
    let entry = file.corpus.entry(key.to_string()).or_default();
    entry.document.clone_from(&state.document);
    entry
        .position
        .extend(state.position.iter().map(|(k, v)| (k.clone(), *v)));
    entry
        .row
        .extend(state.row.iter().map(|(k, v)| (k.clone(), *v)));
    if !state.history.is_empty() {
        entry.history.clone_from(&state.history);
    }
    if !state.marks.is_empty() {
        entry.marks.clone_from(&state.marks);
    }
    let text = toml::to_string(&file).map_err(std::io::Error::other)?;
    let tmp = dir.join(format!(".state.toml.{}", std::process::id()));
    let written = (|| {
        let mut out = std::fs::File::create(&tmp)?;
        out.write_all(text.as_bytes())?;
        out.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("kwx-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn state(document: &str, block: usize) -> SavedState {
        SavedState {
            document: Some(document.into()),
            position: [(document.to_string(), block)].into(),
            ..SavedState::default()
        }
    }

    #[test]
    fn round_trips_and_ignores_damage() {
        let dir = temp("damage");
        let path = dir.join("kwx/state.toml");
        save(&path, EMBEDDED_CORPUS, &state("thesis", 420)).unwrap();
        assert_eq!(load(&path, EMBEDDED_CORPUS).unwrap(), state("thesis", 420));
        std::fs::write(&path, "corpus = [\n").unwrap();
        let warning = load(&path, EMBEDDED_CORPUS).unwrap_err();
        assert!(warning.contains("state.toml:"), "{warning}");
        assert!(warning.contains("ignoring damaged state file"), "{warning}");
        assert_eq!(
            load(&dir.join("missing.toml"), EMBEDDED_CORPUS).unwrap(),
            SavedState::default()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn another_corpus_keeps_the_embedded_positions() {
        let dir = temp("merge");
        let path = dir.join("state.toml");
        save(&path, EMBEDDED_CORPUS, &state("thesis", 420)).unwrap();
        // A session on another corpus whose documents have other ids.
        save(&path, "/data/seminar", &state("essay", 7)).unwrap();
        assert_eq!(load(&path, EMBEDDED_CORPUS).unwrap(), state("thesis", 420));
        assert_eq!(load(&path, "/data/seminar").unwrap(), state("essay", 7));
        // The same corpus again, one document moved: the other's position stays.
        save(&path, EMBEDDED_CORPUS, &state("article", 12)).unwrap();
        let merged = load(&path, EMBEDDED_CORPUS).unwrap();
        assert_eq!(merged.document.as_deref(), Some("article"));
        assert_eq!(merged.position.get("thesis"), Some(&420));
        assert_eq!(merged.position.get("article"), Some(&12));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_from_before_corpus_keys_is_the_embedded_state() {
        let dir = temp("legacy");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.toml");
        std::fs::write(&path, "document = \"thesis\"\n[position]\nthesis = 420\n").unwrap();
        assert_eq!(load(&path, EMBEDDED_CORPUS).unwrap(), state("thesis", 420));
        save(&path, "/other", &state("x", 1)).unwrap();
        assert_eq!(load(&path, EMBEDDED_CORPUS).unwrap(), state("thesis", 420));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_save_leaves_no_temporary_file() {
        let dir = temp("failed");
        std::fs::create_dir_all(dir.join("state.toml")).unwrap();
        // The rename fails: a directory is in the way.
        assert!(save(&dir.join("state.toml"), EMBEDDED_CORPUS, &state("a", 1)).is_err());
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "{left:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
