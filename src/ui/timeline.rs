//! The timeline pane: a per-month histogram of 1945–1953 with the selected month marked, then
//! events grouped by year, month or day under a sticky year header, each with its date, a
//! one-line summary around the date, and a badge for its document.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Sparkline, Widget};

use super::theme::Theme;
use crate::app::geometry::TimelineAreas;
use crate::app::state::TimelineState;
use crate::app::App;
use crate::corpus::dates::PartialDate;
use crate::corpus::months::month_name;
use crate::timeline::{Event, Origin, Row};

pub struct TimelinePane<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for TimelinePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(t) = &self.app.timeline else {
            return;
        };
        if t.compare.is_some() {
            super::compare::CompareView {
                app: self.app,
                theme: self.theme,
            }
            .render(area, buf);
            return;
        }
        if area.height < 6 {
            return;
        }
        let theme = self.theme;
        let areas = TimelineAreas::new(area);
        let (from, to) = self.app.corpus.timeline;
        self.header(t, areas.header, buf);
        // Histogram: months bucketed to the width, the selected month marked below.
        let counts = &t.per_month;
        let width = (area.width as usize).saturating_sub(2).max(1);
        // Each column stands for an equal share of the months.
        let months = counts.len().max(1);
        let bars: Vec<u64> = (0..width.min(months * 4))
            .map(|col| {
                let (a, b) = (
                    col * months / width,
                    ((col + 1) * months / width).max(col * months / width + 1),
                );
                counts[a.min(months - 1)..b.min(months)].iter().sum()
            })
            .collect();
        let chart = Rect::new(areas.chart.x, areas.chart.y, bars.len() as u16, 2);
        Sparkline::default()
            .data(&bars)
            .style(theme.chart)
            .render(chart, buf);
        let selected = t.selected_event().map(|e| t.events[e].date);
        let mut marker = String::new();
        if let Some(d) = selected {
            let month = (d.year - from) * 12 + d.month.map_or(0, |m| m as i32 - 1);
            let column = usize::try_from(month).unwrap_or(0) * bars.len() / months;
            marker = format!("{}^ {}", " ".repeat(column), d);
        }
        Line::styled(marker, theme.here).render(areas.marker, buf);
        let years = format!("{from}{}{to}", " ".repeat(bars.len().saturating_sub(8)));
        Line::styled(years, theme.dim).render(areas.years, buf);
        self.list(t, areas.sticky, areas.list, buf);
    }
}

