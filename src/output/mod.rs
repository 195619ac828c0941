//! All output goes through `Ui`: results to stdout (text for people, JSON
//! in ACM's shapes for scripts), everything else to stderr.

pub mod acm;
pub mod progress;
pub mod table;

use std::io::Write;

use clap::ValueEnum;
use serde::Serialize;
use serde_json::Value;

use crate::error::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Aligned tables and labelled fields, for people.
    #[default]
    Text,
    /// ACM API response shapes, for scripts.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// A command's result, in both forms: `json` is one of the typed shapes
/// (output::acm), or a `Value` where the shape is not fixed.
pub struct Output<J: Serialize = Value> {
    pub json: J,
    pub text: String,
}

impl<J: Serialize> Output<J> {
    pub fn new(json: J, text: impl Into<String>) -> Self {
        Output { json, text: text.into() }
    }
}

#[derive(Clone, Debug)]
pub struct Ui {
    pub format: OutputFormat,
    pub quiet: bool,
    color: bool,
}

impl Ui {
    /// `color`: whether messages are painted, as the settings decided from
    /// `--color`, NO_COLOR and the terminal.
    pub fn new(format: OutputFormat, quiet: bool, color: bool) -> Self {
        Ui { format, quiet, color }
    }

    /// A progress bar for `len` steps, shown on a terminal unless quiet.
    pub fn progress(&self, len: u64) -> progress::Progress {
        progress::Progress::new(len, !self.quiet)
    }

    pub fn is_json(&self) -> bool {
        self.format == OutputFormat::Json
    }

    /// Prints a command's result on stdout. A closed pipe is not an error:
    /// `acmctl cert list | head -1` ends quietly.
    pub fn emit<J: Serialize>(&self, out: &Output<J>) {
        match self.format {
            OutputFormat::Json => self.emit_json(&out.json),
            OutputFormat::Text => self.emit_text(out.text.clone()),
        }
    }

    /// Prints a command's result, building only the form asked for: the
    /// other may cost as much (a renewal sweep's summary of every
    /// certificate, a describe's labelled fields).
    pub fn show<J: Serialize>(&self, json: impl FnOnce() -> J, text: impl FnOnce() -> String) {
        match self.format {
            OutputFormat::Json => self.emit_json(&json()),
            OutputFormat::Text => self.emit_text(text()),
        }
    }

    fn emit_json(&self, json: &impl Serialize) {
        // The shapes hold strings, numbers, booleans, lists and maps with
        // string keys, which always serialise.
        let mut s = serde_json::to_string_pretty(json).expect("JSON values serialise");
        s.push('\n');
        write_stdout(s.as_bytes());
    }

    fn emit_text(&self, mut s: String) {
        if !s.is_empty() && !s.ends_with('\n') {
            s.push('\n');
        }
        write_stdout(s.as_bytes());
    }

    /// Prints `{"KEY": [items…]}` exactly as `emit` would, one item at a
    /// time through serde_json's pretty printer, so that a list of 100,000
    /// certificates is never held whole.
    pub fn emit_json_list<T: Serialize>(&self, key: &str, items: impl Iterator<Item = T>) {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let list = List { key, items: std::cell::Cell::new(Some(items)) };
        // EPIPE means the reader has gone; there is nobody left to tell.
        let _ = serde_json::to_writer_pretty(&mut out, &list)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush());
    }

    /// Prints lines of text on stdout as they come.
    pub fn emit_lines(&self, lines: impl Iterator<Item = String>) {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let write = || -> std::io::Result<()> {
            for line in lines {
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")?;
            }
            out.flush()
        };
        let _ = write();
    }

    /// Prints raw text (PEM) on stdout, whatever the format.
    pub fn emit_raw(&self, text: &str) {
        write_stdout(text.as_bytes());
    }

    /// A status line for people, on stderr; `--quiet` silences it.
    pub fn status(&self, message: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr(), "{}", crate::text::escape(message));
        }
    }

    pub fn warn(&self, message: &str) {
        let _ = writeln!(std::io::stderr(), "{}: {}", self.paint("warning", "33"), crate::text::escape(message));
    }

    /// An error: its sentence, what caused it (`caused by:`, outermost
    /// first), and the hint.
    pub fn error(&self, err: &Error) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{}: {}", self.paint("error", "31"), crate::text::escape(&err.message));
        for cause in err.causes() {
            let _ = writeln!(stderr, "{}: {}", self.paint("caused by", "2"), crate::text::escape(&cause));
        }
        if let Some(hint) = &err.hint {
            let _ = writeln!(stderr, "{}: {}", self.paint("hint", "36"), crate::text::escape(hint));
        }
    }

    /// A line of a long-running server's log, on stderr.
    pub fn log(&self, line: &str) {
        let _ = writeln!(std::io::stderr(), "{}", crate::text::escape(line));
    }

    fn paint(&self, word: &str, code: &str) -> String {
        if self.color { format!("\x1b[1;{code}m{word}\x1b[0m") } else { word.to_string() }
    }
}

