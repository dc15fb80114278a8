//! The reading position per document, kept between runs in `$XDG_STATE_HOME/kwx/state.toml`.
//! Written atomically (a temporary file renamed over the old one); a damaged file is ignored
//! with a warning rather than stopping the explorer.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedState {
    /// The document that was open.
    pub document: Option<String>,
    /// Per document id: the block (heading or paragraph) at the top of the reader.
    #[serde(default)]
    pub position: BTreeMap<String, usize>,
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

/// The saved state, or a warning naming the file when it exists but cannot be used.
pub fn load(path: &Path) -> Result<SavedState, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| crate::corpus::manifest::line_col(&text, s.start).0)
                .unwrap_or(1);
            format!(
                "{}:{line}: ignoring damaged state file ({})",
                path.display(),
                e.message()
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SavedState::default()),
        Err(e) => Err(format!("{}: ignoring state file ({e})", path.display())),
    }
}

pub fn save(path: &Path, state: &SavedState) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let text = toml::to_string(state).map_err(std::io::Error::other)?;
    let tmp = dir.join(format!(".state.toml.{}", std::process::id()));
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_ignores_damage() {
        let dir = std::env::temp_dir().join(format!("kwx-state-test-{}", std::process::id()));
        let path = dir.join("kwx/state.toml");
        let mut state = SavedState {
            document: Some("thesis".into()),
            ..SavedState::default()
        };
        state.position.insert("thesis".into(), 420);
        save(&path, &state).unwrap();
        assert_eq!(load(&path).unwrap(), state);
        std::fs::write(&path, "document = [\n").unwrap();
        let warning = load(&path).unwrap_err();
        assert!(warning.contains("state.toml:"), "{warning}");
        assert!(warning.contains("ignoring damaged state file"), "{warning}");
        assert_eq!(
            load(&dir.join("missing.toml")).unwrap(),
            SavedState::default()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
