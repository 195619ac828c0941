use std::ffi::{OsStr, OsString};
use std::io::Write;

use clap_complete::Shell;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use clap_complete::env::{EnvCompleter, Shells};

use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::Region;
use crate::store::Store;

/// Print a shell completion script
///
/// The scripts complete commands, options, region names and the values of
/// enumerated options. The same scripts are in the completions/ directory of
/// the source.
///
/// With --dynamic, the script asks acmctl itself at each TAB, so that it also
/// completes the ARNs of the certificates and authorities in the store (of
/// every region; the store is ACMCTL_HOME or the default one). It is the
/// script that `COMPLETE=SHELL acmctl` prints.
///
/// Examples:
///   acmctl completions bash > ~/.local/share/bash-completion/completions/acmctl
///   acmctl completions zsh > ~/.zfunc/_acmctl
///   acmctl completions fish > ~/.config/fish/completions/acmctl.fish
///   source <(acmctl completions bash --dynamic)
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// bash, zsh, fish, powershell or elvish
    #[arg(value_enum)]
    pub shell: Shell,
    /// Print the script that completes ARNs from the store by calling acmctl
    #[arg(long)]
    pub dynamic: bool,
}

/// The environment variable that turns a run of acmctl into a completion
/// request (clap_complete's convention).
const VAR: &str = "COMPLETE";

const SHELLS: Shells<'static> = Shells(&[
    &ColonBash,
    &clap_complete::env::Elvish,
    &clap_complete::env::Fish,
    &clap_complete::env::Powershell,
    &clap_complete::env::Zsh,
]);

pub fn script(shell: Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::command(), "acmctl", &mut buf);
    String::from_utf8(buf).expect("completion scripts are UTF-8")
}

/// The registration script of dynamic completion for `shell`, which calls
/// `completer` (this program) at each TAB.
pub fn dynamic_script(shell: Shell, completer: &str) -> String {
    let adapter = SHELLS.completer(&shell.to_string()).expect("every Shell has an adapter");
    let mut buf = Vec::new();
    adapter.write_registration(VAR, "acmctl", "acmctl", completer, &mut buf).expect("writing to memory cannot fail");
    String::from_utf8(buf).expect("completion scripts are UTF-8")
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    if !args.dynamic {
        ctx.ui.emit_raw(&script(args.shell));
        return Ok(());
    }
    let exe =
        std::env::current_exe().map_err(|e| Error::failure(format!("cannot find the path of acmctl itself: {e}")))?;
    ctx.ui.emit_raw(&dynamic_script(args.shell, &exe.to_string_lossy()));
    Ok(())
}

/// Answers a completion request when the shell's script asked for one
/// (`COMPLETE` is set). Returns whether it did, in which case the program
/// has nothing else to do.
pub fn complete_from_env() -> std::result::Result<bool, clap::Error> {
    // Checked first so that an ordinary run pays nothing for completion.
    if !crate::settings::completion_requested() {
        return Ok(false);
    }
    clap_complete::CompleteEnv::with_factory(crate::cli::command)
        .shells(SHELLS)
        .try_complete(std::env::args_os(), std::env::current_dir().ok().as_deref())
}

/// Completes certificate ARNs from the store, showing each one's domain name.
pub fn certificate_arns() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        candidates(current, |store, region| {
            let summaries = store.read(region, |tx| Ok(tx.summaries()?)).ok()?;
            Some(summaries.into_iter().map(|s| (s.arn.to_string(), s.domain_name)).collect())
        })
    })
}

/// Completes authority ARNs from the store, showing each one's common name.
pub fn authority_arns() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        candidates(current, |store, region| {
            let authorities = store.read(region, |tx| Ok(tx.authorities()?)).ok()?;
            Some(authorities.into_iter().map(|a| (a.arn.to_string(), a.common_name)).collect())
        })
    })
}

/// The ARNs, with their help, of every region of the store that could
/// still match what has been typed. Completion never fails: a missing or
/// unreadable store offers nothing.
fn candidates(
    current: &OsStr,
    list: impl Fn(&Store, Region) -> Option<Vec<(String, String)>>,
) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else { return Vec::new() };
    let Ok(settings) = crate::settings::Settings::from_process(&crate::cli::GlobalArgs::unset()) else {
        return Vec::new();
    };
    let Ok(Some(store)) = Store::open_existing(&settings.store) else { return Vec::new() };
    // arn:PARTITION:SERVICE:REGION:… — once the region is typed in full,
    // the other regions need not be read.
    let typed_region = current.split(':').nth(3).filter(|_| current.split(':').count() > 4);
    let mut out = Vec::new();
    for region in store.regions().unwrap_or_default() {
        if typed_region.is_some_and(|r| r != region.as_str()) {
            continue;
        }
        for (arn, help) in list(&store, region).unwrap_or_default() {
            if arn.starts_with(current) {
                out.push(CompletionCandidate::new(arn).help(Some(help.into())));
            }
        }
    }
    out
}

/// clap_complete's bash adapter, with ARNs in mind: bash splits the word
/// being completed at colons (COMP_WORDBREAKS), which would cut an ARN into
/// seven words. This script takes the words from the command line as typed,
/// and gives bash back only the part of each candidate after the last colon.
struct ColonBash;

impl EnvCompleter for ColonBash {
    fn name(&self) -> &'static str {
        "bash"
    }

    fn is(&self, name: &str) -> bool {
        name == "bash"
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        let function = format!("_clap_complete_{}", name.replace('-', "_"));
        let quoted = format!("'{}'", completer.replace('\'', r"'\''"));
        // The completer's path goes in last: it may contain the other words.
        let script = BASH_REGISTRATION
            .replace("FUNCTION", &function)
            .replace("VAR", var)
            .replace("BIN", bin)
            .replace("COMPLETER", &quoted);
        buf.write_all(script.as_bytes())
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        clap_complete::env::Bash.write_complete(cmd, args, current_dir, buf)
    }
}

const BASH_REGISTRATION: &str = r#"
FUNCTION() {
    local line=${COMP_LINE:0:COMP_POINT}
    local -a words
    read -ra words <<< "$line"
    if [[ -z $line || $line == *[[:space:]] ]]; then
        words+=("")
    fi
    local cur=${words[${#words[@]}-1]}
    local IFS=$'\013'
    local reply
    reply=$( \
        _CLAP_IFS="$IFS" \
        _CLAP_COMPLETE_INDEX=$(( ${#words[@]} - 1 )) \
        _CLAP_COMPLETE_COMP_TYPE="${COMP_TYPE:-9}" \
        VAR="bash" \
        COMPLETER -- "${words[@]}" \
    ) || return
    COMPREPLY=( $reply )
    if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
        local before=${cur%"${cur##*:}"}
        local i
        for i in "${!COMPREPLY[@]}"; do
            COMPREPLY[i]=${COMPREPLY[i]#"$before"}
        done
    fi
}
complete -o bashdefault -o default -F FUNCTION BIN
"#;
