use std::fmt::Write as _;

use crate::commands::Context;
use crate::error::{Error, Result};

/// Print the manual page (roff)
///
/// The page is generated from the same definitions as --help: every command
/// with its options, the environment variables and the exit codes.
///
/// Examples:
///   acmctl man | man -l -
///   acmctl man > /usr/local/share/man/man1/acmctl.1
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {}

/// Escapes text for roff: backslashes, and lines that would start a request.
fn roff(text: &str) -> String {
    text.lines()
        .map(|l| {
            let l = l.replace('\\', "\\e");
            if l.starts_with('.') || l.starts_with('\'') { format!("\\&{l}") } else { l }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn commands(cmd: &clap::Command, path: &str, out: &mut String) {
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("{path} {}", sub.get_name());
        if sub.has_subcommands() {
            commands(sub, &name, out);
            continue;
        }
        let _ = writeln!(out, ".SS \"{name}\"");
        let about = sub.get_long_about().or(sub.get_about()).map(|a| a.to_string()).unwrap_or_default();
        let _ = writeln!(out, ".nf\n{}\n.fi", roff(&about));
        let usage = sub.clone().bin_name(name.clone()).render_usage().to_string();
        let _ = writeln!(out, ".PP\n{}", roff(&usage));
        for arg in sub.get_arguments().filter(|a| !a.is_global_set() && a.get_id() != "help" && a.get_id() != "version")
        {
            let flag = match (arg.get_long(), arg.get_value_names()) {
                (Some(l), Some(v)) => format!("--{l} <{}>", v.join(" ")),
                (Some(l), None) => format!("--{l}"),
                (None, Some(v)) => format!("<{}>", v.join(" ")),
                (None, None) => arg.get_id().to_string(),
            };
            let help = arg.get_long_help().or(arg.get_help()).map(|h| h.to_string()).unwrap_or_default();
            let _ = writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(&flag), roff(&help));
        }
    }
}

pub fn page() -> std::io::Result<String> {
    let cmd = crate::cli::command();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf)?;
    let mut page = String::from_utf8(buf).expect("roff is UTF-8");
    page.push_str(".SH \"COMMAND DETAILS\"\n");
    commands(&cmd, "acmctl", &mut page);
    Ok(page)
}

pub fn run(ctx: &Context, _args: &Args) -> Result<()> {
    let page = page().map_err(|e| Error::failure(format!("cannot render the manual page: {e}")))?;
    ctx.ui.emit_raw(&page);
    Ok(())
}
