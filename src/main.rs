//! The `vetrina` command line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

use vetrina::diagnostics::Diagnostic;
use vetrina::i18n::{self, Language};
use vetrina::t;

// The build allocates many short-lived strings on every thread; glibc's allocator spent a
// third of a 1,000-service build in malloc/free (perf), mimalloc a fraction of that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_arena_eager_commit` (`mimalloc.h`; the Rust bindings do not name it).
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Let mimalloc commit its arenas' memory as it is used, not all at once. By default, on
/// Linux, it commits each 1 GiB arena eagerly, and the kernel then zeroes huge pages for
/// memory that is freed and reused: with 10,000 service cards that was 8 of 23 CPU seconds in
/// the kernel (`perf`: `clear_page_erms` under mimalloc's page allocation, most of it while
/// Pagefind indexes). Committed on use: 3.3–5.2 s, and the build 15.1 → 11.5–13.0 s when an
/// earlier output has the compressed copies (20.0 → 17.3 s without), the same peak memory.
/// Set before the build allocates much: later arenas follow it.
fn commit_memory_on_use() {
    // SAFETY: sets a plain integer option; mimalloc reads it when it reserves an arena.
    unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) };
}
use vetrina::build::{self, Options, Progress};

#[derive(Parser)]
#[command(name = "vetrina", version)]
struct Cli {
    /// Language of the messages (it, en).
    #[arg(long, global = true, value_name = "LINGUA")]
    lingua: Option<String>,
    #[command(subcommand)]
    command: Command,
}

// The help texts are in the message catalog (`cli-<command>-<argument>`), in the chosen
// language: see `localized`.
#[derive(Subcommand)]
enum Command {
    Build {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        output: Option<PathBuf>,
        #[arg(long)]
        base_url: Option<String>,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        timings: bool,
        #[arg(long)]
        fresh: bool,
    },
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
    },
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        #[arg(long)]
        drafts: bool,
    },
    Init {
        dir: PathBuf,
    },
    Schema {
        #[arg(default_value = "schemi")]
        cartella: PathBuf,
    },
    Nuovo {
        tipo: String,
        slug: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    Preventivo {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_name = "SERVIZIO")]
        servizio: Vec<String>,
        #[arg(long, value_name = "NOME")]
        ente: Option<String>,
        #[arg(long, value_name = "TIPO")]
        tipo: Option<String>,
        #[arg(long, value_name = "N")]
        abitanti: Option<u64>,
        #[arg(long, value_name = "N")]
        postazioni: Option<u64>,
        #[arg(long, value_name = "N")]
        imprese: Option<u64>,
        #[arg(long, value_name = "N")]
        utenti: Option<u64>,
        #[arg(long, value_name = "N")]
        persone: Option<u64>,
        #[arg(long, value_name = "N", default_value_t = 1)]
        anni: u32,
        #[arg(long, value_name = "DATA")]
        dal: Option<String>,
        #[arg(long, value_name = "VOCE")]
        voce: Vec<String>,
        #[arg(long)]
        non_aderente: bool,
        #[arg(long)]
        json: bool,
    },
}

/// The language asked for before clap parses anything, so that `--help` speaks it too:
/// `--lingua X` or `--lingua=X` anywhere on the command line, else `VETRINA_LINGUA`.
fn language_from_args(args: &[String]) -> Result<Language, String> {
    let mut named = None;
    for (i, a) in args.iter().enumerate() {
        if let Some(v) = a.strip_prefix("--lingua=") {
            named = Some(v.to_string());
        } else if a == "--lingua" {
            named = args.get(i + 1).cloned();
        }
    }
    match named {
        Some(name) => Language::parse(&name).ok_or(name),
        None => Ok(Language::from_env()),
    }
}

