//! The `stripe-catalog` binary: hand the command line to the library, exit.

use std::process::ExitCode;

fn main() -> ExitCode {
    stripe_catalog::main(std::env::args_os()).into()
}
