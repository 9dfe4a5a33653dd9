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
mod live_consent;
mod local_files;
mod meters;
mod payments;
mod plan_apply;
mod policy;
mod request_counts;
mod sandbox;
mod sandbox_webhooks;
mod served;
mod shop;
mod sigkill;
mod subscribers;
mod support;
mod webhooks;
