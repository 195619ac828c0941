//! Aligned text tables and labelled fields.

pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
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

/// Column widths for `line`, from the headers and every row.
pub fn widths(headers: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<usize> {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    widths
}

/// One row of a table, padded to `widths`.
pub fn line<S: AsRef<str>>(widths: &[usize], cells: &[S]) -> String {
    // One allocation per line: `cert list` of a large region makes many.
    let mut s = String::with_capacity(widths.iter().sum::<usize>() + 2 * widths.len());
    for (i, cell) in cells.iter().enumerate() {
        let cell = cell.as_ref();
        s.push_str(cell);
        if i + 1 < cells.len() {
            s.extend(std::iter::repeat_n(' ', widths[i] - cell.chars().count() + 2));
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
        out.push_str(&format!("{:<width$} {v}\n", format!("{k}:")));
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
}
