//! The integration tests: one binary, one module per area.

mod catalog;
mod checkout;
mod cli;
mod gateway;
mod generated;
mod payments;
mod sandbox;
mod shop;
