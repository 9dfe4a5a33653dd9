//! The `stripe-catalog` binary: parse the command line, hand it to the library, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = stripe_catalog::cli::Cli::parse();
    stripe_catalog::run(cli).into()
}
