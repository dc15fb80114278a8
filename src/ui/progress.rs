//! The wait for a pane whose index is still being built in the background: which build it is
//! on, documents done of how many, and a bar. Drawn over the reader, which keeps its keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Widget};

use super::theme::Theme;
use crate::app::state::{BuildProgress, BuildStage};
use crate::app::{App, Command, View};
use crate::keymap::Context;

pub struct BuildWait<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

/// What the build is doing. Once a stage's documents are all read it still has a step over
/// all of them (linking sources, the search vocabulary), named rather than left at a count
/// that seems stuck.
fn describe(p: BuildProgress) -> String {
    let (done, total) = (p.done.min(p.total), p.total);
    match (p.stage, done == total) {
        (BuildStage::Citations, false) => format!("Reading citations: {done} of {total} documents"),
        (BuildStage::Citations, true) => {
            format!("Linking notes that cite one document, in {total} documents")
        }
        (BuildStage::Search, false) => format!("Indexing for search: {done} of {total} documents"),
        (BuildStage::Search, true) => format!("Indexing the words of {total} documents"),
        (BuildStage::Timeline, _) => format!("Dating events: {done} of {total} documents"),
    }
}

/// How far the whole build is, 0.0 to 1.0: each stage a third.
fn fraction(p: BuildProgress) -> f64 {
    let within = if p.total == 0 {
        1.0
    } else {
        p.done.min(p.total) as f64 / p.total as f64
    };
    (f64::from(p.step.min(2)) + within) / 3.0
}

impl Widget for BuildWait<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (Some(view), Some(progress)) = (self.app.waiting_for, self.app.building) else {
            return;
        };
        let theme = self.theme;
        let pane = match view {
            View::Search => "search",
            View::Timeline => "the timeline",
            View::Sources => "the sources",
            View::Reader => return,
        };
        // What is typed meanwhile is search's query or the sources' filter, on a row of its own.
        let typed = self
            .app
            .typed_ahead
            .as_ref()
            .filter(|_| self.app.typing_ahead());
        let typed_label = if view == View::Search {
            "Query: "
        } else {
            "Filter: "
        };
        let height = if typed.is_some() { 5 } else { 4 };
        let width = area.width.saturating_sub(4).min(64);
        if width < 12 || area.height < height + 1 {
            return;
        }
        let inner = width.saturating_sub(4) as usize;
        let label = super::fit(&describe(progress), inner);
        let share = fraction(progress);
        let percent = format!(" {:>3}%", (share * 100.0).floor() as u32);
        let bar_width = inner.saturating_sub(percent.len());
        let filled = ((bar_width as f64) * share).round() as usize;
        let (full, empty) = if self.app.ascii {
            ("#", "-")
        } else {
            ("█", "░")
        };
        let bar = Line::from(vec![
            Span::styled(full.repeat(filled), theme.title),
            Span::styled(empty.repeat(bar_width - filled.min(bar_width)), theme.dim),
            Span::styled(percent, theme.text),
        ]);
        let hint = self
            .app
            .keymap
            .keys_for(Context::Reader, Command::Close)
            .map(|k| format!(" {k}: keep reading "))
            .unwrap_or_default();
        let block = Block::default()
            .borders(Borders::ALL)
            .padding(Padding::horizontal(1))
            .border_style(theme.border_focused)
            .title(Span::styled(format!(" Opening {pane} "), theme.title))
            .title_bottom(Line::styled(hint, theme.dim).right_aligned());
        let rect = Rect::new(
            area.x + (area.width - width) / 2,
            area.y + area.height.saturating_sub(height + 1) / 2,
            width,
            height,
        );
        Clear.render(rect, buf);
        let inner_area = block.inner(rect);
        let mut lines = vec![Line::styled(label, theme.text), bar];
        if typed.is_some() {
            lines.insert(0, Line::styled(typed_label, theme.dim));
        }
        Paragraph::new(lines).block(block).render(rect, buf);
        if let Some(typed) = typed {
            let label = typed_label.len() as u16;
            let field = Rect::new(
                inner_area.x + label,
                inner_area.y,
                inner_area.width.saturating_sub(label),
                1,
            );
            typed.render(field, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_past_its_documents_names_its_last_step() {
        let at = |stage, done| {
            describe(BuildProgress {
                stage,
                step: 0,
                done,
                total: 200,
            })
        };
        assert_eq!(
            at(BuildStage::Citations, 37),
            "Reading citations: 37 of 200 documents"
        );
        assert!(at(BuildStage::Citations, 200).starts_with("Linking notes"));
        assert_eq!(
            at(BuildStage::Search, 200),
            "Indexing the words of 200 documents"
        );
        assert_eq!(
            at(BuildStage::Timeline, 250),
            "Dating events: 200 of 200 documents"
        );
    }

    #[test]
    fn the_bar_runs_over_the_three_stages() {
        let at = |stage, done| {
            fraction(BuildProgress {
                stage,
                step: match stage {
                    BuildStage::Citations => 0,
                    BuildStage::Search => 1,
                    BuildStage::Timeline => 2,
                },
                done,
                total: 200,
            })
        };
        assert_eq!(at(BuildStage::Citations, 0), 0.0);
        assert!((at(BuildStage::Search, 100) - 0.5).abs() < 1e-9);
        assert_eq!(at(BuildStage::Timeline, 200), 1.0);
        // No documents: the stage is done.
        let empty = BuildProgress {
            stage: BuildStage::Citations,
            step: 0,
            done: 0,
            total: 0,
        };
        assert!((fraction(empty) - 1.0 / 3.0).abs() < 1e-9);
    }
}