impl TimelinePane<'_> {
    fn header(&self, t: &TimelineState, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let (from, to) = self.app.corpus.timeline;
        // Only the filters in force, so the line fits 80 columns.
        let mut filters = String::new();
        if let Some(d) = t.filter.doc {
            filters += &format!(" · {}", self.app.corpus.documents[d].meta.id);
        }
        match t.filter.origin {
            None => {}
            Some(Origin::Body) => filters += " · body",
            Some(Origin::Note) => filters += " · notes",
        }
        if t.filter.precision != crate::timeline::Precision::default() {
            filters += &format!(" · {}", t.filter.precision.name());
        }
        let asked = match (&t.input, t.filter.date) {
            (Some(_), _) => " · word: ".to_string(),
            (None, Some(date)) => format!(" · date: {date}"),
            (None, None) if !t.filter.word.is_empty() => format!(" · word: {}", t.filter.word),
            (None, None) => String::new(),
        };
        let title = format!(" Timeline {from}–{to} ");
        let mut counts = format!(" {} · by {}{filters}", shown(t), t.zoom.name());
        if t.hidden_by_precision > 0 {
            let what = match t.filter.precision {
                crate::timeline::Precision::Day => "coarser than a day",
                _ => "year-only",
            };
            let hidden = format!(" · {} {what} hidden", t.hidden_by_precision);
            // What was asked for (and room to type it) goes before the count of what is hidden.
            let typing = if t.input.is_some() { 12 } else { 0 };
            let width = [&title, &counts, &hidden, &asked]
                .iter()
                .map(|s| s.chars().count())
                .sum::<usize>()
                + typing;
            if width <= usize::from(area.width) {
                counts += &hidden;
            }
        }
        let mut spans = vec![
            Span::styled(title, theme.status_mode),
            Span::styled(counts, theme.dim),
        ];
        spans.push(Span::styled(asked, theme.title));
        if let Some(input) = &t.input {
            let used: usize = spans.iter().map(Span::width).sum();
            Line::from(spans).render(area, buf);
            let x = area.x + used as u16;
            let rest = Rect::new(x, area.y, area.width.saturating_sub(used as u16), 1);
            input.render(rest, buf);
            return;
        }
        Line::from(spans).render(area, buf);
    }

    /// The sticky header of the year in view, then the rows from the offset `update` keeps.
    fn list(&self, t: &TimelineState, sticky: Rect, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        if t.rows.is_empty() {
            Line::styled("  No dated event matches.", theme.dim).render(sticky, buf);
            return;
        }
        let height = area.height as usize;
        let offset = t.offset.min(t.rows.len() - 1);
        let year_in_view = match t.rows[offset] {
            Row::Event(e) => t.events[e].date.year,
            Row::Header(d, _) => d.year,
        };
        let year_label = format!(" {year_in_view} ");
        Line::from(vec![
            Span::styled(
                year_label,
                theme
                    .part_title
                    .add_modifier(ratatui::style::Modifier::REVERSED),
            ),
            Span::styled(
                format!(" {}", "─".repeat(area.width as usize)),
                theme.border,
            ),
        ])
        .render(sticky, buf);
        let date_width = t
            .rows
            .iter()
            .skip(offset)
            .take(height)
            .filter_map(|r| match r {
                Row::Event(e) => Some(date_label(&t.events[*e]).chars().count()),
                Row::Header(..) => None,
            })
            .max()
            .unwrap_or(0)
            .max(16);
        for (i, row) in t.rows.iter().enumerate().skip(offset).take(height) {
            let y = area.y + (i - offset) as u16;
            let rect = Rect::new(area.x, y, area.width, 1);
            let line = match row {
                Row::Header(date, count) => Line::from(vec![
                    Span::styled(format!(" {}", group_label(*date)), theme.subsection_title),
                    Span::styled(format!("  {count}"), theme.dim),
                ]),
                Row::Event(e) => self.event_line(
                    &t.events[*e],
                    area.width as usize,
                    date_width,
                    i == t.selected,
                ),
            };
            line.render(rect, buf);
        }
    }

    /// One event; the selected one marked in its date column only, so moving the selection
    /// redraws two short runs rather than two whole rows. The date column is `date_width` wide:
    /// the widest date of the rows on screen, so a long range keeps the text in line.
    fn event_line(
        &self,
        e: &Event,
        width: usize,
        date_width: usize,
        selected: bool,
    ) -> Line<'static> {
        let theme = self.theme;
        let doc = &self.app.corpus.documents[e.doc];
        let date = date_label(e);
        let badge = doc
            .meta
            .id
            .chars()
            .next()
            .map_or('?', |c| c.to_ascii_uppercase());
        // `=`: both texts date this day (the side-by-side view opens on it).
        let both = e.date.day.is_some()
            && self
                .app
                .timeline
                .as_ref()
                .is_some_and(|t| t.both.binary_search_by(|(d, _)| d.cmp(&e.date)).is_ok());
        let origin = match (both, e.origin == Origin::Note) {
            (true, _) => "=",
            (false, true) => "n",
            (false, false) => " ",
        };
        let room = width.saturating_sub(date_width + 9);
        let date_column = if selected {
            Span::styled(format!(" › {date:<date_width$} "), theme.cursor_focused)
        } else {
            Span::styled(format!("   {date:<date_width$} "), theme.text)
        };
        let line = Line::from(vec![
            date_column,
            Span::styled(format!("{badge}"), theme.badge[e.doc % 2]),
            Span::styled(format!("{origin} "), theme.dim),
        ]);
        // With a word filter, the summary is taken around the word and the word is marked.
        let word = &self
            .app
            .timeline
            .as_ref()
            .map_or("", |t| t.filter.sentence_word());
        let around = if word.is_empty() {
            e.written.as_str()
        } else {
            word
        };
        let text = summary(&e.text, around, room);
        let mut line = line;
        line.spans.extend(marked(&text, word, theme));
        line
    }
}

