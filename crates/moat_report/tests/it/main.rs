//! Integration tests of every output format and of baselines, through the public API.

mod audit;
mod baseline;
mod fixture;
mod json;
mod sarif;
mod text;
