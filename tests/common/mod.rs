//! A real terminal for the end-to-end tests: tmux at a given size, keys in, screen out, and the
//! shell's report of how kwx left the terminal. `.ci/run` installs tmux; without it the tests
//! say so and pass.
#![allow(dead_code)] // each test file uses its own part of it

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    pub socket: String,
    pub dir: PathBuf,
}

impl Tmux {
    /// Starts `sh -c script` in a detached 80x24 session, or `None` without tmux.
    pub fn start(name: &str, script: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("skipped: tmux is not installed (.ci/run installs it)");
            return None;
        }
        let socket = format!("kwx-test-{name}-{}", std::process::id());
        let dir = std::env::temp_dir().join(&socket);
        std::fs::create_dir_all(&dir).unwrap();
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", "80", "-y", "24", "-s", "t"])
            .env("XDG_STATE_HOME", dir.join("state"))
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("XDG_CACHE_HOME", dir.join("cache"))
            .env("TERM", "xterm-256color")
            .args(["sh", "-c", script])
            .status()
            .unwrap();
        assert!(status.success());
        Some(Tmux { socket, dir })
    }

    pub fn keys(&self, keys: &[&str]) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", SESSION])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits until the screen differs from `before`; panics after 5 s.
    pub fn wait_for_change(&self, before: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen != before {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(5) {
                panic!("the screen did not change from:\n{before}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `screen`, holding `text`, once a capture 20 ms later shows the same (at most a second
    /// later); the last capture holding `text` if the screen moves on past it.
    fn settled(&self, mut screen: String, text: &str) -> String {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(Duration::from_millis(20));
            let again = self.screen();
            if again == screen || !again.contains(text) {
                break;
            }
            screen = again;
        }
        screen
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", SESSION])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen contains `text`; panics with the screen after 10 s.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_longer_for(text, Duration::from_secs(10))
    }

    /// Waits until the screen contains `text`; panics with the screen after `limit`. The screen
    /// returned is a settled one (two captures alike): a capture can fall between a frame's
    /// first rows and its last.
    pub fn wait_longer_for(&self, text: &str, limit: Duration) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return self.settled(screen, text);
            }
            if start.elapsed() > limit {
                panic!("waited for {text:?}; the screen is:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Tmux {
    /// Runs a tmux command against this session's server.
    pub fn tmux(&self, args: &[&str]) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "tmux {args:?}");
    }

    /// A format of the pane (`#{alternate_on}`, `#{cursor_flag}`, `#{pane_pid}`).
    pub fn pane(&self, format: &str) -> String {
        let out = Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "display-message",
                "-p",
                "-t",
                SESSION,
                format,
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The pid of this session's kwx: the child of the pane's shell.
    pub fn kwx_pid(&self) -> u32 {
        let shell = self.pane("#{pane_pid}");
        let start = Instant::now();
        // The parent of a process, from /proc.
        let parent = |pid: &str| {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .ok()
                .and_then(|stat| {
                    let after = stat.rsplit_once(')')?.1.to_string();
                    after.split_whitespace().nth(1).map(str::to_string)
                })
        };
        loop {
            let out = Command::new("pgrep").args(["-f", kwx()]).output().unwrap();
            let pids = String::from_utf8_lossy(&out.stdout);
            // A kwx this pane's shell started: its child, or a child of a shell it forked.
            let ours = pids.split_whitespace().find(|pid| {
                let mut up = parent(pid);
                for _ in 0..3 {
                    match up {
                        Some(ref p) if *p == shell => return true,
                        Some(ref p) => up = parent(p),
                        None => return false,
                    }
                }
                false
            });
            if let Some(pid) = ours {
                return pid.parse().unwrap();
            }
            if start.elapsed() > Duration::from_secs(20) {
                // What the pane and its shell were doing, for a failure seen only on CI.
                let tree = Command::new("ps")
                    .args(["-o", "pid,ppid,stat,args", "--ppid", &shell])
                    .output()
                    .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                    .unwrap_or_default();
                let panes = Command::new("tmux")
                    .args(["-L", &self.socket, "list-panes", "-a", "-F"])
                    .arg("#{session_name} #{pane_id} #{pane_pid} #{pane_dead} #{pane_current_command}")
                    .output()
                    .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                    .unwrap_or_default();
                panic!(
                    "no kwx under {shell} (kwx running: {pids}); the shell's children:\n{tree}\npanes:\n{panes}\nscreen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends a signal to this session's kwx only.
    pub fn signal(&self, name: &str) {
        let pid = self.kwx_pid().to_string();
        let status = Command::new("kill")
            .args([&format!("-{name}"), &pid])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name}");
    }

    /// The terminal is as a shell needs it: main screen, cursor shown.
    pub fn expect_main_screen_and_cursor(&self) {
        assert_eq!(
            self.pane("#{alternate_on}"),
            "0",
            "still on the alternate screen"
        );
        assert_eq!(self.pane("#{cursor_flag}"), "1", "the cursor is hidden");
    }

    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.tmux(&["resize-window", "-t", SESSION, "-x", &w, "-y", &h]);
    }

    /// Waits for kwx to have exited and the shell to report; checks the exit code and that
    /// the terminal is back in cooked mode, off the alternate screen.
    pub fn expect_exit(&self, code: i32) {
        let screen = self.wait_for("DONE");
        assert!(screen.contains(&format!("EXIT={code}")), "{screen}");
        assert!(
            screen.contains("icanon echo"),
            "terminal left raw: {screen}"
        );
        assert!(
            !screen.contains(" READ "),
            "the alternate screen was not left: {screen}"
        );
        self.expect_main_screen_and_cursor();
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The test's session as a tmux target: the exact name (`=`) and its current window (`:`).
/// A bare `t` once resolved to another session's pane while that session was being made.
pub const SESSION: &str = "=t:";

pub fn kwx() -> &'static str {
    env!("CARGO_BIN_EXE_kwx")
}

/// After kwx exits, the shell reports its exit code and whether the terminal is back in
/// cooked mode with echo (what a user needs to type the next command).
pub fn script() -> String {
    format!(
        "{} ; echo \"EXIT=$?\"; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo DONE; sleep 30",
        kwx()
    )
}

/// Whether process `pid` is gone within `limit` (a zombie counts as gone: it runs nothing).
pub fn gone_within(pid: u32, limit: Duration) -> bool {
    let start = Instant::now();
    loop {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let state = stat
            .rsplit(')')
            .next()
            .and_then(|r| r.split_whitespace().next());
        if matches!(state, None | Some("Z") | Some("X")) {
            return true;
        }
        if start.elapsed() > limit {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
