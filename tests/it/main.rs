//! The integration tests: one binary, one module per area.

mod catalog;
mod cli;
mod gateway;
mod generated;
mod sandbox;
