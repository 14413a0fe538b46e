//! The `vetrina` command line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use vetrina::diagnostics::Diagnostic;
use vetrina::pipeline::{self, Options, Progress};

#[derive(Parser)]
#[command(name = "vetrina", version, about = "Build the AgID-style service catalog site of a Centro Servizi Territoriale")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        /// The site's folder (with vetrina.toml, content/, themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/output].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Public address of the site, overriding `base_url` in vetrina.toml (e.g. for a preview).
        #[arg(long)]
        base_url: Option<String>,
        /// Include content marked `bozza = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Check all content, data and templates; write nothing. Exits non-zero listing every error.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new, minimal site in DIR that builds.
    Init {
        /// The folder to create (must be empty or not exist).
        dir: PathBuf,
    },
}

/// Progress on stderr: one line rewritten in place on a terminal, plain lines otherwise.
struct Stderr {
    tty: bool,
}

impl Progress for Stderr {
    fn stage(&self, name: &str) {
        let mut err = std::io::stderr();
        if self.tty {
            let _ = write!(err, "\r\x1b[2K  {name}…");
        } else {
            let _ = writeln!(err, "  {name}…");
        }
        let _ = err.flush();
    }
}

fn report(errors: &[Diagnostic]) {
    let tty = std::io::stderr().is_terminal();
    if tty {
        eprint!("\r\x1b[2K");
    }
    for e in errors {
        eprintln!("{}", e.render(tty));
    }
    let n = errors.len();
    eprintln!("{} error{} found; nothing was written.", n, if n == 1 { "" } else { "s" });
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let progress = Stderr { tty: std::io::stderr().is_terminal() };
    match cli.command {
        Command::Build { root, output, base_url, drafts } => {
            let opts = Options { root, output, base_url, drafts, today: None };
            eprintln!("Building {}", opts.root.display());
            match pipeline::run(&opts, true, &progress) {
                Ok(s) => {
                    if progress.tty {
                        eprint!("\r\x1b[2K");
                    }
                    for w in &s.warnings {
                        eprintln!("warning: {w}");
                    }
                    eprintln!(
                        "Built {} pages ({} services), {} documents, {} assets in {:.2} s → {}",
                        s.pages,
                        s.services,
                        s.documents,
                        s.assets,
                        s.elapsed.as_secs_f64(),
                        opts.output_dir().display()
                    );
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    report(&errors);
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { root, drafts } => {
            let opts = Options { root, output: None, base_url: None, drafts, today: None };
            match pipeline::run(&opts, false, &progress) {
                Ok(s) => {
                    if progress.tty {
                        eprint!("\r\x1b[2K");
                    }
                    eprintln!("No errors: {} pages ({} services) checked in {:.2} s.", s.pages, s.services, s.elapsed.as_secs_f64());
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    report(&errors);
                    ExitCode::FAILURE
                }
            }
        }
        Command::Init { dir } => match vetrina::init::init(&dir) {
            Ok(()) => {
                eprintln!("Created a new site in {}.", dir.display());
                eprintln!("Next: cd {} && npm ci --prefix themes/agid && vetrina build", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