/// A command-line error from clap (which quotes what it was given), with
/// the control characters of that quote escaped.
pub fn clap_error(e: &clap::Error) {
    use clap::error::{ContextKind, ContextValue};
    // Rendered with clap's styles: its plain rendering strips escape
    // sequences, the value's own among them, which then could no longer be
    // found to be shown escaped ('k\x1b[31m=v' would read 'k=v').
    let mut text = e.render().ansi().to_string();
    // The value as given, line breaks and all, is escaped where it is
    // quoted; the message's own line breaks stay.
    if let Some(ContextValue::String(value)) = e.get(ContextKind::InvalidValue) {
        text = text.replace(value.as_str(), &crate::text::escape(value));
    }
    // clap's own styles go; the escaped value has no escape sequence left.
    let text = clap::builder::StyledStr::from(text).to_string();
    let _ = write!(std::io::stderr(), "{}", crate::text::escape_lines(&text));
}

/// `{"KEY": [items…]}`, its items serialised as the iterator yields them.
struct List<'k, I> {
    key: &'k str,
    /// Taken by the one serialisation there is.
    items: std::cell::Cell<Option<I>>,
}

impl<I: Iterator<Item = T>, T: Serialize> Serialize for List<'_, I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.key, &Items(&self.items))?;
        map.end()
    }
}

struct Items<'a, I>(&'a std::cell::Cell<Option<I>>);

impl<I: Iterator<Item = T>, T: Serialize> Serialize for Items<'_, I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.take().into_iter().flatten())
    }
}

fn write_stdout(bytes: &[u8]) {
    let mut stdout = std::io::stdout().lock();
    // EPIPE means the reader has gone; there is nobody left to tell.
    let _ = stdout.write_all(bytes).and_then(|()| stdout.flush());
}

/// Serialises `shape` as `Ui` prints it, checks that its members come in
/// the order a `Value` map gives them (sorted, as the JSON printed before
/// the typed shapes), and returns it as a value to look into.
#[cfg(test)]
pub(crate) fn printed_in_order(shape: &impl Serialize) -> Value {
    let printed = serde_json::to_string_pretty(shape).unwrap();
    let value = serde_json::to_value(shape).unwrap();
    assert_eq!(printed, serde_json::to_string_pretty(&value).unwrap(), "members out of order");
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_list_prints_as_the_whole_value_would() {
        for n in 0..3 {
            let items: Vec<Value> = (0..n).map(|i| serde_json::json!({"B": [i, {"C": i}], "A": "x\ny"})).collect();
            let list = List { key: "Items", items: std::cell::Cell::new(Some(items.clone().into_iter())) };
            let streamed = serde_json::to_string_pretty(&list).unwrap();
            let whole = serde_json::to_string_pretty(&serde_json::json!({"Items": items})).unwrap();
            assert_eq!(streamed, whole, "{n} items");
        }
    }
}