/// The command line with its help in the current language: every command's and argument's
/// text from the catalog, and clap's own headings translated.
fn localized(cmd: clap::Command) -> clap::Command {
    let usage = format!("vetrina [{}] <{}>", t!("cli-options-token"), t!("cli-command-token"));
    let cmd = with_help_texts(cmd, "cli", true).about(t!("cli-about")).subcommand_help_heading(t!("cli-heading-commands")).override_usage(usage);
    cmd.mut_subcommands(|sub| {
        let id = format!("cli-{}", sub.get_name());
        let positionals: String = sub.get_positionals().map(|a| format!(" <{}>", a.get_id().as_str().to_uppercase())).collect();
        let usage = format!("vetrina {} [{}]{positionals}", sub.get_name(), t!("cli-options-token"));
        with_help_texts(sub, &id, false).about(i18n::message(&id, None)).override_usage(usage)
    })
}

fn with_help_texts(cmd: clap::Command, id: &str, root: bool) -> clap::Command {
    let template = format!("{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}\n", t!("cli-usage"));
    let mut cmd = cmd
        .help_template(template)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .mut_args(|a| {
            let key = if a.get_id() == "lingua" { "cli-lingua".to_string() } else { format!("{id}-{}", a.get_id()) };
            let heading = if a.is_positional() { t!("cli-heading-arguments") } else { t!("cli-heading-options") };
            let help = i18n::message(&key, None);
            let a = a.help_heading(heading);
            match a.get_default_values().first().filter(|_| a.get_action().takes_values()) {
                Some(default) => {
                    let help = format!("{help} [{}: {}]", t!("cli-default"), default.to_string_lossy());
                    a.help(help).hide_default_value(true)
                }
                None => a.help(help),
            }
        })
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help(t!("cli-help")).help_heading(t!("cli-heading-options")));
    if root {
        cmd = cmd
            .disable_version_flag(true)
            .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help(t!("cli-version")).help_heading(t!("cli-heading-options")));
    }
    cmd
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
        self.close_stage();
        if let Ok(mut current) = self.current.lock() {
            *current = Some((name.to_string(), std::time::Instant::now()));
        }
        if self.timings {
            return;
        }
        if self.tty {
            let _ = write!(err, "\r\x1b[2K  {name}…");
        } else {
            let _ = writeln!(err, "  {name}…");
        }
        let _ = err.flush();
    }

    fn done(&self) {
        self.close_stage();
    }
}

impl Stderr {
    /// With `--timings`, the time of the stage that just ended.
    fn close_stage(&self) {
        if let Ok(mut current) = self.current.lock() {
            if let (true, Some((prev, start))) = (self.timings, current.take()) {
                eprintln!("  {prev}: {} s{}", i18n::decimal(start.elapsed().as_secs_f64(), 3), memory());
            }
        }
    }

    /// Clear the progress line before the summary.
    fn clear(&self) {
        if self.tty {
            eprint!("\r\x1b[2K");
        }
    }
}

/// ", 312 MB in uso (massimo 420 MB)" where the system says (Linux), for `--timings`.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return String::new() };
    let kb = |key: &str| status.lines().find_map(|l| l.strip_prefix(key)?.trim().strip_suffix("kB")?.trim().parse::<u64>().ok());
    match (kb("VmRSS:"), kb("VmHWM:")) {
        (Some(now), Some(peak)) => t!("memory", now = now / 1024, peak = peak / 1024),
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
    eprintln!("{}", t!("errors-found", count = errors.iter().filter(|e| e.is_error()).count()));
}

/// What a successful check or build found worth fixing: the plain warnings, then those at a
/// place in the content, with their count.
fn report_warnings(s: &build::Summary) {
    for w in &s.warnings {
        eprintln!("{}: {w}", t!("warning"));
    }
    let tty = std::io::stderr().is_terminal();
    for w in &s.content_warnings {
        eprintln!("{}", w.render(tty));
    }
    if !s.content_warnings.is_empty() {
        eprintln!("{}", t!("warnings-found", count = s.content_warnings.len()));
    }
}

fn main() -> ExitCode {
    commit_memory_on_use();
    let args: Vec<String> = std::env::args().collect();
    match language_from_args(&args) {
        Ok(language) => i18n::set_language(language),
        Err(name) => {
            eprintln!("{}: {}", t!("error"), t!("cli-lang-unknown", name = name));
            return ExitCode::from(2);
        }
    }
    let parsed = localized(Cli::command()).try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => run(cli.command),
        // Help and version go to stdout as clap writes them (already in the user's language).
        Err(e) if !e.use_stderr() || e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
        Err(e) => {
            eprintln!("{}: {}\n{}", t!("error"), cli_error(&e), t!("cli-err-help"));
            ExitCode::from(2)
        }
    }
}

