//! A progress bar for long sweeps, shown only to a person watching a
//! terminal: never in cron logs, CI output or JSON.

use std::io::IsTerminal;

pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    pub fn new(len: u64, show: bool) -> Progress {
        if !show || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(len);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    /// `n` steps done at once (a batch).
    pub fn advance(&self, n: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(n);
        }
    }

    pub fn step(&self, message: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(message.to_string());
            bar.inc(1);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