/// An event's date as the date column shows it: `1948-10-19…12-26`, `spring 1950`.
fn date_label(e: &Event) -> String {
    let mut date = e.date.to_string();
    if let Some(end) = e.end {
        // Within one year only the end's month and day are new.
        let end_text = end.to_string();
        let tail = match end_text.get(5..) {
            Some(t) if end.year == e.date.year => t.to_string(),
            _ => end_text,
        };
        date = format!("{date}…{tail}");
    }
    if let Some(q) = e.qualifier {
        date = format!("{} {date}", q.name());
    }
    date
}

fn shown(t: &TimelineState) -> String {
    let n = t.rows.iter().filter(|r| matches!(r, Row::Event(_))).count();
    format!("{n} events")
}

fn group_label(date: PartialDate) -> String {
    match (date.month, date.day) {
        (Some(m), Some(d)) => format!("{d} {} {}", month_name(m), date.year),
        (Some(m), None) => format!("{} {}", month_name(m), date.year),
        _ => format!("{}", date.year),
    }
}

/// `text` as spans, every occurrence of the folded `word` marked (case and accents folded).
fn marked(text: &str, word: &str, theme: &Theme) -> Vec<Span<'static>> {
    if word.is_empty() {
        return vec![Span::styled(text.to_string(), theme.text)];
    }
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = chars.iter().map(|&c| crate::search::fold_char(c)).collect();
    let needle: Vec<char> = word.chars().collect();
    let mut spans = Vec::new();
    let (mut run, mut i) = (0, 0);
    // (Where a word starts, as the filter matches: `45` is not marked in `1945`.)
    let word_start =
        |i: usize| i == 0 || !folded[i - 1].is_alphanumeric() || !needle[0].is_alphanumeric();
    while i + needle.len() <= folded.len() {
        if folded[i..i + needle.len()] == needle[..] && word_start(i) {
            if i > run {
                spans.push(Span::styled(
                    chars[run..i].iter().collect::<String>(),
                    theme.text,
                ));
            }
            let hit: String = chars[i..i + needle.len()].iter().collect();
            spans.push(Span::styled(hit, theme.hit));
            i += needle.len();
            run = i;
        } else {
            i += 1;
        }
    }
    spans.push(Span::styled(
        chars[run..].iter().collect::<String>(),
        theme.text,
    ));
    spans
}

/// At most `room` chars of the sentence, taken around `around` (where the date is written, or
/// the filter's word, found with case and accents folded).
fn summary(sentence: &str, around: &str, room: usize) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    if chars.len() <= room {
        return sentence.to_string();
    }
    let folded: String = chars.iter().map(|&c| crate::search::fold_char(c)).collect();
    let needle: String = around.chars().map(crate::search::fold_char).collect();
    let word_start = |b: usize| {
        !needle.starts_with(char::is_alphanumeric)
            || folded[..b]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    };
    let at = folded
        .match_indices(&needle)
        .map(|(b, _)| b)
        .find(|&b| word_start(b))
        .or_else(|| folded.find(&needle))
        .map_or(0, |b| folded[..b].chars().count());
    let start = at.saturating_sub(room / 3).min(chars.len() - room);
    let mut out: String = chars[start..start + room.saturating_sub(1)]
        .iter()
        .collect();
    if start > 0 {
        out.replace_range(..out.chars().next().map_or(0, char::len_utf8), "…");
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_is_marked_where_a_word_starts() {
        let theme = Theme::colour();
        let spans = marked("Fond 45 of 1945, Kim and Kimpo", "45", &theme);
        let hits: Vec<&str> = spans
            .iter()
            .filter(|s| s.style == theme.hit)
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(hits, ["45"]);
        let spans = marked("Fond 45 of 1945, Kim and Kimpo", "kim", &theme);
        assert_eq!(spans.iter().filter(|s| s.style == theme.hit).count(), 2);
    }

    #[test]
    fn summary_keeps_the_date_in_view() {
        let s =
            "A long preamble that goes on and on before the date, then on June 25, 1950 it began.";
        let out = summary(s, "June 25, 1950", 40);
        assert!(out.contains("June 25, 1950"), "{out}");
        assert_eq!(out.chars().count(), 40);
        assert_eq!(summary("short", "x", 40), "short");
    }
}
