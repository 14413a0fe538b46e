//! The `vetrina` command line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use vetrina::diagnostics::Diagnostic;

// The build allocates many short-lived strings on every thread; glibc's allocator spent a
// third of a 1,000-service build in malloc/free (perf), mimalloc a fraction of that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
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
        /// Print how long each stage of the build takes.
        #[arg(long)]
        timings: bool,
        /// Make every file again, instead of taking the unchanged ones from the last build's
        /// output (its `.vetrina-cache.json` says what each was made from).
        #[arg(long)]
        fresh: bool,
    },
    /// Check all content, data and templates; write nothing. Exits non-zero listing every error.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
    },
    /// Build the site, serve it on this machine and rebuild it when a file changes (live reload).
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; 127.0.0.1 keeps the preview on this machine.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Include content marked `bozza = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new, minimal site in DIR that builds.
    Init {
        /// The folder to create (must be empty or not exist).
        dir: PathBuf,
    },
}

/// Progress on stderr: one line rewritten in place on a terminal, plain lines otherwise;
/// with `--timings`, how long each stage took.
struct Stderr {
    tty: bool,
    timings: bool,
    current: std::sync::Mutex<Option<(String, std::time::Instant)>>,
}

impl Stderr {
    fn new(timings: bool) -> Self {
        Stderr { tty: std::io::stderr().is_terminal() && !timings, timings, current: std::sync::Mutex::new(None) }
    }
}

impl Progress for Stderr {
    fn stage(&self, name: &str) {
        let mut err = std::io::stderr();
        if let Ok(mut current) = self.current.lock() {
            if let (true, Some((prev, start))) = (self.timings, current.take()) {
                let _ = writeln!(err, "  {prev}: {:.3} s{}", start.elapsed().as_secs_f64(), memory());
            }
            *current = Some((name.to_string(), std::time::Instant::now()));
        }
        if name == "done" || self.timings {
            return;
        }
        if self.tty {
            let _ = write!(err, "\r\x1b[2K  {name}…");
        } else {
            let _ = writeln!(err, "  {name}…");
        }
        let _ = err.flush();
    }
}

/// ", 312 MB in use (peak 420 MB)" where the system says (Linux), for `--timings`.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return String::new() };
    let kb = |key: &str| status.lines().find_map(|l| l.strip_prefix(key)?.trim().strip_suffix("kB")?.trim().parse::<u64>().ok());
    match (kb("VmRSS:"), kb("VmHWM:")) {
        (Some(now), Some(peak)) => format!(", {} MB in use (peak {} MB)", now / 1024, peak / 1024),
        _ => String::new(),
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
    match cli.command {
        Command::Build { root, output, base_url, drafts, timings, fresh } => {
            let progress = Stderr::new(timings);
            let opts = Options { root, output, base_url, drafts, today: None, live_reload: false, fresh };
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
            let progress = Stderr::new(false);
            let opts = Options { root, output: None, base_url: None, drafts, today: None, live_reload: false, fresh: false };
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
        Command::Serve { root, port, bind, drafts } => match vetrina::serve::serve(vetrina::serve::ServeOptions { root, bind, port, drafts }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
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
