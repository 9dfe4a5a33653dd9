//! The integration tests: one binary, one module per area.

mod catalog;
mod checkout;
mod ci_recipe;
mod cli;
mod gateway;
mod generated;
mod help;
mod import;
mod payments;
mod plan_apply;
mod request_counts;
mod sandbox;
mod shop;
mod support;
