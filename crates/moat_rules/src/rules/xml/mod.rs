//! XML: parsers that resolve external entities or expand entities without bounds.

pub mod xml_external_entities;
pub mod xml_unsafe_parser;
