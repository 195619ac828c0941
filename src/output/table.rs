//! Aligned text tables and labelled fields. Every cell and value is shown
//! with its control characters escaped (see `text`).

use crate::text::{escape, width};

pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let mut out = line(&widths, headers);
    out.push('\n');
    for row in rows {
        out.push_str(&line(&widths, row));
        out.push('\n');
    }
    out
}

/// One row of a table, padded to `widths`.
pub fn line<S: AsRef<str>>(widths: &[usize], cells: &[S]) -> String {
    // One allocation per line: `cert list` of a large region makes many.
    let mut s = String::with_capacity(widths.iter().sum::<usize>() + 2 * widths.len());
    for (i, cell) in cells.iter().enumerate() {
        let cell = escape(cell.as_ref());
        s.push_str(&cell);
        if i + 1 < cells.len() {
            s.extend(std::iter::repeat_n(' ', widths[i].saturating_sub(cell.chars().count()) + 2));
        }
    }
    s.truncate(s.trim_end().len());
    s
}

/// `Label:  value` lines with the values aligned.
pub fn fields(pairs: &[(&str, String)]) -> String {
    let width = pairs.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 1;
    let mut out = String::new();
    for (k, v) in pairs {
        out.push_str(&format!("{:<width$} {}\n", format!("{k}:"), escape(v)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align() {
        let t = table(&["A", "LONGER"], &[vec!["xxxx".into(), "y".into()], vec!["z".into(), "w".into()]]);
        assert_eq!(t, "A     LONGER\nxxxx  y\nz     w\n");
    }

    #[test]
    fn a_cell_cannot_add_a_row_or_reach_the_terminal() {
        let t = table(&["NAME", "X"], &[vec!["evil\nforged row".into(), "\u{1b}[2J".into()]]);
        assert_eq!(t.lines().count(), 2, "{t}");
        assert!(!t.contains('\u{1b}'));
        assert_eq!(fields(&[("Name", "a\rb".into())]), "Name: a\\rb\n");
    }
}
