use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::context::Context;
use crate::error::Result;

/// Print a shell completion script
///
/// The scripts complete commands, options, region names and the values of
/// enumerated options. The same scripts are in the completions/ directory of
/// the source.
///
/// Examples:
///   acmctl completions bash > ~/.local/share/bash-completion/completions/acmctl
///   acmctl completions zsh > ~/.zfunc/_acmctl
///   acmctl completions fish > ~/.config/fish/completions/acmctl.fish
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// bash, zsh, fish, powershell or elvish
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn script(shell: Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "acmctl", &mut buf);
    String::from_utf8(buf).expect("completion scripts are UTF-8")
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    ctx.ui.emit_raw(&script(args.shell));
    Ok(())
}
