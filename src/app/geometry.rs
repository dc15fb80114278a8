//! Where each pane sits for a screen size. Shared by `update` (which clamps scrolling to the
//! reader's height and wraps text to its width) and `render`, so the two never disagree.

use ratatui::layout::Rect;

/// Below this the UI shows a one-line "terminal too small" message.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width on the contents pane sits beside the reader by default.
pub const WIDE: u16 = 120;
/// The widest text column: longer lines are hard to read.
pub const MEASURE: u16 = 88;
const NAV_WIDTH: u16 = 38;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub nav: Option<Rect>,
    /// The main pane: reader, search or timeline.
    pub main: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn new(width: u16, height: u16, nav_shown: bool) -> Option<Areas> {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return None;
        }
        let body = Rect::new(0, 0, width, height - 1);
        let status = Rect::new(0, height - 1, width, 1);
        if !nav_shown {
            return Some(Areas {
                nav: None,
                main: body,
                status,
            });
        }
        // Wider screens give the contents more room (long chapter titles), up to a third.
        let nav_width = (width / 4).clamp(NAV_WIDTH, 64).min(width / 2);
        Some(Areas {
            nav: Some(Rect::new(0, 0, nav_width, body.height)),
            main: Rect::new(nav_width, 0, width - nav_width, body.height),
            status,
        })
    }
}

/// The reader's parts: a header row with document and chapter, then the text column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderAreas {
    pub header: Rect,
    /// Every row the text scrolls in (full width of the pane).
    pub body: Rect,
    /// The text column inside `body`: at most [`MEASURE`] wide, centred.
    pub column: Rect,
}

impl ReaderAreas {
    pub fn new(main: Rect) -> ReaderAreas {
        let header = Rect::new(main.x, main.y, main.width, 1);
        let body = Rect::new(
            main.x,
            main.y + 1,
            main.width,
            main.height.saturating_sub(1),
        );
        let text_width = main.width.saturating_sub(4).clamp(1, MEASURE);
        let left = (main.width - text_width) / 2;
        let column = Rect::new(main.x + left, body.y, text_width, body.height);
        ReaderAreas {
            header,
            body,
            column,
        }
    }
}

/// The search pane's parts: the query row, the count row, the results list and the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchAreas {
    pub query: Rect,
    pub count: Rect,
    pub list: Rect,
    pub preview: Rect,
}

impl SearchAreas {
    /// Without a preview the list takes the whole pane below the count.
    pub fn new(main: Rect, preview: bool) -> SearchAreas {
        let body_height = main.height.saturating_sub(2);
        let list_height = if preview {
            (body_height * 11 / 20).max(1)
        } else {
            body_height
        };
        SearchAreas {
            query: Rect::new(main.x, main.y, main.width, 1),
            count: Rect::new(main.x, main.y + 1, main.width, 1),
            list: Rect::new(main.x, main.y + 2, main.width, list_height),
            preview: Rect::new(
                main.x,
                main.y + 2 + list_height,
                main.width,
                body_height.saturating_sub(list_height),
            ),
        }
    }
}

/// The timeline pane's parts: header, histogram (two rows), marker and years rows, then the
/// list: a sticky year row and the rows that scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineAreas {
    pub header: Rect,
    pub chart: Rect,
    pub marker: Rect,
    pub years: Rect,
    pub sticky: Rect,
    pub list: Rect,
}

impl TimelineAreas {
    pub fn new(main: Rect) -> TimelineAreas {
        let row = |dy: u16| Rect::new(main.x, main.y + dy, main.width, 1);
        TimelineAreas {
            header: row(0),
            chart: Rect::new(main.x + 1, main.y + 1, main.width.saturating_sub(2), 2),
            marker: Rect::new(main.x + 1, main.y + 3, main.width.saturating_sub(1), 1),
            years: Rect::new(main.x + 1, main.y + 4, main.width.saturating_sub(1), 1),
            sticky: row(5),
            list: Rect::new(
                main.x,
                main.y + 6,
                main.width,
                main.height.saturating_sub(6),
            ),
        }
    }
}

/// The Sources pane: a title row, the tree, and three rows about the selected document.
pub struct SourcesAreas {
    pub header: Rect,
    pub list: Rect,
    pub detail: Rect,
}

impl SourcesAreas {
    /// The detail's rows: the reference, its notes, and a conflict; a taller pane gives the
    /// conflicts room to wrap (a quarter of it, up to 7 rows).
    fn detail_rows(height: u16) -> u16 {
        (height / 4).clamp(3, 7).min(height.saturating_sub(2))
    }

    pub fn new(main: Rect) -> SourcesAreas {
        let detail = Self::detail_rows(main.height);
        SourcesAreas {
            header: Rect::new(main.x, main.y, main.width, 1.min(main.height)),
            list: Rect::new(
                main.x,
                main.y + 1.min(main.height),
                main.width,
                main.height.saturating_sub(1 + detail),
            ),
            detail: Rect::new(
                main.x,
                main.bottom().saturating_sub(detail),
                main.width,
                detail,
            ),
        }
    }
}

/// The first entry the contents pane shows: the cursor kept in the middle once the list is
/// longer than the pane (its render and the mouse agree on it).
pub fn nav_offset(cursor: usize, height: usize, len: usize) -> usize {
    cursor
        .saturating_sub(height / 2)
        .min(len.saturating_sub(height))
}

/// The first row of a list `height` rows high that shows `selected`, moving from `offset` only
/// as far as needed: a selection that moves within the list scrolls nothing.
pub fn follow(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let offset = if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    };
    offset.min(len.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_screens_give_the_reader_the_width() {
        let a = Areas::new(80, 24, false).unwrap();
        assert_eq!(a.main, Rect::new(0, 0, 80, 23));
        let r = ReaderAreas::new(a.main);
        assert_eq!(r.column.width, 76);
        assert_eq!(r.body.height, 22);
    }

    #[test]
    fn lists_scroll_only_past_their_edges() {
        assert_eq!(follow(0, 5, 10, 100), 0);
        assert_eq!(follow(0, 10, 10, 100), 1);
        assert_eq!(follow(5, 3, 10, 100), 3);
        assert_eq!(follow(95, 99, 10, 100), 90);
        assert_eq!(follow(0, 0, 10, 3), 0);
    }

    #[test]
    fn wide_screens_cap_the_measure() {
        let a = Areas::new(200, 50, true).unwrap();
        assert_eq!(a.nav.unwrap().width, 50);
        assert_eq!(Areas::new(120, 30, true).unwrap().nav.unwrap().width, 38);
        let r = ReaderAreas::new(a.main);
        assert_eq!(r.column.width, MEASURE);
        assert!(Areas::new(39, 24, false).is_none());
        assert!(Areas::new(80, 9, false).is_none());
    }
}
