//! The `flakebpf` command line: parses arguments (clap) and dispatches to
//! the subcommands in `flakebpf::cli`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use flakebpf::cli::{self, exit};

const EXIT_CODES: &str = "Exit codes: 0 success (run/analyze: no flaky test), 1 flaky test(s) found, \
2 usage error or unreadable input, 3 environment problem (no privilege, BTF, uprobes, unsupported Python), \
4 the traced command could not be started.";

#[derive(Parser, Debug)]
#[command(name = "flakebpf", version, about = "Finds why a pytest test is flaky, with eBPF", after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Trace one command (or a running process with --pid) into a trace file.
    Record(cli::record::RecordArgs),
    /// Print the events of a trace file with their Python stacks.
    Events {
        /// Trace file written by `flakebpf record`.
        file: std::path::PathBuf,
        /// JSON Lines instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Timing report of a `run --record` folder: passing vs failing runs, per line.
    Report(cli::report::ReportArgs),
    /// Check privilege, BTF, uprobes, tracepoints and the target Python.
    Doctor(cli::doctor::DoctorArgs),
    /// Run a pytest command N times under the tracer and find why tests are flaky.
    Run(flakebpf::run::RunArgs),
    /// Classify traces saved by `run --record` (same result as the live run).
    Analyze(cli::analyze::AnalyzeArgs),
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { exit::USAGE } else { exit::OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Record(a) => match cli::record::execute(a) {
            Ok(c) => c,
            Err(f) => {
                eprintln!("flakebpf: {:#}", f.error);
                f.code
            }
        },
        Command::Events { file, json } => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            match cli::events::run_file(&file, json, &mut out) {
                Ok(()) => exit::OK,
                Err(e) => {
                    eprintln!("flakebpf: {e:#}");
                    exit::USAGE
                }
            }
        }
        Command::Doctor(a) => cli::doctor::execute(a),
        Command::Report(a) => cli::report::execute(a),
        Command::Run(a) => match flakebpf::run::execute_with(a, &flakebpf::classify::Classifier::default()) {
            Ok(e) => e.code(),
            Err(e) => {
                eprintln!("flakebpf: {e:#}");
                exit::USAGE
            }
        },
        Command::Analyze(a) => cli::analyze::execute(a),
    };
    ExitCode::from(code)
}
