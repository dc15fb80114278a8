//! Faults in a real terminal (tmux): signals, suspend and resume, a pane killed under kwx, a
//! megabyte paste and a key flood. Afterwards kwx is gone within a second (or running and
//! redrawn after SIGCONT) and the terminal is as the shell needs it: cooked mode with echo, the
//! main screen, the cursor shown.

mod common;

use std::time::Duration;

use common::{gone_within, kwx, script, Tmux, SESSION};

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn every_terminating_signal_restores_the_terminal() {
    for (name, number) in [("INT", 2), ("QUIT", 3), ("USR1", 10), ("ALRM", 14)] {
        let Some(t) = Tmux::start(&format!("sig{name}"), &script()) else {
            return;
        };
        t.wait_for(" READ ");
        t.keys(&["c"]);
        t.wait_for("CONTENTS");
        let pid = t.kwx_pid();
        t.signal(name);
        assert!(gone_within(pid, SECOND), "SIG{name}: kwx still runs");
        t.expect_exit(128 + number);
    }
}

/// An interactive shell with job control, as a user has: ctrl-z and `fg` work there.
fn interactive(name: &str) -> Option<Tmux> {
    let t = Tmux::start(name, "PS1='$ ' exec bash --norc --noprofile -i")?;
    t.wait_for("$");
    t.keys(&["-l", &format!("{} ; echo EXIT=$?", kwx())]);
    t.keys(&["Enter"]);
    t.wait_for(" READ ");
    Some(t)
}

#[test]
fn ctrl_z_and_sigtstp_suspend_and_fg_redraws() {
    let Some(t) = interactive("suspend") else {
        return;
    };
    for how in ["ctrl-z", "SIGTSTP"] {
        t.keys(&["c"]);
        t.wait_for("CONTENTS");
        if how == "ctrl-z" {
            t.keys(&["C-z"]);
        } else {
            t.signal("TSTP");
        }
        let screen = t.wait_for("Stopped");
        t.expect_main_screen_and_cursor();
        assert!(!screen.contains("CONTENTS"), "{how}: {screen}");
        let stty = std::process::Command::new("tmux")
            .args([
                "-L",
                &t.socket,
                "send-keys",
                "-t",
                SESSION,
                "-l",
                "stty -a | grep -o -w -e icanon -e echo | tr '\\n' ' '; echo STTY",
            ])
            .status()
            .unwrap();
        assert!(stty.success());
        t.keys(&["Enter"]);
        let screen = t.wait_for("icanon echo STTY");
        assert!(screen.contains("icanon echo"), "{how}: {screen}");
        t.tmux(&["send-keys", "-t", SESSION, "clear; fg", "Enter"]);
        // Redrawn whole: the contents pane as it was, the status bar.
        let screen = t.wait_for("CONTENTS");
        assert_eq!(t.pane("#{alternate_on}"), "1", "{how}: {screen}");
        t.keys(&["Escape"]);
        t.wait_for(" READ ");
    }
    let pid = t.kwx_pid();
    t.keys(&["q"]);
    assert!(gone_within(pid, SECOND), "q after fg did not quit");
    t.expect_main_screen_and_cursor();
}

#[test]
fn sigstop_and_sigcont_from_outside_redraw() {
    let Some(t) = Tmux::start("stopcont", &script()) else {
        return;
    };
    t.wait_for(" READ ");
    t.signal("STOP");
    // Something scribbles on the screen while kwx is stopped.
    t.tmux(&["clear-history", "-t", SESSION]);
    t.signal("CONT");
    t.keys(&["c"]);
    t.wait_for("CONTENTS");
    // q backs out of the contents, then quits from the reader.
    t.keys(&["q"]);
    t.wait_for(" READ ");
    t.keys(&["q"]);
    t.expect_exit(0);
}

#[test]
fn a_killed_pane_leaves_no_process_idle_searching_or_stopped() {
    for state in ["idle", "searching", "stopped"] {
        let Some(t) = Tmux::start(&format!("kill{state}"), &script()) else {
            return;
        };
        t.wait_for(" READ ");
        // A second session keeps the server up after the pane goes.
        t.tmux(&["new-session", "-d", "-s", "keep", "sleep 60"]);
        let pid = t.kwx_pid();
        match state {
            "searching" => {
                t.keys(&["s"]);
                t.wait_for("Search notes:");
                t.keys(&["-l", &"Shtykov Vyshinsky ".repeat(500)]);
            }
            "stopped" => t.signal("STOP"),
            _ => {}
        }
        t.tmux(&["kill-pane", "-t", SESSION]);
        assert!(
            gone_within(pid, 2 * SECOND),
            "{state}: kwx {pid} outlived its terminal"
        );
    }
}

#[test]
fn a_megabyte_paste_is_cut_and_kwx_stays_responsive() {
    let Some(t) = Tmux::start("paste", &script()) else {
        return;
    };
    t.wait_for(" READ ");
    let file = t.dir.join("paste.txt");
    std::fs::write(&file, "Shtykov ".repeat(131_072)).unwrap();
    t.tmux(&["load-buffer", file.to_str().unwrap()]);
    for pane in ["/", "s"] {
        t.keys(&[pane]);
        t.wait_for(if pane == "s" {
            "Search notes:"
        } else {
            "find:"
        });
        t.tmux(&["paste-buffer", "-p", "-t", SESSION]);
        t.wait_for("at most 200 characters");
        if pane == "/" {
            t.keys(&["Escape"]);
            t.wait_for(" READ ");
        }
    }
    // Still in the search pane with the cut query: a signal is answered at once.
    let pid = t.kwx_pid();
    t.signal("TERM");
    assert!(
        gone_within(pid, SECOND),
        "SIGTERM after a paste took too long"
    );
    t.expect_exit(143);
}

#[test]
fn a_flood_of_ten_thousand_keys_does_not_delay_a_signal() {
    let Some(t) = Tmux::start("flood10k", &script()) else {
        return;
    };
    t.wait_for(" READ ");
    t.keys(&["/"]);
    t.wait_for("find:");
    let pid = t.kwx_pid();
    t.keys(&["-l", &"the soviet ".repeat(1_000)]);
    t.signal("TERM");
    assert!(
        gone_within(pid, SECOND),
        "SIGTERM behind a flood took too long"
    );
    t.expect_exit(143);
}