/// clap's own errors, in the user's language (clap has no translations).
fn cli_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let value = |k| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    match e.kind() {
        ErrorKind::InvalidSubcommand => t!("cli-err-subcommand", name = value(ContextKind::InvalidSubcommand)),
        ErrorKind::UnknownArgument => t!("cli-err-argument", name = value(ContextKind::InvalidArg)),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            t!("cli-err-value", name = value(ContextKind::InvalidArg), value = value(ContextKind::InvalidValue))
        }
        ErrorKind::MissingRequiredArgument => t!("cli-err-missing", name = value(ContextKind::InvalidArg)),
        ErrorKind::MissingSubcommand => t!("cli-err-no-command"),
        _ => e.kind().to_string(),
    }
}

/// `vetrina schema`: the JSON Schema of each content kind, into `dir`.
fn write_schemas(dir: &std::path::Path) -> ExitCode {
    // The files sit in the folder itself, not under `schemi/` as in the site.
    let files = vetrina::schema::files("")
        .into_iter()
        .map(|mut f| {
            f.path = f.path.trim_start_matches(vetrina::routes::SCHEMA_FOLDER).to_string();
            f
        })
        .collect();
    match vetrina::write::plain_files(dir, files) {
        Ok(count) => {
            eprintln!("{}", t!("schema-done", count = count, dir = dir.display().to_string()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.into_diagnostic().render(std::io::stderr().is_terminal()));
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> ExitCode {
    match command {
        Command::Build { root, output, base_url, drafts, timings, fresh } => {
            let opts = Options { root, output, base_url, drafts, today: None, live_reload: false, fresh };
            build_site(&opts, timings)
        }
        Command::Check { root, drafts } => {
            let progress = Stderr::new(false);
            let opts = Options { root, output: None, base_url: None, drafts, today: None, live_reload: false, fresh: false };
            match build::run(&opts, build::Mode::Check, &progress) {
                Ok(s) => {
                    progress.clear();
                    report_warnings(&s);
                    let seconds = i18n::decimal(s.elapsed.as_secs_f64(), 2);
                    eprintln!("{}", t!("check-ok", pages = s.pages, services = s.services, seconds = seconds));
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
                eprintln!("{}: {e}", t!("error"));
                ExitCode::FAILURE
            }
        },
        Command::Schema { cartella } => write_schemas(&cartella),
        Command::Nuovo { tipo, slug, root } => match vetrina::nuovo::create(&root, &tipo, &slug, jiff::Zoned::now().date()) {
            Ok(path) => {
                eprintln!("{}", t!("nuovo-done", path = vetrina::diagnostics::relative(&path, &root)));
                eprintln!("{}", t!("nuovo-next"));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: {e}", t!("error"));
                ExitCode::FAILURE
            }
        },
        Command::Preventivo { root, servizio, ente, tipo, abitanti, postazioni, imprese, utenti, persone, anni, dal, voce, non_aderente, json } => {
            let request = vetrina::quote_command::Request {
                services: servizio,
                ente,
                ente_type: tipo,
                population: abitanti,
                workstations: postazioni,
                businesses: imprese,
                users: utenti,
                persons: persone,
                years: anni,
                start: dal,
                items: voce,
                non_member: non_aderente,
            };
            print_quote(&root, &request, json)
        }
        Command::Init { dir } => match vetrina::init::init(&dir) {
            Ok(()) => {
                eprintln!("{}", t!("init-done", dir = dir));
                eprintln!("{}", t!("init-next", dir = dir));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: {e}", t!("error"));
                ExitCode::FAILURE
            }
        },
    }
}

/// `vetrina preventivo`: the quote on stdout; content errors and a bad request on stderr.
fn print_quote(root: &std::path::Path, request: &vetrina::quote_command::Request, json: bool) -> ExitCode {
    use vetrina::quote_command;
    let (config, mut catalog) = match build::settings_and_catalog(root) {
        Ok(found) => found,
        Err(errors) => {
            report(&errors);
            return ExitCode::FAILURE;
        }
    };
    let today = jiff::Zoned::now().date();
    for t in &mut catalog.tariffs {
        t.use_list_in_force(today);
    }
    match quote_command::price(&catalog, &config, request, today) {
        Ok(priced) if json => println!("{}", quote_command::json(&priced)),
        Ok(priced) => print!("{}", quote_command::text(&priced, &config)),
        Err(errors) => {
            for e in errors {
                eprintln!("{}: {e}", t!("error"));
            }
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

fn build_site(opts: &Options, timings: bool) -> ExitCode {
    let progress = Stderr::new(timings);
    eprintln!("{}", t!("building", root = opts.root));
    match build::run(opts, build::Mode::Build, &progress) {
        Ok(s) => {
            progress.clear();
            report_warnings(&s);
            if s.unchanged {
                eprintln!("{}", t!("built-unchanged"));
            }
            let seconds = i18n::decimal(s.elapsed.as_secs_f64(), 2);
            let output = opts.output_dir();
            eprintln!(
                "{}",
                t!("built", pages = s.pages, services = s.services, documents = s.documents, assets = s.assets, seconds = seconds, output = output)
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            report(&errors);
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option's number is mimalloc's `arena_eager_commit`: the only one among the first
    /// six whose default is 2 ("eager where the OS overcommits"), and it reads back as set.
    #[test]
    fn the_eager_commit_option_is_the_one_set() {
        if std::env::var_os("MIMALLOC_ARENA_EAGER_COMMIT").is_none() {
            // SAFETY: reads an integer option.
            let before = unsafe { libmimalloc_sys::mi_option_get(ARENA_EAGER_COMMIT) };
            assert_eq!(before, 2, "option {ARENA_EAGER_COMMIT} is not arena_eager_commit");
        }
        commit_memory_on_use();
        // SAFETY: as above.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(ARENA_EAGER_COMMIT) }, 0);
    }

    /// Every help text of the command line is in the catalog (a missing one would show its id).
    #[test]
    fn every_help_text_is_in_the_catalog() {
        for language in [Language::It, Language::En] {
            i18n::set_language(language);
            let mut cmd = localized(Cli::command());
            cmd.build();
            let mut texts: Vec<String> = Vec::new();
            for sub in cmd.get_subcommands() {
                texts.push(sub.get_about().map(|a| a.to_string()).unwrap_or_default());
                texts.extend(sub.get_arguments().map(|a| a.get_help().map(|h| h.to_string()).unwrap_or_default()));
            }
            for text in texts {
                assert!(!text.is_empty() && !text.starts_with("cli-"), "{language:?}: missing help text {text:?}");
            }
        }
    }

    #[test]
    fn clap_errors_are_translated() {
        // Another test of this binary switches the language: check what both languages say.
        let e = localized(Cli::command()).try_get_matches_from(["vetrina", "costruisci"]).unwrap_err();
        assert!(cli_error(&e).contains("costruisci"), "{}", cli_error(&e));
        let e = localized(Cli::command()).try_get_matches_from(["vetrina", "build", "--porta", "1"]).unwrap_err();
        assert!(cli_error(&e).contains("--porta"), "{}", cli_error(&e));
        let e = localized(Cli::command()).try_get_matches_from(["vetrina", "serve", "--port", "mille"]).unwrap_err();
        assert!(cli_error(&e).contains("mille"), "{}", cli_error(&e));
    }

    #[test]
    fn the_language_comes_from_the_command_line() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(language_from_args(&args(&["vetrina", "check", "--lingua", "en"])), Ok(Language::En));
        assert_eq!(language_from_args(&args(&["vetrina", "--lingua=it", "check"])), Ok(Language::It));
        assert_eq!(language_from_args(&args(&["vetrina", "--lingua", "fr"])), Err("fr".to_string()));
    }
}
