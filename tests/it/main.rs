//! The integration tests: one binary, one module per area.

mod api_base;
mod billing;
mod catalog;
mod checkout;
mod ci_recipe;
mod cli;
mod gateway;
mod generated;
mod help;
mod hostile_text;
mod import;
mod limits;
mod live_consent;
mod local_files;
mod meters;
mod payments;
mod plan_apply;
mod request_counts;
mod sandbox;
mod served;
mod shop;
mod sigkill;
mod subscribers;
mod support;
